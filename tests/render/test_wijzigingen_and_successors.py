"""The document shows its amendment ("Wijziging n"), lists the amendments, and keeps the
history of merged parties visible."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from stramien.model import Agreement
from stramien.render import build_document, render
from stramien.render.blocks import Heading, RevisionMeta, SignaturePage, Table

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def data() -> dict[str, Any]:
    with open(EXAMPLES / "small.yaml", encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


def amended(data: dict[str, Any], adopted: dt.date | None = dt.date(2027, 3, 1)) -> Agreement:
    data["amendments"] = [
        {
            "number": 1,
            "title": "Extra budget voor de leerwerkroute",
            "kind": "addendum",
            "adopted": adopted,
            "summary": "De gemeente legt € 50.000 extra in.",
            "sections": ["§4.4 Wie betaalt wat"],
        }
    ]
    return Agreement.model_validate(data)


def test_title_page_says_wijziging_1_and_the_annex_lists_it(data: dict[str, Any]) -> None:
    agreement = amended(data)
    html = render(agreement, "html").decode("utf-8")
    assert "Concept, wijziging 1" in html
    md = render(agreement, "md", RevisionMeta(status="vastgesteld")).decode("utf-8")
    assert "Status: Vastgesteld, wijziging 1" in md
    document = build_document(agreement, draw_figures=False)
    headings = [b.text for b in document.blocks if isinstance(b, Heading) and b.level == 1]
    assert headings[-2:] == ["Wijzigingen", "Ondertekening"]
    (table,) = [b for b in document.blocks if isinstance(b, Table) and b.caption.startswith("Wijz")]
    assert table.rows[0][:4] == (
        "Wijziging 1",
        "Extra budget voor de leerwerkroute",
        "Addendum (aanvulling op de overeenkomst)",
        "1 maart 2027",
    )


def test_an_amendment_in_preparation_is_listed_but_not_on_the_title_page(
    data: dict[str, Any],
) -> None:
    agreement = amended(data, adopted=None)
    document = build_document(agreement, draw_figures=False)
    assert document.status_label == "Concept"
    (table,) = [b for b in document.blocks if isinstance(b, Table) and b.caption.startswith("Wijz")]
    assert table.rows[0][3] == "in voorbereiding"


def test_without_amendments_nothing_changes(data: dict[str, Any]) -> None:
    document = build_document(Agreement.model_validate(data), draw_figures=False)
    assert document.status_label == "Concept"
    assert not any(isinstance(b, Heading) and b.text == "Wijzigingen" for b in document.blocks)


def merged(data: dict[str, Any]) -> Agreement:
    data["partnership"]["successions"] = [
        {
            "id": "opv-roc",
            "predecessor": "roc-ovc",
            "successor": "gem-apeldoorn",
            "date": dt.date(2027, 1, 1),
            "reason": "merger",
        }
    ]
    return Agreement.model_validate(data)


def test_section_2_keeps_the_history_of_a_merged_partner(data: dict[str, Any]) -> None:
    document = build_document(merged(data), draw_figures=False)
    rows = [
        row[0]
        for b in document.blocks
        if isinstance(b, Table) and b.caption.startswith("Belanghebbenden")
        for row in b.rows
    ]
    assert "Oost-Veluws College (ROC) — opgegaan in Gemeente Apeldoorn per 1 januari 2027" in rows
    (table,) = [b for b in document.blocks if isinstance(b, Table) and b.caption.startswith("Opv")]
    assert table.rows[0][:4] == (
        "1 januari 2027",
        "Oost-Veluws College (ROC)",
        "Gemeente Apeldoorn",
        "Fusie",
    )


def test_merged_partner_no_longer_signs_and_its_money_counts_for_the_successor(
    data: dict[str, Any],
) -> None:
    before = build_document(Agreement.model_validate(data), draw_figures=False)
    document = build_document(merged(data), draw_figures=False)

    def signers(doc: Any) -> set[str]:
        (page,) = [b for b in doc.blocks if isinstance(b, SignaturePage)]
        return {s.organisation for s in page.signatures}

    assert "Oost-Veluws College (ROC)" in signers(before)
    assert "Oost-Veluws College (ROC)" not in signers(document)

    def per_partner(doc: Any) -> dict[str, str]:
        (table,) = [
            b for b in doc.blocks if isinstance(b, Table) and b.caption == "Bijdragen per partner"
        ]
        return {row[0]: row[3] for row in table.rows}

    old, new = per_partner(before), per_partner(document)
    assert new["Oost-Veluws College (ROC)"] != old["Oost-Veluws College (ROC)"]
    assert new["Gemeente Apeldoorn"] != old["Gemeente Apeldoorn"]


def test_a_signed_version_before_the_merger_keeps_the_predecessor(data: dict[str, Any]) -> None:
    meta = RevisionMeta(timestamp=dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC))
    document = build_document(merged(data), meta, draw_figures=False)
    (page,) = [b for b in document.blocks if isinstance(b, SignaturePage)]
    assert "Oost-Veluws College (ROC)" in {s.organisation for s in page.signatures}


def test_a_stakeholder_successor_that_approved_is_on_the_signature_page(
    data: dict[str, Any],
) -> None:
    data["partnership"]["successions"] = [
        {
            "id": "opv-roc",
            "predecessor": "roc-ovc",
            "successor": "sh-ondernemers",
            "date": dt.date(2026, 3, 1),
        }
    ]
    agreement = Agreement.model_validate(data)
    successor = next(s.name for s in agreement.partnership.stakeholders if s.id == "sh-ondernemers")
    meta = RevisionMeta(status="vastgesteld", approvals=((successor, "Goedgekeurd door N.N."),))
    document = build_document(agreement, meta, draw_figures=False)
    (page,) = [b for b in document.blocks if isinstance(b, SignaturePage)]
    signed = {s.organisation: s.approval for s in page.signatures}
    assert signed[successor] == "Goedgekeurd door N.N."
    assert "Oost-Veluws College (ROC)" not in signed
