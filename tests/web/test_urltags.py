"""``{% url %}`` keeps reverse's answers per process (stramien.web.urltags) and writes exactly
what Django's own tag writes: for every kind of argument, after a change of script prefix or
language, and for whole pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.template import Context, Engine
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from stramien.web import urltags

from .conftest import client_for

TEMPLATE = """
{% url 'programmes:list' %}|{% url 'programmes:overview' slug %}|
{% url 'programmes:overview' slug=slug %}|{% url 'programmes:section' slug 'ambitie' %}|
{% url 'programmes:section' slug=slug key=key %}|{% url name slug %}|
{% url 'programmes:overview' obj %}|{% url 'programmes:overview' number %}|
{% url 'programmes:section' slug odd %}|{% url 'nergens' as missing %}[{{ missing }}]|
{% url 'programmes:overview' slug as there %}{{ there }}|
{% autoescape off %}{% url 'programmes:section' slug odd %}{% endautoescape %}
"""


class _Slugged:
    def __str__(self) -> str:
        return "als-object"


def _context() -> dict[str, Any]:
    return {
        "slug": "wijk-aan-zet",
        "key": "doelen",
        "name": "programmes:overview",
        "obj": _Slugged(),
        "number": 42,
        "odd": "a b&c<d>é",
    }


def _django() -> Engine:
    return Engine(libraries={}, builtins=[])


def _ours() -> Engine:
    return Engine(libraries={}, builtins=["stramien.web.urltags"])


def test_output_is_django_s_with_an_empty_and_a_filled_cache() -> None:
    urltags.forget()
    expected = _django().from_string(TEMPLATE).render(Context(_context()))
    ours = _ours().from_string(TEMPLATE)
    first = ours.render(Context(_context()))
    assert urltags._answers, "the answers were not kept"
    second = ours.render(Context(_context()))
    assert first == expected and second == expected
    assert "/wijk-aan-zet/" in expected and "als-object" in expected and "/42/" in expected
    assert "&amp;" in expected and "[]" in expected


def test_a_kept_answer_follows_the_script_prefix_and_the_language() -> None:
    template = _ours().from_string("{% url 'programmes:overview' 'p' %}")
    urltags.forget()
    try:
        plain = template.render(Context({}))
        set_script_prefix("/onder/")
        moved = template.render(Context({}))
    finally:
        set_script_prefix("/")
    assert moved == "/onder/" + plain.lstrip("/")
    assert template.render(Context({})) == plain
    with translation.override("en"):
        assert template.render(Context({})) == plain  # no language prefix in our URLs
    keys = {key[-2:] for key in urltags._answers}
    assert ("/", "nl") in keys and ("/onder/", "nl") in keys and ("/", "en") in keys


def test_a_url_that_does_not_exist_still_raises() -> None:
    template = _ours().from_string("{% url 'programmes:overview' %}")
    with pytest.raises(NoReverseMatch):
        template.render(Context({}))


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urltags, "LIMIT", 5)
    urltags.forget()
    template = _ours().from_string("{% url 'programmes:overview' slug %}")
    for number in range(12):
        assert template.render(Context({"slug": f"p{number}"})).endswith(f"/p{number}/")
        assert len(urltags._answers) <= 5


def _without_tokens(page: bytes) -> str:
    # The CSRF token is masked anew for every response.
    masked = r'(csrfmiddlewaretoken" value="|csrf-token" content=")[^"]+'
    return re.sub(masked, r"\1", page.decode())


@pytest.mark.django_db
def test_pages_are_the_same_as_with_django_s_tag(
    people: dict[str, Any], programme: Any, client: Any
) -> None:
    urls = [
        reverse("programmes:list"),
        reverse("programmes:overview", args=[programme.slug]),
        reverse("programmes:section", args=[programme.slug, "ambitie"]),
        reverse("programmes:section", args=[programme.slug, "doelen"]),
    ]
    user = client_for(people["regisseur"])
    ours = [_without_tokens(user.get(url, follow=True).content) for url in urls]
    ours_again = [_without_tokens(user.get(url, follow=True).content) for url in urls]
    templates = [
        dict(engine, OPTIONS={**engine["OPTIONS"], "builtins": []}) for engine in settings.TEMPLATES
    ]
    with override_settings(TEMPLATES=templates):
        theirs = [_without_tokens(user.get(url, follow=True).content) for url in urls]
    assert ours == theirs and ours_again == theirs
    assert all(len(page) > 2000 for page in theirs)
