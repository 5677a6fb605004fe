"""Where a finding is, as a reader finds it in the forms: titles and names, never keys or ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from stramien.io import load_agreement
from stramien.revisions import location
from stramien.rules import check, parse_path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def document() -> dict:
    return load_agreement(EXAMPLES / "small.yaml").model_dump(mode="json")


def test_a_partner_field_is_named_by_section_list_partner_and_field(document: dict) -> None:
    assert location(("partnership", "partners", 0, "contribution"), document) == (
        "§2 Samenwerkingsverband › Samenwerkingspartners › Gemeente Apeldoorn › Bijdrage"
    )


def test_an_enum_names_its_item_by_label_and_a_reference_by_the_name_it_points_to(
    document: dict,
) -> None:
    sector = location(("partnership", "sector_roles", 0), document)
    assert sector.endswith("› Rol van de sectoren › Politiek")
    agreement = location(("appendices", "partner_agreements", 0), document)
    assert agreement.endswith("› Afspraken met partners › Gemeente Apeldoorn")


def test_an_item_without_a_name_gets_its_number(document: dict) -> None:
    assert location(("appendices", "chosen", 1), document).endswith("› Gekozen bijlagen › nr. 2")


def test_a_path_string_of_a_finding_reads_back_as_steps() -> None:
    assert parse_path("partnership.partners[12].signatories[0].mandate") == (
        "partnership",
        "partners",
        12,
        "signatories",
        0,
        "mandate",
    )
    assert parse_path("goals") == ("goals",)


def test_no_location_of_a_large_example_finding_shows_an_id_or_key() -> None:
    agreement = load_agreement(EXAMPLES / "large.yaml")
    document = agreement.model_dump(mode="json")
    for finding in check(agreement):
        place = location(finding.steps, document)
        assert "[" not in place and "_" not in place, place
        for step in finding.steps:
            if isinstance(step, str) and step not in ("checklist", "start", "partners"):
                assert f" {step} " not in f" {place} ", place
