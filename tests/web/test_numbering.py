"""One numbering (issue 17, point 5): the navigation, the form headings, the checks, the
document's outline, the glossary and the user guide all number the stramien's paragraphs as
the one table does (``stramien.model.numbering``), and that table follows the stramien."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.model.numbering import PARAGRAPHS, PART_PARAGRAPHS, marks, paragraph
from stramien.render.blocks import Heading
from stramien.render.outline import build_document
from stramien.rules import RULES, SECTION_LABELS, Section, evaluate
from stramien.web.programmes import actions
from stramien.web.programmes.sections import SECTIONS

from . import EXAMPLES
from .conftest import client_for

ROOT = Path(__file__).resolve().parents[2]
MARK = re.compile(r"§\s?(\d+(?:\.\d+)*)")
NUMBERS = {p.number for p in PARAGRAPHS}
TAB = re.compile(r'<span class="st-tabs__number">([^<]+)</span>\s*([^<]+)</a>')


def _numbered(section: Any) -> list[str]:
    return [name for name in section.fields if name in PART_PARAGRAPHS]


def test_the_table_follows_the_stramien_paragraphs() -> None:
    # §1 to §3 and §4 with the sub-paragraphs the stramien lists (1.–3., 1.–4., 1.–3., 1.–6.).
    assert [p.number for p in PARAGRAPHS] == [
        "1", "1.1", "1.2", "1.3",
        "2", "2.1", "2.2", "2.3", "2.4",
        "3", "3.1", "3.2", "3.3",
        "4", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6",
        "5",
    ]  # fmt: skip
    assert marks("effect_measurement") == marks("indicators") == "§4.2"
    assert marks("planning") == "§4.3" and marks("finance") == "§4.4"
    assert marks("organisation") == "§2.4 en §4.5" and marks("risks") == "§4.6"
    assert set(PART_PARAGRAPHS) == set(Agreement.model_fields) - {"schema_version", "programme"}


def test_the_form_headings_carry_the_numbers_of_the_table() -> None:
    for name in PART_PARAGRAPHS:
        title = Agreement.model_fields[name].title or ""
        assert title.startswith(marks(name) + " "), (name, title)
        assert not MARK.search(title[len(marks(name)) :]), title


@pytest.mark.django_db
def test_the_navigation_and_every_editor_number_each_section_as_the_table(
    people: dict[str, Any],
) -> None:
    agreement = load_agreement(EXAMPLES / "small.yaml")
    programme = actions.create_programme(acting_user=people["regisseur"], agreement=agreement)
    client = client_for(people["regisseur"])
    expected = {
        section.key: " en ".join(dict.fromkeys(marks(n) for n in _numbered(section)))
        for section in SECTIONS
    }
    for section in SECTIONS:
        assert section.number == expected[section.key], section.key
        html = client.get(f"/programmas/{programme.slug}/onderdeel/{section.key}/").content.decode()
        tabs = {title.strip(): number for number, title in TAB.findall(html)}
        assert tabs[str(section.title).replace("'", "&#x27;")] == expected[section.key]
        heading = re.search(r'<h1[^>]*><span class="st-muted">([^<]+)</span>', html)
        assert heading is not None and heading.group(1) == expected[section.key]
        for name in _numbered(section):
            legend = Agreement.model_fields[name].title or ""
            assert legend.replace("'", "&#x27;") in html, (section.key, legend)
        stray = set(MARK.findall(html)) - NUMBERS
        assert not stray, (section.key, stray)


def _all_agreements() -> list[Agreement]:
    blank = Agreement.model_validate({"programme": {"name": "Leeg"}})
    return [blank, load_agreement(EXAMPLES / "small.yaml"), load_agreement(EXAMPLES / "large.yaml")]


def test_the_checks_name_only_paragraphs_of_the_table() -> None:
    assert SECTION_LABELS[Section.AMBITION] == "§1 Maatschappelijke ambitie"
    for section in (Section.AMBITION, Section.PARTNERSHIP, Section.REALISATION):
        assert SECTION_LABELS[section] == paragraph(str(list(Section).index(section) + 1)).heading
    assert SECTION_LABELS[Section.PROGRAMME] == paragraph("4").heading
    assert SECTION_LABELS[Section.APPENDICES] == paragraph("5").heading
    texts = [label for label in SECTION_LABELS.values()]
    texts += [text for rule in RULES for text in (rule.title, rule.hint)]
    for agreement in _all_agreements():
        texts += [f"{f.message} {f.hint}" for f in evaluate(agreement).findings]
    found = {number for text in texts for number in MARK.findall(text)}
    assert found, "no check names a paragraph"
    assert found <= NUMBERS, found - NUMBERS


def test_the_document_outline_numbers_its_headings_as_the_table() -> None:
    document = build_document(load_agreement(EXAMPLES / "large.yaml"), draw_figures=False)
    numbered = []
    for block in document.blocks:
        if not isinstance(block, Heading) or block.level > 2:
            continue
        found = re.match(r"§?(\d+(?:\.\d+)*) ", block.text)
        if found is None:
            continue  # the summary, the appendices by their own number, the signatures
        numbered.append(found.group(1))
        assert block.text == paragraph(found.group(1)).heading, block.text
    # The large example fills every part, so every paragraph of the table is a heading.
    assert numbered == [p.number for p in PARAGRAPHS]


def test_the_glossary_numbers_each_word_as_the_table() -> None:
    rows = [
        line
        for line in (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and "§" in line
    ]
    checked = 0
    for row in rows:
        dutch, _meaning, code = (cell.strip() for cell in row.strip("|").split("|"))
        numbers = MARK.findall(dutch)
        assert set(numbers) <= NUMBERS, row
        part = re.match(r"`(\w+)", code)
        if part is not None and part.group(1) in PART_PARAGRAPHS and "annex" not in row:
            assert numbers and set(numbers) <= set(PART_PARAGRAPHS[part.group(1)]), row
            checked += 1
    assert checked >= 10, "the glossary names too few paragraphs"


def test_the_user_guide_and_the_pages_name_the_tabs_as_the_navigation() -> None:
    labels = {f"{section.number} {section.title}" for section in SECTIONS}
    sources = [*(ROOT / "docs" / "handleiding").glob("*.md"), ROOT / "docs" / "guide" / "README.md"]
    templates = (ROOT / "src" / "stramien" / "web").rglob("*.html")
    for source in [*sources, *templates]:
        text = source.read_text(encoding="utf-8")
        assert set(MARK.findall(text)) <= NUMBERS, (source.name, set(MARK.findall(text)) - NUMBERS)
        if source.suffix == ".md" and source.parent.name == "handleiding":
            # A tab is named in italics (*§4.3 Planning*), as the navigation writes it.
            for tab in re.findall(r"(?<!\*)\*(§[^*]+)\*(?!\*)", text):
                named = re.sub(r"\s+", " ", tab)
                assert named in labels or not named.split()[-1][0].isupper(), (source.name, named)
