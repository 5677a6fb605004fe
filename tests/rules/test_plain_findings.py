"""Findings speak the reader's language: no document paths, field keys, enum values or ids.

Every rule's title and hint, and every message the rules write on the examples and on the
crafted bad documents of ``test_every_rule_fires`` (one per rule), is checked.
"""

from __future__ import annotations

import copy
import enum
import re
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel
from test_every_rule_fires import CASES, EMPTY, small

from stramien.io import load_agreement
from stramien.model import Agreement, iter_identified
from stramien.rules import RULES, check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Field keys and enum values that are also ordinary Dutch words, and may stand in a sentence.
DUTCH_WORDS = {
    "checklist",
    "impact",
    "maximum",
    "monitoring",
    "organogram",
    "partner",
    "partners",
    "percentage",
    "project",
    "score",
    "sector",
    "start",
    "team",
}


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    if model in seen:
        return
    seen.add(model)
    yield model
    for info in model.model_fields.values():
        stack: list[typing.Any] = [info.annotation]
        while stack:
            found = stack.pop()
            if isinstance(found, type) and issubclass(found, BaseModel):
                yield from _models(found, seen)
            else:
                stack.extend(typing.get_args(found))


def _enums(models: list[type[BaseModel]]) -> set[type[enum.Enum]]:
    found: set[type[enum.Enum]] = set()
    for model in models:
        for info in model.model_fields.values():
            stack: list[typing.Any] = [info.annotation]
            while stack:
                item = stack.pop()
                if isinstance(item, type) and issubclass(item, enum.Enum):
                    found.add(item)
                else:
                    stack.extend(typing.get_args(item))
    return found


MODELS = list(_models(Agreement, set()))
FIELD_KEYS = {name for model in MODELS for name in model.model_fields}
# Enum values as the YAML writes them ("steering_committee", "increase"), not their labels.
ENUM_VALUES = {
    str(member.value)
    for kind in _enums(MODELS)
    for member in kind
    if isinstance(member.value, str) and member.value.lower() != str(member.label).lower()
}
WORD = re.compile(r"[A-Za-z_]+")


def problems(text: str, ids: set[str]) -> list[str]:
    """What in ``text`` is code rather than Dutch."""
    found = []
    if re.search(r"\w\[\d*\]", text):
        found.append("an index in brackets")
    for first, second in re.findall(r"(?<![\w'-])([a-z_]+)\.([a-z_]+)\b", text):
        if first in FIELD_KEYS:
            found.append(f"a dotted path {first}.{second}")
    words = set(WORD.findall(text))
    found += [f"snake_case {w}" for w in words if "_" in w.strip("_")]
    found += [f"field key {w}" for w in words & (FIELD_KEYS - DUTCH_WORDS)]
    found += [f"enum value {w}" for w in words & ENUM_VALUES if w not in DUTCH_WORDS]
    found += [f"{w}" for w in words & {"true", "false", "ids", "null", "None"}]
    for item_id in ids:
        if re.search(rf"(?<![\w-]){re.escape(item_id)}(?![\w-])", text):
            found.append(f"the id {item_id}")
    return found


def documents() -> Iterator[tuple[str, Agreement]]:
    yield "small", load_agreement(EXAMPLES / "small.yaml")
    yield "large", load_agreement(EXAMPLES / "large.yaml")
    yield "empty", Agreement.model_validate(EMPTY)
    for rule_id, (start, mutate) in CASES.items():
        data = copy.deepcopy(start) if start is not None else small()
        mutate(data)
        yield rule_id, Agreement.model_validate(data)


def code_like_ids(agreement: Agreement) -> set[str]:
    """The ids a reader would recognise as code: with a hyphen, underscore or digit."""
    return {
        item_id
        for item_id, _item, _path in iter_identified(agreement)
        if re.search(r"[-_\d]", item_id)
    }


def test_the_checks_find_what_they_know_to_look_for() -> None:
    # Guards the test itself: the forbidden words are really in the model.
    assert {"contributes_to_ambition", "reports_to", "alt_text", "bearer"} <= FIELD_KEYS
    assert {"steering_committee", "increase", "chair"} <= ENUM_VALUES
    ids = {"gem-apeldoorn"}
    assert sorted(problems("Vul bij 'initiator' het id in", ids)) == [
        "field key id",
        "field key initiator",
    ]
    assert problems("partnership.partners[0].contribution", ids)
    assert problems("Zet 'needed: false'.", ids) == ["field key needed", "false"]
    assert problems("kind: steering_committee", ids)
    assert problems("De afspraken met 'gem-apeldoorn' missen taken.", ids)
    assert problems("In 2027 staan € 1.234.567,50 kosten; beeld 'impressie.png'.", ids) == []


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_rule_titles_and_hints_are_plain_dutch(rule_id: str) -> None:
    found = next(r for r in RULES if r.id == rule_id)
    assert problems(found.title, set()) == []
    assert problems(found.hint, set()) == []


def test_every_message_on_examples_and_bad_documents_is_plain_dutch() -> None:
    bad: list[str] = []
    fired: set[str] = set()
    for name, agreement in documents():
        ids = code_like_ids(agreement)
        for finding in check(agreement):
            fired.add(finding.rule)
            for text in (finding.message, finding.hint):
                found = problems(text, ids)
                if found:
                    bad.append(f"{name} / {finding.rule}: {text!r}: {', '.join(found)}")
    assert fired == {r.id for r in RULES}, "every rule was looked at"
    assert bad == []
