"""The document shows a programme of projects: sub-programmes with their projects and the
budget rolled up, with totals that add up, in §4.4 and §4.5 and in every text format."""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import Any

import pytest
from test_formats_end_to_end import text_of

from stramien.model import Agreement
from stramien.render import build_document, render
from stramien.render.blocks import Facts, Heading, Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "rules"))
from test_sub_programmes import agreement


def tables(a: Agreement) -> dict[str, Table]:
    document = build_document(a, draw_figures=False)
    return {b.caption: b for b in document.blocks if isinstance(b, Table)}


def test_rollup_table_sub_programme_project_amount() -> None:
    table = tables(agreement())["Begroting per deelprogramma en project"]
    assert table.headers == ("Deelprogramma", "Project", "Bedrag")
    assert table.rows == (
        ("Lokale pijler", "Bouwteam", "€ 150.000"),
        ("", "Woonwijk", "€ 200.000"),
        ("", "Subtotaal", "€ 350.000"),
        ("Thematische pijler", "Banenplan", "€ 300.000"),
        ("", "Subtotaal", "€ 300.000"),
        ("Niet toegewezen", "Losse proef", "€ 40.000"),
        ("", "Zonder project", "€ 25.000"),
        ("", "Subtotaal", "€ 65.000"),
        ("Totaal", "", "€ 715.000"),
    )
    assert table.numeric == frozenset({2})


def test_budget_section_has_a_subtotal_per_sub_programme() -> None:
    table = tables(agreement())["Kosten en dekking per deelprogramma"]
    assert table.rows == (
        ("Lokale pijler", "Provincie", "€ 500.000", "€ 350.000", "€ 120.000"),
        ("Thematische pijler", "Rijk", "—", "€ 300.000", "€ 300.000"),
        ("Niet toegewezen", "—", "—", "€ 65.000", "€ 0"),
        ("Bijdragen zonder begrotingspost", "", "", "", "€ 70.000"),
        ("Totaal", "", "", "€ 715.000", "€ 490.000"),
    )


def test_each_sub_programme_gets_owner_goals_and_projects() -> None:
    document = build_document(agreement(), draw_figures=False)
    blocks = list(document.blocks)
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert "Deelprogramma's en projecten" in headings
    # The names already say "pijler": the heading does not repeat the kind.
    start = headings.index("Lokale pijler")
    index = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == "Lokale pijler"
    )
    facts = next(b for b in blocks[index:] if isinstance(b, Facts))
    assert dict(facts.items) == {
        "Eigenaar": "Provincie",
        "Eigen doelen": "Meer woningen",
        "Doelen van de projecten": "Sneller bouwen",
        "Projecten": "Bouwteam, Woonwijk",
        "Begroot": "€ 350.000",
        "Budgetplafond": "€ 500.000",
        "Gedekt door bijdragen aan zijn posten": "€ 120.000",
    }
    assert headings[start + 1] == "Thematische pijler"
    # Each project says which sub-programme it belongs to.
    project = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text.endswith("Losse proef")
    )
    project_facts = next(b for b in blocks[project:] if isinstance(b, Facts))
    assert dict(project_facts.items)["Deelprogramma"] == "—"


def test_without_sub_programmes_the_document_has_no_rollup() -> None:
    def flat(d: dict[str, Any]) -> None:
        d["organisation"]["sub_programmes"] = []
        for project in d["organisation"]["projects"]:
            project.pop("sub_programme", None)

    found = tables(agreement(flat))
    assert "Begroting per deelprogramma en project" not in found
    assert "Kosten en dekking per deelprogramma" not in found


@pytest.mark.parametrize("fmt", ["docx", "odt", "html", "md"])
def test_rollup_in_every_format(fmt: str) -> None:
    text = html.unescape(" ".join(text_of(fmt, render(agreement(), fmt)).split()))
    text = text.replace("\\", "")
    for expected in (
        "Deelprogramma's en projecten",
        "Begroting per deelprogramma en project",
        "Kosten en dekking per deelprogramma",
        "Lokale pijler",
        "Subtotaal",
        "€ 715.000",
    ):
        assert expected in text, expected


def test_without_contributions_per_cost_item_no_coverage_column() -> None:
    def untie(d: dict[str, Any]) -> None:
        for contribution in d["finance"]["contributions"]:
            contribution.pop("cost_item", None)

    found = tables(agreement(untie))
    assert "Kosten en dekking per deelprogramma" not in found
    table = found["Kosten per deelprogramma"]
    assert table.headers == ("Deelprogramma", "Eigenaar", "Plafond", "Begroot")
    assert table.rows[-1] == ("Totaal", "", "", "€ 715.000")


def test_heading_names_the_kind_when_the_name_does_not() -> None:
    def rename(d: dict[str, Any]) -> None:
        d["organisation"]["sub_programmes"][1]["name"] = "Werk en inkomen"
        d["organisation"]["sub_programmes"][0]["kind"] = "sub_programme"

    document = build_document(agreement(rename), draw_figures=False)
    headings = [b.text for b in document.blocks if isinstance(b, Heading)]
    assert "Pijler: Werk en inkomen" in headings
    assert "Deelprogramma: Lokale pijler" in headings
