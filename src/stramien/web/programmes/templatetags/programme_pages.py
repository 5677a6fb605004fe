"""``{% programme_nav_links as links %}``: the programme's navigation links
(``programmes/_nav_links.html``), made once per programme, page and rights.

``_layout.html`` shows the links twice (the tabs and the phone's menu); they hold about twenty
addresses, which Django works out one by one. What they show depends only on the programme's
address, the language, the page (``active``, the section), and two rights (``can_edit_own``,
``can_manage``), so the HTML is kept by those (``programmes.fragments``).
"""

from __future__ import annotations

from collections.abc import Hashable

from django import template
from django.template.base import Variable, VariableDoesNotExist
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

from stramien.web.programmes import fragments
from stramien.web.programmes.sections import SECTIONS

register = template.Library()

NAV_LINKS = "programmes/_nav_links.html"
_SECTION_KEY = Variable("section.key")


def _section_key(context: Context) -> Hashable:
    """``section.key`` as the template's ``{% if %}`` reads it (None when there is none)."""
    try:
        value = _SECTION_KEY.resolve(context)
    except VariableDoesNotExist:
        return None
    return value if isinstance(value, str | None) else repr(value)


@register.simple_tag(takes_context=True)
def programme_nav_links(context: Context) -> SafeString:
    assert context.template is not None
    links = context.template.engine.get_template(NAV_LINKS)
    programme = context.get("programme")
    active = context.get("active")
    if programme is None or context.get("sections") is not SECTIONS:
        return mark_safe(links.render(context))  # our template, escaped there
    key = fragments.key_of(
        programme.slug,
        "nav",
        active if isinstance(active, str | None) else repr(active),
        _section_key(context),
        bool(context.get("can_edit_own")),
        bool(context.get("can_manage")),
    )
    return fragments.cached(key, lambda: links.render(context))
