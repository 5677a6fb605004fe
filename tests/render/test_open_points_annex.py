"""A concept version lists its open errors and warnings in an annex; an adopted one never
(issue 15, point 13)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import docx
import odfdo
import pytest
from pypdf import PdfReader

from stramien.cli import main
from stramien.io import load_agreement
from stramien.io.yamlio import dump_yaml
from stramien.model import Agreement
from stramien.render import RevisionMeta, build_document, content_hash, render, result_key
from stramien.render.blocks import Heading, Paragraph, Table
from stramien.render.outline_open_points import count_line, open_findings
from stramien.rules import check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
COUNT = "1 fout en 2 waarschuwingen staan nog open."


def _unsettled() -> Agreement:
    """The small example with one error, two warnings and a tip."""
    agreement = load_agreement(EXAMPLES / "small.yaml")
    agreement.ambition.statement = ""
    agreement.finance.cost_items[0].committed = Decimal(100_000)  # budget 95.000
    agreement.finance.cost_items[1].committed = Decimal(30_000)  # budget 25.000
    agreement.ambition.beneficiaries[0].benefit = ""  # a tip
    return agreement


def _concept(agreement: Agreement) -> RevisionMeta:
    return RevisionMeta(status="concept", hash=content_hash(agreement))


def _adopted(agreement: Agreement) -> RevisionMeta:
    return RevisionMeta(status="vastgesteld", hash=content_hash(agreement))


def _annex(agreement: Agreement, meta: RevisionMeta) -> list[object]:
    blocks = build_document(agreement, meta, draw_figures=False).blocks
    starts = [
        i
        for i, b in enumerate(blocks)
        if isinstance(b, Heading) and b.anchor == "openstaande-punten"
    ]
    return list(blocks[starts[0] :]) if starts else []


def test_concept_lists_the_open_points_by_section_with_their_place() -> None:
    agreement = _unsettled()
    annex = _annex(agreement, _concept(agreement))
    assert annex, "a concept with open points has the annex"
    assert isinstance(annex[0], Heading) and annex[0].text == "Openstaande punten"
    note = annex[1]
    assert isinstance(note, Paragraph) and note.text.startswith(COUNT)
    sections = [b.text for b in annex if isinstance(b, Heading) and b.level == 2]
    assert sections == ["§1 Maatschappelijke ambitie", "§4 Programma-opzet en organisatie"]
    rows = [row for b in annex if isinstance(b, Table) for row in b.rows]
    assert rows[0][1:] == ("fout", "De maatschappelijke ambitie is nog niet verwoord.")
    assert rows[0][0].startswith("§1 Maatschappelijke ambitie")
    assert [row[1] for row in rows] == ["fout", "waarschuwing", "waarschuwing"]
    assert rows[1][0].endswith("Procesregie en programmasecretariaat 2026 › Verplicht")
    assert "€ 100.000 verplicht" in rows[1][2]


def test_tips_are_not_open_points() -> None:
    agreement = _unsettled()
    assert "tip" in {f.severity for f in check(agreement)}
    assert all(f.severity != "tip" for f in open_findings(agreement))


def test_adopted_version_has_no_annex() -> None:
    agreement = _unsettled()
    assert _annex(agreement, _adopted(agreement)) == []


def test_no_annex_without_open_points() -> None:
    agreement = load_agreement(EXAMPLES / "small.yaml")
    assert open_findings(agreement) == []
    assert _annex(agreement, _concept(agreement)) == []


def test_count_line_in_plain_dutch() -> None:
    agreement = _unsettled()
    findings = open_findings(agreement)
    assert count_line(findings) == COUNT
    assert count_line(findings[:1]) == "1 fout staat nog open."
    assert count_line(findings[1:2]) == "1 waarschuwing staat nog open."


def _text(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    elif fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        text = " ".join([p.text for p in document.paragraphs] + cells)
    elif fmt == "odt":
        text = str(odfdo.Document(io.BytesIO(data)).body.text_recursive)
    else:
        text = data.decode("utf-8").replace("\\", "")
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt", "html", "md"])
def test_every_format_shows_the_annex_in_a_concept_only(fmt: str) -> None:
    agreement = _unsettled()
    concept = _text(fmt, render(agreement, fmt, _concept(agreement)))
    adopted = _text(fmt, render(agreement, fmt, _adopted(agreement)))
    assert "Openstaande punten" in concept and COUNT in concept
    assert "De maatschappelijke ambitie is nog niet verwoord." in concept
    assert "Openstaande punten" not in adopted and COUNT not in adopted


def test_concept_and_adopted_renders_are_cached_apart() -> None:
    agreement = _unsettled()
    concept, adopted = _concept(agreement), _adopted(agreement)
    assert result_key(agreement, "md", concept) != result_key(agreement, "md", adopted)
    first = render(agreement, "md", concept)
    assert render(agreement, "md", adopted) != first
    assert render(agreement, "md", concept) == first


def test_cli_renders_a_concept_with_the_annex(tmp_path: Path) -> None:
    source = tmp_path / "programma.yaml"
    text = (EXAMPLES / "small.yaml").read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    assert main(["render", str(source), "--format", "md"]) == 0
    assert "Openstaande punten" not in source.with_suffix(".md").read_text(encoding="utf-8")
    source.write_text(dump_yaml(_unsettled()), encoding="utf-8")
    assert main(["render", str(source), "--format", "md"]) == 0
    assert COUNT in " ".join(source.with_suffix(".md").read_text(encoding="utf-8").split())
