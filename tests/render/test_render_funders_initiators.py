"""The document shows funders who do not sign, several initiators, the founding moments and
board members from the midst of a sector (issue 15, points 2, 3 and 6)."""

from __future__ import annotations

from typing import Any

from stramien.model import Agreement
from stramien.render.blocks import Bullets, Facts, Heading, Paragraph, SignaturePage, Table
from stramien.render.figures.budget import budget_chart
from stramien.render.markdown import render_markdown
from stramien.render.outline import Document, build_document


def _party(pid: str, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": pid,
        "name": name,
        "category": "government",
        "sector": "public",
        "participation_level": 4,
        "signatories": [
            {"id": f"{pid}-t", "name": "N.N.", "function": "Wethouder", "mandate": "X"}
        ],
        **extra,
    }


def _agreement() -> Agreement:
    return Agreement.model_validate(
        {
            "programme": {"name": "Proef"},
            "partnership": {
                "initiator": "p-emmen",
                "initiators": ["p-assen", "p-emmen"],
                "founding_moments": [
                    {"id": "om-sok", "title": "Samenwerkingsovereenkomst", "date": "2026-01-15"},
                    {"id": "om-plan", "title": "Uitvoeringsplan"},
                    {
                        "id": "om-start",
                        "title": "Startdocument",
                        "date": "2025-03-14",
                        "description": "De opgave en de aanpak vastgelegd.",
                    },
                ],
                "partners": [
                    _party("p-emmen", "Gemeente Emmen"),
                    _party("p-assen", "Gemeente Assen"),
                ],
                "stakeholders": [
                    {
                        "id": "sh-huurders",
                        "name": "Huurdersoverleg",
                        "category": "citizens",
                        "sector": "civil",
                        "participation_level": 3,
                    }
                ],
                "funders": [
                    {
                        "id": "fin-efro",
                        "name": "Europees fonds (EFRO)",
                        "category": "government",
                        "description": "De investeringen in de maakindustrie.",
                        "conditions": "Vijftig procent cofinanciering.",
                    }
                ],
            },
            "finance": {
                "cost_items": [
                    {"id": "k-1", "description": "Fieldlab", "year": 2027, "amount": 300_000}
                ],
                "contributions": [
                    {
                        "id": "b-1",
                        "partner": "p-emmen",
                        "kind": "cash",
                        "year": 2027,
                        "amount": 200_000,
                    },
                    {
                        "id": "b-2",
                        "partner": "fin-efro",
                        "kind": "cash",
                        "year": 2027,
                        "amount": 100_000,
                        "cost_item": "k-1",
                    },
                ],
            },
            "organisation": {
                "bodies": [
                    {
                        "id": "o-sg",
                        "kind": "steering_committee",
                        "name": "Stuurgroep",
                        "members": [
                            {"name": "N.N. 1", "organisation": "p-emmen", "role": "chair"},
                            {"name": "N.N. 2", "organisation": "sh-huurders", "sector": "civil"},
                            {"name": "N.N. 3", "function": "Huisarts", "sector": "private"},
                        ],
                    }
                ]
            },
        }
    )


def _document() -> Document:
    return build_document(_agreement(), draw_figures=False)


def _table(document: Document, caption: str) -> Table:
    found = [b for b in document.blocks if isinstance(b, Table) and b.caption == caption]
    assert len(found) == 1, caption
    return found[0]


def _after_heading(document: Document, text: str) -> Any:
    blocks = list(document.blocks)
    index = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == text)
    return blocks[index + 1]


def test_paragraph_2_names_every_initiator_once() -> None:
    document = _document()
    paragraphs = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert "Initiatiefnemers: Gemeente Emmen en Gemeente Assen." in paragraphs
    facts = next(b for b in document.blocks if isinstance(b, Facts))
    assert ("Initiatiefnemers", "Gemeente Emmen en Gemeente Assen") in facts.items
    assert ("Financiers (niet-ondertekenend)", "1") in facts.items


def test_founding_moments_are_listed_in_date_order_with_undated_last() -> None:
    moments = _after_heading(_document(), "Totstandkoming")
    assert isinstance(moments, Bullets)
    assert moments.items == (
        "14 maart 2025: Startdocument — De opgave en de aanpak vastgelegd.",
        "15 januari 2026: Samenwerkingsovereenkomst",
        "datum nog niet bekend: Uitvoeringsplan",
    )


def test_funders_have_their_own_table_in_paragraph_2() -> None:
    document = _document()
    assert any(
        isinstance(b, Heading) and b.text == "Financiers (niet-ondertekenend)"
        for b in document.blocks
    )
    table = _table(document, "Financiers")
    assert table.rows == (
        (
            "Europees fonds (EFRO)",
            "Overheid",
            "De investeringen in de maakindustrie.",
            "Vijftig procent cofinanciering.",
            "€ 100.000",
        ),
    )


def test_a_funders_money_is_in_the_financing_tables() -> None:
    document = _document()
    per_year = _table(document, "Kosten en financiering per jaar")
    assert per_year.rows == (("2027", "€ 300.000", "€ 300.000", "€ 0", "€ 0"),)
    funders = _table(document, "Bijdragen van financiers (niet-ondertekenend)")
    assert funders.rows == (("Europees fonds (EFRO)", "€ 100.000", "€ 0", "€ 100.000"),)
    partners = _table(document, "Bijdragen per partner")
    assert [row[0] for row in partners.rows] == ["Gemeente Emmen"]


def test_a_funder_is_not_on_the_signature_page() -> None:
    page = next(b for b in _document().blocks if isinstance(b, SignaturePage))
    assert {s.organisation for s in page.signatures} == {"Gemeente Emmen", "Gemeente Assen"}


def test_the_members_sector_shows_in_the_body() -> None:
    table = _table(_document(), "Samenstelling Stuurgroep")
    assert [row[2] for row in table.rows] == [
        "Gemeente Emmen",
        "Huurdersoverleg (uit het midden van de sector civiel)",
        "Uit het midden van de sector privaat",
    ]


def test_the_budget_figure_names_the_funder() -> None:
    figure = budget_chart(_agreement())
    assert figure is not None
    assert "van 1 partner en 1 financier" in figure.alt
    assert "Europees fonds (EFRO)" in figure.svg


def test_markdown_shows_funders_and_founding_moments() -> None:
    text = render_markdown(_document()).decode()
    assert "Financiers (niet-ondertekenend)" in text
    assert "Startdocument" in text
