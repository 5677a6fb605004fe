"""The effect measurement in the documents: the timeline and 'wie betaalt, wie profiteert'
charts, §4.2 of the agreement in every format, and the progress report's section.

One hand-made case with numbers a reader can check on paper (no discounting):

- with the approach: a coach (activity, € 2.000, paid by the municipality's team), one year
  of benefits (€ 16.800) and a debt settlement that has no price yet;
- without: two years of benefits and an eviction (€ 12.500, borne by the housing
  corporation).

Investment € 2.000; benefit 2 x 16.800 + 12.500 - 16.800 = € 29.300; net € 27.300; ratio
29.300 / 2.000 = 14,65, written 14,7 : 1. Ten similar cases.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.monitor import parse_period
from stramien.monitor.effects import effects_result
from stramien.monitor.report import snapshot
from stramien.render import figures, render
from stramien.render.blocks import Figure, Heading, Paragraph, Table
from stramien.render.figures import effects as effect_figures
from stramien.render.outline import build_document
from stramien.render.report import build_report, render_report

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def measurement(cases: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "method": "Effectencalculator met twee scenario's per casus.",
        "horizon": 5,
        "discount_rate": 0,
        "deadweight": 0,
        "attribution": 100,
        "price_lists": [
            {
                "id": "pl-2026",
                "title": "Regionale prijslijst",
                "year": 2026,
                "source": "Voorbeeldbron, illustratief",
                "items": [
                    {
                        "id": "pr-coach",
                        "activity": "Gezinscoach",
                        "unit": "per traject",
                        "price": 2000,
                        "stakeholder": "gem-apeldoorn",
                    },
                    {
                        "id": "pr-uitkering",
                        "activity": "Bijstandsuitkering",
                        "unit": "per jaar",
                        "price": 16800,
                        "payer": "Rijk en gemeente",
                    },
                    {
                        "id": "pr-ontruiming",
                        "activity": "Huisuitzetting",
                        "unit": "per keer",
                        "price": 12500,
                        "stakeholder": "ws-veluwsepoort",
                        "uncertain": True,
                    },
                ],
            }
        ],
        "cases": cases if cases is not None else [the_case()],
    }


def the_case(case_id: str = "cs-gezin", title: str = "Testgezin Bakkerstraat") -> dict[str, Any]:
    return {
        "id": case_id,
        "title": title,
        "goal": "g-wonen",
        "count": 10,
        "description": "Een gezin met een huurachterstand en een uitkering.",
        "intervention": [
            {
                "month": 0,
                "kind": "activiteit",
                "description": "Gezinscoach aan de slag",
                "price_item": "pr-coach",
            },
            {"month": 0, "description": "Uitkering eerste jaar", "price_item": "pr-uitkering"},
            {"month": 18, "description": "Schuldsanering afgerond"},
        ],
        "reference": [
            {"month": 0, "description": "Uitkering eerste jaar", "price_item": "pr-uitkering"},
            {"month": 12, "description": "Uitkering tweede jaar", "price_item": "pr-uitkering"},
            {"month": 14, "description": "Gezin uit huis gezet", "price_item": "pr-ontruiming"},
        ],
    }


def with_measurement(base: Agreement, em: dict[str, Any]) -> Agreement:
    data = base.model_dump(mode="json")
    data["effect_measurement"] = em
    return Agreement.model_validate(data)


@pytest.fixture(scope="module")
def small() -> Agreement:
    return load_agreement(EXAMPLES / "small.yaml")


@pytest.fixture(scope="module")
def agreement(small: Agreement) -> Agreement:
    return with_measurement(small, measurement())


def test_the_hand_made_case_computes_as_on_paper(agreement: Agreement) -> None:
    # The figures draw these numbers; a change in the calculation shows here first.
    case = effects_result(agreement).cases[0]
    assert (case.investment, case.benefit, case.net) == (2000, 29300, 27300)
    assert case.intervention.costs == 18800
    assert case.reference.costs == 46100


# -- the figures' specs ---------------------------------------------------------------------


def test_the_timeline_has_a_mark_per_line_in_its_lane_and_cost_steps(
    agreement: Agreement,
) -> None:
    result = effect_figures.effects_of(agreement).cases[0]
    spec, end = effect_figures.timeline_spec(result, horizon=5 * 12)
    lanes, costs = spec["vconcat"]
    marks = {(m["rij"], m["maand"], m["soort"], m["wat"]): m for m in lanes["data"]["values"]}
    assert set(marks) == {
        ("Met aanpak", 0, "Activiteit", "Gezinscoach aan de slag"),
        ("Met aanpak", 0, "Gebeurtenis", "Uitkering eerste jaar"),
        ("Met aanpak", 18, "Gebeurtenis", "Schuldsanering afgerond"),
        ("Zonder aanpak", 0, "Gebeurtenis", "Uitkering eerste jaar"),
        ("Zonder aanpak", 12, "Gebeurtenis", "Uitkering tweede jaar"),
        ("Zonder aanpak", 14, "Gebeurtenis", "Gezin uit huis gezet"),
    }
    # The unpriced settlement is an open symbol; the rest filled in its scenario's colour.
    unpriced = marks[("Met aanpak", 18, "Gebeurtenis", "Schuldsanering afgerond")]
    assert unpriced["vulling"] == "white" and not unpriced["telt"]
    assert marks[("Zonder aanpak", 14, "Gebeurtenis", "Gezin uit huis gezet")]["vulling"] != (
        "white"
    )
    assert lanes["encoding"]["shape"]["scale"]["range"] == ["diamond", "circle"]
    assert lanes["mark"]["type"] == "point"
    # Cumulative costs per scenario, stepping up at each counted line, to the axis' end.
    assert costs["mark"]["interpolate"] == "step-after"
    assert end == 60
    steps: dict[str, list[tuple[int, float]]] = {}
    for point in costs["data"]["values"]:
        steps.setdefault(point["scenario"], []).append((point["maand"], point["kosten"]))
    assert steps["Met aanpak"][-1] == (60, 18800.0)
    assert steps["Zonder aanpak"] == [
        (0, 0.0),
        (0, 16800.0),
        (12, 33600.0),
        (14, 46100.0),
        (60, 46100.0),
    ]


def test_the_stakeholder_chart_diverges_pays_left_benefits_right(agreement: Agreement) -> None:
    lines = effect_figures.effects_of(agreement).stakeholders
    spec = effect_figures.stakeholder_spec(lines)
    bars, zero, ticks = spec["layer"]
    values = {(b["rij"], b["soort"]): b["bedrag"] for b in bars["data"]["values"]}
    # Over all ten similar cases.
    assert values[("Gemeente Apeldoorn", "Betaalt")] == -20000.0
    assert values[("Woonstichting Veluwse Poort", "Profiteert")] == 125000.0
    assert values[("Rijk en gemeente", "Profiteert")] == 168000.0
    assert zero["mark"]["type"] == "rule"
    balance = {t["rij"]: t["bedrag"] for t in ticks["data"]["values"]}
    assert balance == {
        "Rijk en gemeente": 168000.0,
        "Woonstichting Veluwse Poort": 125000.0,
        "Gemeente Apeldoorn": -20000.0,
    }
    # The rows in order of balance, the largest on top.
    assert bars["encoding"]["y"]["sort"] == [
        "Rijk en gemeente",
        "Woonstichting Veluwse Poort",
        "Gemeente Apeldoorn",
    ]


def test_the_figures_are_drawn_titled_and_described(agreement: Agreement) -> None:
    (timeline,) = figures.effects_timelines(agreement)
    chart = figures.effects_stakeholders(agreement)
    assert chart is not None
    assert timeline.title == "Tijdlijn van de casus Testgezin Bakkerstraat"
    assert "<title" in timeline.svg and "Zonder aanpak" in timeline.svg
    assert "14,7 : 1" in timeline.alt and "€ 27.300" in timeline.alt
    assert "1 gebeurtenis zonder prijs" in timeline.alt
    assert "Woonstichting Veluwse Poort betaalt € 0 en profiteert € 125.000" in chart.alt
    assert "€ -20.000" in chart.svg or "−20.000" in chart.svg
    # The web page asks for one case by id.
    assert figures.effects_timeline(agreement, "cs-gezin") == timeline
    assert figures.effects_timeline(agreement, "cs-bestaat-niet") is None


def test_without_cases_there_is_no_effect_figure_and_no_section(small: Agreement) -> None:
    bare = with_measurement(small, measurement(cases=[]))
    assert figures.effects_timelines(bare) == []
    assert figures.effects_stakeholders(bare) is None
    document = build_document(bare, draw_figures=False)
    assert not [b for b in document.blocks if isinstance(b, Heading) and b.anchor == "effecten"]


# -- §4.2 ---------------------------------------------------------------------------------


def section(document_blocks: tuple[Any, ...]) -> list[Any]:
    """The blocks from the effect calculation up to §4.3."""
    start = next(
        i
        for i, b in enumerate(document_blocks)
        if isinstance(b, Heading) and b.anchor == "effecten"
    )
    end = next(
        i
        for i, b in enumerate(document_blocks)
        if i > start and isinstance(b, Heading) and b.level <= 2
    )
    return list(document_blocks[start:end])


def test_section_4_2_has_the_full_results(agreement: Agreement) -> None:
    blocks = section(build_document(agreement, draw_figures=False).blocks)
    tables = {b.caption: b for b in blocks if isinstance(b, Table)}
    per_case = next(t for c, t in tables.items() if c.startswith("Maatschappelijke kosten"))
    assert per_case.rows == (
        ("Testgezin Bakkerstraat", "10", "€ 18.800", "€ 46.100", "€ 27.300", "14,7 : 1"),
    )
    matrix = next(t for c, t in tables.items() if c.startswith("Wie betaalt"))
    assert ("Gemeente Apeldoorn", "€ 20.000", "€ 0", "€ -20.000") in matrix.rows
    sensitivity = next(t for c, t in tables.items() if c.startswith("Gevoeligheid"))
    labels = [row[0] for row in sensitivity.rows]
    assert any("Huisuitzetting" in label for label in labels), labels
    assert any("Deadweight" in label for label in labels)
    facts = dict(item for b in blocks if hasattr(b, "items") for item in b.items)
    assert facts["Horizon"] == "5 jaar"
    assert facts["Maatschappelijk rendement"] == "14,7 : 1"
    assert facts["Netto maatschappelijk effect"] == "€ 273.000"
    assert "Regionale prijslijst (prijspeil 2026)" in facts["Prijslijst"]
    notes = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
    assert "Nog zonder prijs, en dus niet meegeteld: Schuldsanering afgerond" in notes
    keys = [b.key for b in blocks if isinstance(b, Figure)]
    assert keys == ["effect-stakeholders", "effect-cs-gezin"]
    timeline = next(t for c, t in tables.items() if c.startswith("Tijdlijn"))
    assert timeline.rows[-1][:4] == ("14", "Zonder aanpak", "Gebeurtenis", "Gezin uit huis gezet")


def test_many_cases_get_a_timeline_for_the_first_ones_only(small: Agreement) -> None:
    cap = effect_figures.TIMELINE_CASES
    cases = [the_case(f"cs-{n}", f"Casus nummer {n}") for n in range(cap + 2)]
    many = with_measurement(small, measurement(cases))
    blocks = section(build_document(many, draw_figures=False).blocks)
    timelines = [b for b in blocks if isinstance(b, Figure) and b.key != "effect-stakeholders"]
    assert [f.key for f in timelines] == [f"effect-cs-{n}" for n in range(cap)]
    notes = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
    assert f"de eerste {cap} van de {cap + 2} casussen" in notes
    per_case = next(b for b in blocks if isinstance(b, Table) and b.caption.startswith("Maat"))
    assert len(per_case.rows) == cap + 2


def test_html_carries_the_section_and_both_figures(agreement: Agreement) -> None:
    page = render(agreement, "html").decode("utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Effectberekening" in text and "14,7 : 1" in text
    assert "Tijdlijn van de casus Testgezin Bakkerstraat" in page
    assert 'aria-labelledby="effect-stakeholders-title effect-stakeholders-desc"' in page
    assert "Disconteringsvoet" in text and "Nog zonder prijs" in text


def test_the_pdf_text_holds_the_results(agreement: Agreement) -> None:
    reader = PdfReader(io.BytesIO(render(agreement, "pdf")))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in (
        "Effectberekening",
        "Testgezin Bakkerstraat",
        "14,7 : 1",
        "Wie betaalt, wie profiteert",
        "Gevoeligheid",
        "Nog zonder prijs",
    ):
        assert expected in text, expected


def test_docx_has_the_figures_with_alt_text_and_the_tables(agreement: Agreement) -> None:
    document = docx.Document(io.BytesIO(render(agreement, "docx")))
    titles = {p.get("title") for p in document.element.body.iter(qn("wp:docPr"))}
    assert {"Tijdlijn van de casus Testgezin Bakkerstraat", "Wie betaalt, wie profiteert"} <= (
        titles
    )
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert {"14,7 : 1", "Rendement laag", "Gezin uit huis gezet"} <= cells


def test_odt_has_the_figures_with_alt_text_and_the_tables(agreement: Agreement) -> None:
    with zipfile.ZipFile(io.BytesIO(render(agreement, "odt"))) as archive:
        content = archive.read("content.xml").decode("utf-8")
    assert "<svg:title>Tijdlijn van de casus Testgezin Bakkerstraat</svg:title>" in content
    assert "<svg:title>Wie betaalt, wie profiteert</svg:title>" in content
    assert "14,7 : 1" in content and "Rendement basis" in content


# -- the progress report ------------------------------------------------------------------


def test_the_progress_report_shows_the_aggregate_matrix_and_goals(agreement: Agreement) -> None:
    at = dt.datetime(2027, 4, 20, 12, 0, tzinfo=dt.UTC)
    report = build_report(snapshot(agreement, parse_period("2027-Q1"), at, []))
    blocks = list(report.blocks)
    start = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == "Effectmeting"
    )
    part = blocks[
        start : next(
            i for i, b in enumerate(blocks) if i > start and isinstance(b, Heading) and b.level == 1
        )
    ]
    facts = dict(item for b in part if hasattr(b, "items") for item in b.items)
    assert facts["Maatschappelijk rendement"] == "14,7 : 1"
    tables = {b.caption: b for b in part if isinstance(b, Table)}
    per_goal = next(t for c, t in tables.items() if c.startswith("Casussen per doel"))
    (row,) = per_goal.rows
    assert row[0] == "Prettig en betaalbaar wonen in Zonnehof-Oost"
    assert row[2] == "Testgezin Bakkerstraat" and row[3] == "€ 273.000"
    assert any(c.startswith("Wie betaalt") for c in tables)
    assert [b.key for b in part if isinstance(b, Figure)] == ["effect-stakeholders"]
    pdf = PdfReader(
        io.BytesIO(render_report(snapshot(agreement, parse_period("2027-Q1"), at, []), "pdf"))
    )
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Effectmeting" in text and "Casussen per doel" in text


def test_a_report_without_cases_has_no_effect_section(small: Agreement) -> None:
    bare = with_measurement(small, measurement(cases=[]))
    at = dt.datetime(2027, 4, 20, 12, 0, tzinfo=dt.UTC)
    report = build_report(snapshot(bare, parse_period("2027-Q1"), at, []))
    assert not [b for b in report.blocks if isinstance(b, Heading) and b.text == "Effectmeting"]
