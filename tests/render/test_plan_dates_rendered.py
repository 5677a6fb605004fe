"""Plan dates written as periods read as such in the document and the phasing chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.render import figures, render

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def planned_in_periods() -> Agreement:
    data = load_agreement(EXAMPLES / "small.yaml").model_dump()
    milestones = data["planning"]["milestones"]
    milestones[0].update(date="Q1 2026", precision=None)  # public
    milestones[1].update(date="medio 2026", precision=None)
    data["planning"]["phases"][-1].update(end="eind 2029", end_precision=None)
    deliverable = data["organisation"]["projects"][0]["deliverables"][0]
    deliverable.update(due="najaar 2026", due_precision=None)
    return Agreement.model_validate(data)


def test_the_document_writes_quarters_and_seasons_as_people_say_them(
    planned_in_periods: Agreement,
) -> None:
    md = render(planned_in_periods, "md").decode("utf-8")
    # Phasing table and the public milestones of §3.3.
    assert "| 1e kwartaal 2026 | Ondertekening samenwerkingsovereenkomst" in md
    assert "| medio 2026 | Nulmeting gereed" in md
    assert "| eind 2029 |" in md
    assert "| najaar 2026 | Definitief ontwerp en omgevingsvergunning wijkhart" in md
    assert "14-02-2026" not in md


def test_the_phasing_chart_labels_a_period_compactly(planned_in_periods: Agreement) -> None:
    figure = figures.phasing_gantt(planned_in_periods)
    assert figure is not None
    drawn = "\n".join("".join(el.itertext()) for el in ET.fromstring(figure.svg).iter(f"{SVG}text"))
    assert "Q1 2026 Ondertekening" in drawn
    assert "medio 2026 Nulmeting" in drawn
    assert "eind 2029" in figure.alt
