"""Parts of programme pages that are the same for every request that shows them, as HTML made
once per process.

A version never changes, so what a page shows of it depends only on the programme (its slug
names its addresses), the version's content hash, the language, the address prefix the site
is served under and what the caller adds to the key (the page, the section, a role's rights).
Nothing per request goes into a fragment: no CSRF token, no messages, no user name; pages
put those around it. ``STRAMIEN_FRAGMENT_CACHE`` entries are kept (0: none, every request
makes its fragments anew, as before).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from .models import Programme
from .store import LRU

_fragments = LRU(lambda: int(getattr(settings, "STRAMIEN_FRAGMENT_CACHE", 512)))


def key_of(slug: str, *parts: Hashable) -> tuple[Hashable, ...]:
    """The key of a fragment of the programme ``slug``: ``parts`` in this language and under
    this address prefix."""
    return (slug, translation.get_language(), get_script_prefix(), *parts)


def cached(key: tuple[Hashable, ...], make: Callable[[], str]) -> SafeString:
    """The fragment kept under ``key``, made (and kept) when there is none."""
    html: str = _fragments.get(key, make)
    return mark_safe(html)  # made by our own templates, escaped there


def of_version(
    programme: Programme,
    name: str,
    template: str,
    context: Callable[[], dict[str, Any]],
    *parts: Hashable,
) -> SafeString:
    """``template`` rendered with ``context()`` for the newest version of ``programme``; the
    context is worked out only when the fragment is not kept yet. The day is in the key: a
    check that depends on the date (a milestone past due) is not kept from yesterday."""
    key = key_of(programme.slug, programme.head_content_hash, timezone.localdate(), name, *parts)
    return cached(key, lambda: render_to_string(template, context()))


def forget() -> None:
    """Drop every kept fragment (tests)."""
    _fragments.clear()
