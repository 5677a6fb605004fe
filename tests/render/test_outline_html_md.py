"""The document's content and order, and the HTML and Markdown renderings of it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile import MARKERS, poison

from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.render import _cache, build_document, clear_caches, content_hash, render
from stramien.render.blocks import Figure, Heading, RevisionMeta, SignaturePage, Table

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def small() -> Agreement:
    return load_agreement(EXAMPLES / "small.yaml")


class Page(HTMLParser):
    """Collects text, tags and attributes of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: bytes) -> Page:
    page = Page()
    page.feed(html.decode("utf-8"))
    return page


def test_document_follows_the_stramien_order(small: Agreement) -> None:
    document = build_document(small)
    top = [b.text for b in document.blocks if isinstance(b, Heading) and b.level == 1]
    assert top == [
        "Samenvatting",
        "§1 Maatschappelijke ambitie",
        "§2 Samenwerkingsverband",
        "§3 Visualisatie van de realisatie",
        "§4 Programma-opzet en organisatie",
        "§5 Bijlagen",
        "Ondertekening",
    ]
    keys = {b.key for b in document.blocks if isinstance(b, Figure)}
    assert {"goal-tree", "organogram", "participation-matrix", "phasing", "budget", "risks"} <= keys
    signatures = next(b for b in document.blocks if isinstance(b, SignaturePage)).signatures
    expected = sum(len(p.signatories) for p in small.partnership.partners)
    assert len(signatures) == expected
    assert all(s.mandate for s in signatures)


def test_every_chosen_appendix_is_in_the_document(small: Agreement) -> None:
    headings = [b.text for b in build_document(small).blocks if isinstance(b, Heading)]
    for kind in small.appendices.chosen:
        assert any(kind.label in h for h in headings), kind


def test_tables_carry_the_data(small: Agreement) -> None:
    tables = {b.caption: b for b in build_document(small).blocks if isinstance(b, Table)}
    risks = tables["Risico's, maatregelen en risicodragers"]
    assert len(risks.rows) == len(small.risks.items)
    assert {2, 3} <= risks.numeric
    goals = tables["Doelen en hun samenhang"]
    assert [row[0] for row in goals.rows] == [g.id for g in small.goals]


def test_html_is_one_accessible_self_contained_page(small: Agreement) -> None:
    html = render(small, "html")
    page = parse(html)
    text = " ".join(page.text)
    assert html.startswith(b"<!DOCTYPE html>")
    assert ("lang", "nl") in page.attrs
    assert small.ambition.statement.split()[0] in text
    for partner in small.partnership.partners:
        assert partner.name in text
    assert page.tags.count("svg") >= 6
    assert "th" in page.tags and ("scope", "col") in page.attrs
    links = [v for k, v in page.attrs if k in {"src", "href"} and v]
    assert not any(v.startswith(("http:", "https:")) for v in links)


def test_markdown_has_every_section_and_table(small: Agreement) -> None:
    md = render(small, "md").decode("utf-8")
    assert "## §1 Maatschappelijke ambitie" in md
    assert "## Ondertekening" in md
    assert "| ---: |" in md or "---: |" in md
    assert small.risks.items[0].title.split()[0] in md


def test_rendering_is_deterministic(small: Agreement) -> None:
    meta = RevisionMeta(hash=content_hash(small))
    # Rendered twice from scratch: the second time not from the cache (and there is no disk
    # cache in the tests), so figures and document are really made again.
    assert _cache.DIRECTORY.path is None
    for fmt in ("html", "md"):
        first = render(small, fmt, meta)
        clear_caches()
        assert render(small, fmt, meta) == first, fmt


def test_content_hash_changes_with_content(small: Agreement) -> None:
    changed = small.model_copy(deep=True)
    changed.ambition.statement += " Nu ook met groen."
    assert content_hash(small) != content_hash(changed)
    assert content_hash(small) == content_hash(small.model_copy(deep=True))


def test_hostile_text_stays_text_in_html(small: Agreement) -> None:
    page = parse(render(poison(small), "html"))
    text = " ".join(page.text)
    assert "script" not in page.tags
    for marker in MARKERS:
        assert marker in text
    assert "\x07" not in text


def test_hostile_text_is_escaped_in_markdown(small: Agreement) -> None:
    md = render(poison(small), "md").decode("utf-8")
    assert "\\<script\\>alert(1)\\</script\\>" in md
    assert "<script>" not in md
    assert "🚲🌱" in md


def test_signature_page_lists_the_approvals_of_an_adopted_version() -> None:
    agreement = load_agreement(Path(__file__).resolve().parents[2] / "examples" / "small.yaml")
    first = agreement.partnership.partners[0].name
    line = f"Goedgekeurd door N.N. namens {first} op 01-03-2026 10:00, versie 7, hash abc123"
    meta = RevisionMeta(
        status="vastgesteld", revision="versie 7", hash="abc123", approvals=((first, line),)
    )
    markdown = render(agreement, "md", meta).decode("utf-8")
    assert line in markdown
    concept = render(agreement, "md", RevisionMeta(hash="abc123")).decode("utf-8")
    assert "Goedgekeurd door" not in concept
