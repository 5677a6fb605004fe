"""Search over everything a member of a programme may read: the text of the newest version
of its agreement and the comments on its sections. Each result links to where it is."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from pydantic import BaseModel

from stramien import revisions
from stramien.model import Agreement
from stramien.web.programmes import store
from stramien.web.programmes.field_links import FieldLinks
from stramien.web.programmes.models import Comment, Programme
from stramien.web.programmes.sections import BY_KEY
from stramien.web.schemaform.fields import field_specs

from .matching import Piece, query_words, snippet, spans

#: A query longer than this is refused (no one types more; it only costs time).
MAX_QUERY_LENGTH = 200
#: At most this many results are shown; the count says how many there were.
MAX_RESULTS = 100

#: Field kinds whose value is text a person wrote.
TEXT_KINDS = frozenset({"text", "textarea", "lines"})

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Result:
    """One place where every word of the query occurs."""

    section: str
    location: str
    url: str
    pieces: list[Piece]


@dataclass(frozen=True)
class Outcome:
    results: list[Result]
    total: int


def _texts(model: type[BaseModel], data: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """Every text a person wrote in ``data`` (of ``model``), with its path; ids and
    references are left out, since no one reads them."""
    if not isinstance(data, dict):
        return
    for spec in field_specs(model):
        value = data.get(spec.name)
        if value is None or spec.hidden or spec.name == "id" or spec.ref_kinds:
            continue
        here = (*path, spec.name)
        if spec.kind in ("text", "textarea") and isinstance(value, str):
            yield here, value
        elif spec.kind == "lines" and isinstance(value, list):
            yield from (
                ((*here, index), line) for index, line in enumerate(value) if isinstance(line, str)
            )
        elif spec.kind == "group" and spec.model is not None:
            yield from _texts(spec.model, value, here)
        elif spec.kind == "list" and spec.model is not None and isinstance(value, list):
            for index, item in enumerate(value):
                yield from _texts(spec.model, item, (*here, index))


def _section_title(key: str | None) -> str:
    section = BY_KEY.get(key or "")
    return f"{section.number} {section.title}" if section else _("Overeenkomst")


def _document_results(
    programme: Programme, document: store.Document, words: list[str]
) -> Iterator[Callable[[], Result | None]]:
    """Per match a function that makes its result: links and places are worked out only for
    the results shown, not for every match of a common word in a large programme."""
    links = FieldLinks(programme.slug, document)
    for path, text in _texts(Agreement, document, ()):
        found = spans(text, words)
        if found is not None:
            yield partial(_document_result, links, document, path, text, found)


def _document_result(
    links: FieldLinks,
    document: store.Document,
    path: Path,
    text: str,
    found: list[tuple[int, int]],
) -> Result | None:
    url = links.url(path)
    if url is None:
        return None
    return Result(
        section=_section_title(links.section_of(path)),
        location=revisions.location(path, document),
        url=url,
        pieces=snippet(text, found),
    )


def _comment_results(
    programme: Programme, words: list[str]
) -> Iterator[Callable[[], Result | None]]:
    comments = Comment.objects.filter(programme=programme).select_related("author")
    for comment in comments.order_by("created_at", "id"):
        found = spans(comment.body, words)
        if found is not None:
            yield partial(_comment_result, programme, comment, found)


def _comment_result(programme: Programme, comment: Comment, found: list[tuple[int, int]]) -> Result:
    thread = comment.thread_id or comment.pk
    author = comment.author.get_full_name() or comment.author.get_username()
    page = reverse("programmes:section", args=[programme.slug, comment.section])
    return Result(
        section=_section_title(comment.section),
        location=_("Opmerking van %(author)s") % {"author": author},
        url=f"{page}#thread-{thread}",
        pieces=snippet(comment.body, found),
    )


def search(programme: Programme, query: str) -> Outcome:
    """The places in ``programme`` where every word of ``query`` occurs, in the order of the
    document, then the comments; at most :data:`MAX_RESULTS` of them."""
    words = query_words(query)
    if not words:
        return Outcome([], 0)
    document = store.load_head(programme)
    results: list[Result] = []
    total = 0
    for make in chain(
        _document_results(programme, document, words), _comment_results(programme, words)
    ):
        if len(results) < MAX_RESULTS:
            result = make()
            if result is None:
                continue
            results.append(result)
        total += 1
    return Outcome(results, total)
