"""``{% url %}`` with the answers of ``reverse`` kept per process.

Django's ``{% url %}`` calls ``reverse`` on every use, and ``reverse`` walks the URL
patterns, fills one in and quotes it each time: about 15 calls per page, 10-15 % of a
page's CPU. What ``reverse`` gives depends only on the view name, the arguments, the
current namespace, the URLconf of the request, the script prefix and the active language,
so the same question gives the same answer for as long as the process runs (and until a
setting changes: then the kept answers go, see :func:`forget`). This library is one of the
template engine's builtins (settings ``TEMPLATES``); its ``url`` tag takes the place of
Django's and writes exactly what Django's writes.

Only questions whose arguments are plain ``str`` (or safe strings) and ``int`` values are
kept (slugs, ids, keys); anything else (a model instance, a lazy string) goes to
``reverse`` every time. At most :data:`LIMIT` answers are kept; when it is full, the kept
answers are dropped and gathered again.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.core.signals import setting_changed
from django.template.base import Parser, Token
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

#: How many answers a process keeps (a few hundred bytes each).
LIMIT = 20_000

_answers: dict[tuple[Any, ...], str] = {}
# The kinds of value a question may hold to be kept (a string in a template is a SafeString).
_PLAIN = frozenset({str, SafeString, int})


def forget(**_kwargs: Any) -> None:
    """Drop every kept answer (a setting changed: the URLconf may be another one)."""
    _answers.clear()


setting_changed.connect(forget, dispatch_uid="stramien.web.urltags.forget")


class CachedURLNode(URLNode):
    def render(self, context: template.Context) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        request = getattr(context, "request", None)
        try:
            current_app = request.current_app  # type: ignore[union-attr]
        except AttributeError:
            try:
                current_app = request.resolver_match.namespace  # type: ignore[union-attr]
            except AttributeError:
                current_app = None
        key = _key(view_name, args, kwargs, current_app)
        url = _answers.get(key, "") if key is not None else ""
        if not url:
            try:
                url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
            except NoReverseMatch:
                if self.asvar is None:
                    raise
            else:
                if key is not None:
                    if len(_answers) >= LIMIT:
                        _answers.clear()
                    _answers[key] = url
        if self.asvar:
            context[self.asvar] = url
            return ""
        if context.autoescape:
            return str(conditional_escape(url))
        return url


def _key(
    view_name: Any, args: list[Any], kwargs: dict[str, Any], current_app: Any
) -> tuple[Any, ...] | None:
    """The question as a key, or ``None`` when an argument is not a plain str or int."""
    if type(view_name) not in _PLAIN or not (current_app is None or type(current_app) is str):
        return None
    for value in (*args, *kwargs.values()):
        if type(value) not in _PLAIN:
            return None
    return (
        view_name,
        tuple(args),
        tuple(sorted(kwargs.items())) if kwargs else (),
        current_app,
        get_urlconf(),
        get_script_prefix(),
        get_language(),
    )


@register.tag
def url(parser: Parser, token: Token) -> CachedURLNode:
    """Django's ``{% url %}`` (same syntax, same output), with the answers kept."""
    node = django_url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
