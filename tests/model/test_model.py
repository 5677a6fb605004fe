"""The model: labels on every field, stable ids, reference integrity, JSON Schema."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from stramien.model import (
    Agreement,
    ParticipationLevel,
    StakeholderCategory,
    json_schema,
    reference_problems,
)


def all_models(root: type[BaseModel] = Agreement) -> set[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    stack: list[Any] = [root]
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for info in model.model_fields.values():
            stack.extend(_models_in(info.annotation))
    return seen


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models_in(arg)]


def test_every_field_has_a_dutch_label_and_help_text() -> None:
    missing = [
        f"{model.__name__}.{name}"
        for model in all_models()
        for name, info in model.model_fields.items()
        if not info.title or not info.description
    ]
    assert missing == []


def test_the_model_covers_every_part_of_the_stramien() -> None:
    names = {model.__name__ for model in all_models()}
    expected = {
        "Ambition", "Beneficiary", "Partnership", "Partner", "Stakeholder", "Interest",
        "Signatory", "SectorRole", "Realisation", "Image", "NegativeConsequence", "Goal",
        "Indicator", "EffectMeasurement", "PriceItem", "EffectCase", "Phase", "Milestone",
        "CostItem", "Contribution", "Organisation", "OrganisationChecklist", "Body", "Member",
        "Project", "Deliverable", "Alliance", "CitizenInitiative", "Risk", "Appendices",
        "TaskAgreement", "Calamities", "PublicLawProcedure", "ExitClause", "Definition",
    }  # fmt: skip
    assert expected <= names


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Agreement.model_validate({"programme": {"name": "x", "naam": "typo"}})
    assert caught.value.errors()[0]["type"] == "extra_forbidden"


def test_duplicate_ids_and_dangling_references_are_reported_with_paths() -> None:
    data = {
        "programme": {"name": "x"},
        "goals": [
            {"id": "g1", "title": "Een", "contributes_to": ["g9"]},
            {"id": "g1", "title": "Twee"},
        ],
        "indicators": [{"id": "k1", "name": "Meting", "goal": "g1", "owner": "g1"}],
    }
    with pytest.raises(ValidationError) as caught:
        Agreement.model_validate(data)
    problems = dict(caught.value.errors()[0]["ctx"]["problems"])
    assert ("goals", 1, "id") in problems
    assert "al voor" in problems[("goals", 1, "id")]
    assert "geen doel" in problems[("goals", 0, "contributes_to", 0)]
    assert "hoort een partner" in problems[("indicators", 0, "owner")]


def test_a_reference_to_the_wrong_kind_is_refused() -> None:
    data = {
        "programme": {"name": "x"},
        "partnership": {
            "initiator": "g1",
            "partners": [
                {
                    "id": "p1",
                    "name": "Gemeente",
                    "category": "government",
                    "sector": "public",
                    "participation_level": 4,
                }
            ],
        },
        "goals": [{"id": "g1", "title": "Doel"}],
    }
    with pytest.raises(ValidationError):
        Agreement.model_validate(data)
    data["partnership"]["initiator"] = "p1"  # type: ignore[index]
    agreement = Agreement.model_validate(data)
    assert reference_problems(agreement) == []
    assert agreement.items_by_id()["p1"].name == "Gemeente"  # type: ignore[attr-defined]


def test_ids_follow_the_id_rule() -> None:
    for bad in ("1abc", "met spatie", "", "a" * 65, "ü-id"):
        with pytest.raises(ValidationError):
            Agreement.model_validate(
                {"programme": {"name": "x"}, "goals": [{"id": bad, "title": "t"}]}
            )


def test_newer_schema_version_is_refused_in_dutch() -> None:
    with pytest.raises(ValidationError) as caught:
        Agreement.model_validate({"schema_version": "9.0", "programme": {"name": "x"}})
    assert "niet ondersteund" in caught.value.errors()[0]["msg"]


def test_attachment_names_cannot_be_paths() -> None:
    for bad in ("../geheim.png", "/etc/passwd", "map/beeld.png", "..\\x.png"):
        with pytest.raises(ValidationError):
            Agreement.model_validate(
                {"programme": {"name": "x"}, "realisation": {"artist_impression": {"file": bad}}}
            )


def test_json_schema_describes_the_document_in_dutch() -> None:
    schema = json_schema()
    text = json.dumps(schema)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "schema_version" in schema["properties"]
    assert "Participatieniveau" in text
    assert set(schema["$defs"]["ParticipationLevel"]["enum"]) == {1, 2, 3, 4, 5}


def test_vocabularies_have_dutch_labels() -> None:
    assert ParticipationLevel(4).label == "Co-creatie / partnerschap"
    assert all(category.label for category in StakeholderCategory)
