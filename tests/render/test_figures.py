"""Diagrams and charts: well-formed, titled, self-contained, deterministic SVG with real content."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hostile import HOSTILE, MARKERS

from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.render import _cache, _graphviz, clear_caches, figures
from stramien.render.blocks import Figure

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

SINGLE: tuple[Callable[[Agreement], Figure | None], ...] = (
    figures.goal_tree,
    figures.organogram,
    figures.participation_matrix,
    figures.phasing_gantt,
    figures.budget_chart,
    figures.risk_heatmap,
)


def render_all(agreement: Agreement) -> list[Figure]:
    found: list[Figure] = []
    for function in SINGLE:
        figure = function(agreement)
        assert figure is not None, function.__name__
        found.append(figure)
    found += figures.kpi_charts(agreement)
    return found


def texts(svg: str) -> str:
    """All text the SVG draws, one element per line (parsing proves it is well-formed XML)."""
    root = ET.fromstring(svg)
    return "\n".join("".join(el.itertext()) for el in root.iter(f"{SVG}text"))


def expected_content(agreement: Agreement, key: str) -> list[str]:
    """Strings from the agreement itself that the figure with ``key`` must show."""
    top_goals = [g for g in agreement.goals if g.contributes_to_ambition]
    if key == "goal-tree":
        return ["Maatschappelijke ambitie", top_goals[0].id, agreement.goals[-1].id]
    if key == "organogram":
        body = agreement.organisation.bodies[0]
        return [body.name.split()[0], body.kind.label]
    if key == "participation-matrix":
        return [agreement.partnership.partners[1].name[:15], "Zelfontwikkeling"]
    if key == "phasing":
        return [agreement.planning.phases[0].name[:20], "2027"]
    if key == "budget":
        partner = agreement.finance.contributions[0].partner
        name = next(p.name for p in agreement.partnership.partners if p.id == partner)
        return [name[:15], "Financiering per partner", "€\u00a00"]
    if key == "risks":
        return [agreement.risks.items[0].id, "Impact", "Kans"]
    assert key.startswith("kpi-")
    goal_id = key.removeprefix("kpi-")
    first = next(i for i in agreement.indicators if i.goal == goal_id)
    return [first.name[:30], "Streefwaarde"]


@pytest.fixture(scope="module", params=["small", "large"])
def example(request: pytest.FixtureRequest) -> tuple[Agreement, list[Figure]]:
    """Each example with its figures, rendered once for the whole module."""
    agreement = load_agreement(EXAMPLES / f"{request.param}.yaml")
    return agreement, render_all(agreement)


def test_every_figure_is_titled_wellformed_and_shows_content(
    example: tuple[Agreement, list[Figure]],
) -> None:
    agreement, found = example
    keys = [f.key for f in found]
    assert len(set(keys)) == len(keys)
    top_goals = [g.id for g in agreement.goals if g.contributes_to_ambition]
    assert keys[6:] == [f"kpi-{goal_id}" for goal_id in top_goals]
    for figure in found:
        root = ET.fromstring(figure.svg)
        assert root.tag == f"{SVG}svg"
        assert root[0].tag == f"{SVG}title" and root[0].text == figure.title
        assert root[1].tag == f"{SVG}desc" and root[1].text == figure.alt
        assert figure.title and len(figure.alt) > 40
        drawn = texts(figure.svg)
        for wanted in expected_content(agreement, figure.key):
            assert wanted in drawn, (figure.key, wanted)


def test_figures_have_no_external_resources(example: tuple[Agreement, list[Figure]]) -> None:
    _, found = example
    for figure in found:
        assert not figure.svg.startswith("<?xml") and "<!DOCTYPE" not in figure.svg
        # Namespace names are identifiers, not links; nothing else may name a URL.
        rest = re.sub(r'xmlns(:\w+)?="[^"]*"', "", figure.svg)
        assert "http:" not in rest and "https:" not in rest and "file:" not in rest
        assert "<image" not in rest and "@import" not in rest and "@font-face" not in rest
        for element in ET.fromstring(figure.svg).iter():
            for name, value in element.attrib.items():
                if name.endswith("href"):
                    assert value.startswith("#"), (figure.key, value)


def test_figures_use_only_the_typst_font(example: tuple[Agreement, list[Figure]]) -> None:
    _, found = example
    for figure in found:
        families = set(re.findall(r'font-family="([^"]*)"', figure.svg))
        assert families == {"Libertinus Serif"}, (figure.key, families)


def test_ids_are_prefixed_per_figure(example: tuple[Agreement, list[Figure]]) -> None:
    _, found = example
    for figure in found:
        ids = re.findall(r'\bid="([^"]+)"', figure.svg)
        assert all(i.startswith(f"{figure.key}-") for i in ids), figure.key
        for used in re.findall(r"url\(#([^)]+)\)", figure.svg):
            assert used in ids


def test_rendering_is_deterministic(example: tuple[Agreement, list[Figure]]) -> None:
    agreement, found = example
    again = render_all(agreement)
    assert [f.svg for f in again] == [f.svg for f in found]
    assert again == found


def test_png_is_a_deterministic_png(example: tuple[Agreement, list[Figure]]) -> None:
    agreement, found = example
    # The large goal tree is ~5000 pt wide: a small scale keeps the test quick.
    scale = 2.0 if len(agreement.goals) < 50 else 0.25
    pngs = [figures.svg_to_png(figure.svg, scale=scale) for figure in found]
    for figure, png in zip(found, pngs, strict=True):
        assert png.startswith(PNG_SIGNATURE), figure.key
    # Made again, not taken from the cache (the tests run without a disk cache).
    assert _cache.DIRECTORY.path is None
    clear_caches()
    assert [figures.svg_to_png(figure.svg, scale=scale) for figure in found] == pngs


def test_budget_is_in_euro_with_dutch_grouping(example: tuple[Agreement, list[Figure]]) -> None:
    agreement, found = example
    budget = next(f for f in found if f.key == "budget")
    total = sum(c.amount for c in agreement.finance.cost_items)
    dutch = f"€ {int(total):,}".replace(",", ".")  # as in the document's tables
    assert dutch in texts(budget.svg)
    assert dutch in budget.alt


def test_alt_texts_summarise(example: tuple[Agreement, list[Figure]]) -> None:
    agreement, found = example
    by_key = {f.key: f for f in found}
    tops = sum(1 for g in agreement.goals if g.contributes_to_ambition)
    assert by_key["goal-tree"].alt.startswith(
        f"Doelenboom met {tops} hoofddoelen en {len(agreement.goals) - tops} subdoelen"
    )
    assert f"{len(agreement.organisation.bodies)} organen" in by_key["organogram"].alt
    risks = len(agreement.risks.items)
    assert f"{risks} risico’s" in by_key["risks"].alt


def test_empty_agreement_has_no_figures() -> None:
    empty = Agreement.model_validate({"programme": {"name": "x"}})
    for function in SINGLE:
        assert function(empty) is None, function.__name__
    assert figures.kpi_charts(empty) == []


def test_kpi_charts_draw_measurements_when_given() -> None:
    agreement = load_agreement(EXAMPLES / "small.yaml")
    indicator = next(i for i in agreement.indicators if i.goal == "g-renovatie")
    assert indicator.baseline is not None and indicator.target is not None
    halfway = (indicator.baseline + indicator.target) / 2
    measurements = {
        indicator.id: [(dt.date(2027, 6, 30), halfway), (dt.date(2026, 6, 30), indicator.baseline)]
    }
    plain = figures.kpi_charts(agreement)
    measured = figures.kpi_charts(agreement, measurements=measurements)
    assert [f.key for f in plain] == [f.key for f in measured]
    changed = [m for p, m in zip(plain, measured, strict=True) if p.svg != m.svg]
    assert [f.key for f in changed] == ["kpi-g-wonen"]
    drawn = texts(changed[0].svg)
    assert "gemeten: 59% op 30-06-2027" in drawn
    assert "Meting" in drawn
    assert "Met metingen voor 1 indicator" in changed[0].alt


# --------------------------------------------------------------------------------------
# Hostile text
# --------------------------------------------------------------------------------------

LONG_WORD = "Z" * 300
HOSTILE_NAMES = {
    "quote": 'Stichting "De Brug" \\N \\ backslash',
    "script": "<script>alert(1)</script>",
    "symbols": "A & B ] # $x$ {y} &amp; &lt;",
    "newline": "eerste regel\ntweede regel\x07",
    "emoji": "Fietsclub 🚲🌱 👩‍👩‍👧",
    "arabic": "مرحبا بالعالم",
    "long": LONG_WORD,
}
# What must be drawn (possibly wrapped or shortened, so a fragment) for each name.
FRAGMENTS = {
    "quote": 'Stichting "De Brug"',
    "script": "<script>alert(1)</script>",
    "symbols": "A & B ] # $x$ {y} &amp; &lt;",
    "newline": "eerste regel tweede regel",
    "emoji": "🚲🌱",
    "arabic": "مرحبا بالعالم",
    "long": "Z" * 20,
}


def hostile_agreement() -> Agreement:
    names = list(HOSTILE_NAMES.values())

    def party(index: int, name: str, **extra: Any) -> dict[str, Any]:
        return {
            "id": f"p{index}",
            "name": name,
            "category": ["government", "business", "civil_society", "citizens"][index % 4],
            "sector": "public",
            "participation_level": index % 5 + 1,
            **extra,
        }

    partners = [
        party(i, name, interests=[{"id": f"b{i}", "description": name}])
        for i, name in enumerate(names)
    ]
    data: dict[str, Any] = {
        "programme": {"name": names[1]},
        "ambition": {"statement": " ".join(names)},
        "partnership": {
            "initiator": "p0",
            "partners": partners,
            "stakeholders": [party(10 + i, name) for i, name in enumerate(names)],
        },
        "goals": [
            {
                "id": "top",
                "title": names[0],
                "contributes_to_ambition": True,
                "interests": ["b0", "b1"],
            },
            *(
                {"id": f"g{i}", "title": name, "contributes_to": ["top"], "interests": [f"b{i}"]}
                for i, name in enumerate(names)
            ),
        ],
        "indicators": [
            {
                "id": f"i{i}",
                "name": name,
                "goal": f"g{i}",
                "unit": name[:20],
                "baseline": 1,
                "target": 2,
            }
            for i, name in enumerate(names)
        ],
        "planning": {
            "phases": [
                {
                    "id": f"ph{i}",
                    "name": name,
                    "start": f"202{6 + i % 3}-01-01",
                    "end": f"202{6 + i % 3}-12-31",
                }
                for i, name in enumerate(names)
            ],
            "milestones": [
                {"id": f"m{i}", "title": name, "date": "2027-05-01", "public": i % 2 == 0}
                for i, name in enumerate(names)
            ],
        },
        "finance": {
            "cost_items": [
                {"id": f"k{i}", "description": name, "category": name, "year": 2027, "amount": 10}
                for i, name in enumerate(names)
            ],
            "contributions": [
                {"id": f"c{i}", "partner": f"p{i}", "kind": "cash", "year": 2027, "amount": 5}
                for i in range(len(names))
            ],
        },
        "organisation": {
            "process_director": {"name": names[0], "function": names[2], "organisation": "p1"},
            "bodies": [
                {
                    "id": f"o{i}",
                    "kind": "project_team",
                    "name": name,
                    "members": [{"name": n, "organisation": "p0"} for n in names[: i + 1]],
                    **({"reports_to": "o0"} if i else {}),
                }
                for i, name in enumerate(names)
            ],
        },
        "risks": {
            "items": [
                {"id": f"r{i}", "title": name, "likelihood": 3, "impact": 4}
                for i, name in enumerate(names)
            ]
        },
    }
    return Agreement.model_validate(data)


def test_hostile_text_is_escaped_everywhere() -> None:
    agreement = hostile_agreement()
    found = render_all(agreement)
    # Which hostile names each figure draws in full (others are wrapped, shortened or ids).
    shows_in_full = {
        "participation-matrix": ["quote", "script", "symbols", "newline", "emoji", "arabic"],
        "phasing": ["script", "symbols", "newline", "emoji", "arabic"],
        "budget": ["quote", "script", "emoji", "arabic"],
        "risks": [],
        "kpi-top": ["script", "emoji", "arabic"],
    }
    for figure in found:
        assert "<script" not in figure.svg, figure.key
        drawn = texts(figure.svg)  # parses: the SVG is well-formed XML
        assert "\x07" not in figure.svg
        for name in shows_in_full.get(figure.key, []):
            assert FRAGMENTS[name] in drawn, (figure.key, name)
        if figure.key in ("goal-tree", "organogram"):
            for fragment in ("<script>", "A & B ] #", "🚲🌱", "مرحبا", "Z" * 20, '"De Brug"'):
                assert fragment in drawn, (figure.key, fragment)
            # Graphviz escapes stay literal: neither \N nor &lt; is expanded.
            assert "\\N" in drawn and "&amp;" in drawn and "&lt;" in drawn
        assert "&lt;script&gt;" in figure.svg or figure.key == "risks"


def test_quote_escapes_for_dot() -> None:
    assert _graphviz.quote('a "b" \\N') == '"a \\"b\\" \\\\N"'
    assert _graphviz.quote("x\ny\x00\tz") == '"x y z"'
    assert _graphviz.quote("&lt;") == '"&amp;lt;"'
    assert _graphviz.html_text("<b> & \"c\" 'd'") == "&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;"
    assert _graphviz.html_text("\\N") == "\\\\N"


def test_wrap_breaks_long_words_and_limits_lines() -> None:
    assert all(len(line) <= 25 for line in _graphviz.wrap(LONG_WORD))
    lines = _graphviz.wrap("een twee drie " * 20, 25, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    lines.append("erbij")  # the caller's own list: the cached lines stay as they were
    assert _graphviz.wrap("een twee drie " * 20, 25, max_lines=2) == lines[:2]


def test_clean_skips_only_text_it_would_not_change() -> None:
    printable = "".join(char for char in map(chr, range(0x110000)) if char.isprintable())
    assert _graphviz._WHITESPACE_CONTROLS.search(printable) is None
    assert _graphviz._OTHER_CONTROLS.search(printable) is None
    for text in (
        HOSTILE,
        *MARKERS,
        "  a\tb\r\nc\x0bd\x85e\u2028f\u2029g\x00h\x7fi\x9fj\ud800k\uffff  ",
        "€\u00a0100 — 漢字 ❤️",
        " rand ",
        "",
    ):
        long_way = _graphviz._OTHER_CONTROLS.sub("", _graphviz._WHITESPACE_CONTROLS.sub(" ", text))
        assert _graphviz.clean(text) == long_way.strip(), repr(text)


def test_layout_svg_returns_bare_svg() -> None:
    svg = _graphviz.layout_svg('digraph { a -> b [label="x"]; }')
    assert svg.startswith("<svg")
    ET.fromstring(svg)


PARTIAL: dict[str, dict[str, Any]] = {
    "goal cycle": {
        "goals": [
            {"id": "a", "title": "A", "contributes_to": ["b"]},
            {"id": "b", "title": "B", "contributes_to": ["a"], "contributes_to_ambition": True},
            {"id": "c", "title": "C", "contributes_to": ["c"]},
        ],
        "indicators": [{"id": "i", "name": "Zonder waarden", "goal": "a"}],
    },
    "costs only": {
        "finance": {"cost_items": [{"id": "k", "description": "d", "year": 2027, "amount": "10.5"}]}
    },
    "milestone only": {
        "planning": {"milestones": [{"id": "m", "title": "M", "date": "2027-01-01"}]}
    },
    "director only": {"organisation": {"process_director": {"name": "D"}}},
    "body cycle": {
        "organisation": {
            "bodies": [
                {"id": "a", "kind": "other", "name": "A", "reports_to": "b"},
                {"id": "b", "kind": "other", "name": "B", "reports_to": "a"},
            ]
        }
    },
}


@pytest.mark.parametrize("case", sorted(PARTIAL))
def test_partial_data_still_draws(case: str) -> None:
    agreement = Agreement.model_validate({"programme": {"name": "x"}, **PARTIAL[case]})
    drawn = [f for f in (function(agreement) for function in SINGLE) if f is not None]
    drawn += figures.kpi_charts(agreement)
    assert drawn
    for figure in drawn:
        ET.fromstring(figure.svg)
        assert figure.alt and figure.title in figure.svg
    if case == "goal cycle":
        assert "Zonder waarden (nog zonder nulmeting en streefwaarde)" in drawn[-1].alt
