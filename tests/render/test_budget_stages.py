"""The document shows budgeted, committed, spent and free money once it is tracked
(issue 15, point 9)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from stramien.io import load_agreement
from stramien.model import Agreement, AppendixKind
from stramien.render import build_document
from stramien.render.blocks import Facts, Figure, Table
from stramien.render.figures.budget import budget_chart

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _tracked() -> Agreement:
    agreement = load_agreement(EXAMPLES / "small.yaml")
    first, second = agreement.finance.cost_items[:2]  # 2026: 95.000 and 25.000
    first.committed, first.spent = Decimal(90_000), Decimal(60_000)
    second.spent = Decimal(10_000)
    if AppendixKind.PLANNING_BUDGET not in agreement.appendices.chosen:
        agreement.appendices.chosen.append(AppendixKind.PLANNING_BUDGET)
    return agreement


def _tables(agreement: Agreement) -> dict[str, Table]:
    blocks = build_document(agreement, draw_figures=False).blocks
    return {b.caption: b for b in blocks if isinstance(b, Table)}


def test_per_year_table_with_totals() -> None:
    table = _tables(_tracked())["Begroot, verplicht en besteed per jaar"]
    assert table.headers == ("Jaar", "Begroot", "Verplicht", "Besteed", "Vrij")
    assert table.rows[0] == ("2026", "€ 405.000", "€ 90.000", "€ 70.000", "€ 305.000")
    assert table.rows[1] == ("2027", "€ 1.275.000", "€ 0", "€ 0", "€ 1.275.000")
    assert table.rows[-1] == ("Totaal", "€ 2.870.000", "€ 90.000", "€ 70.000", "€ 2.770.000")


def test_budget_per_line_gets_the_four_columns_and_a_total() -> None:
    table = _tables(_tracked())["Begroting per post"]
    assert table.headers[-4:] == ("Begroot", "Verplicht", "Besteed", "Vrij")
    assert table.rows[0][-4:] == ("€ 95.000", "€ 90.000", "€ 60.000", "€ 5.000")
    assert table.rows[1][-4:] == ("€ 25.000", "€ 0", "€ 10.000", "€ 15.000")
    assert table.rows[-1][0] == "Totaal"
    assert table.rows[-1][-4:] == ("€ 2.870.000", "€ 90.000", "€ 70.000", "€ 2.770.000")


def test_finance_facts_name_committed_spent_and_free() -> None:
    blocks = build_document(_tracked(), draw_figures=False).blocks
    facts = dict(
        next(b for b in blocks if isinstance(b, Facts) and dict(b.items).get("Saldo")).items
    )
    assert facts["Verplicht"] == "€ 90.000"
    assert facts["Besteed"] == "€ 70.000"
    assert facts["Vrij in de begroting"] == "€ 2.770.000"


def test_untracked_budget_keeps_its_old_tables() -> None:
    agreement = load_agreement(EXAMPLES / "small.yaml")
    tables = _tables(agreement)
    assert "Begroot, verplicht en besteed per jaar" not in tables
    per_line = tables.get("Begroting per post")
    assert per_line is None or per_line.headers[-1] == "Bedrag"


def test_budget_figure_says_what_is_spent() -> None:
    figure = budget_chart(_tracked())
    assert isinstance(figure, Figure)
    assert "€ 90.000 verplicht en € 70.000 besteed; € 2.770.000 is nog vrij" in figure.alt
    assert "Besteed in dat jaar" in figure.svg
    untracked = budget_chart(load_agreement(EXAMPLES / "small.yaml"))
    assert untracked is not None and "besteed" not in untracked.alt
