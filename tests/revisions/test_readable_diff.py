"""The readable diff: per section, with Dutch labels and values as people see them."""

from __future__ import annotations

import copy
import enum
import re
from typing import Any

import pytest
from revision_mutations import example

from stramien.model import Agreement, enums
from stramien.revisions.readable import ReadableChange, count_changes, readable_diff


def document(**parts: Any) -> dict[str, Any]:
    """A valid agreement as JSON, with the given top-level parts."""
    data = {"programme": {"name": "Wijkaanpak Oost"}, **parts}
    result: dict[str, Any] = Agreement.model_validate(data).model_dump(mode="json")
    return result


def partner(identifier: str, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": identifier,
        "name": name,
        "category": "government",
        "sector": "public",
        "participation_level": 4,
        **extra,
    }


def only_change(old: dict[str, Any], new: dict[str, Any]) -> ReadableChange:
    [section] = readable_diff(old, new)
    [change] = section.changes
    return change


def test_an_enumeration_change_shows_both_dutch_labels() -> None:
    old = document(partnership={"partners": [partner("woonzuid", "Woonzuid")]})
    new = copy.deepcopy(old)
    new["partnership"]["partners"][0]["category"] = "business"
    change = only_change(old, new)
    assert change.kind == "gewijzigd"
    assert change.place == ("Samenwerkingspartners", "Woonzuid", "Soort (5 O's)")
    assert (change.old, change.new) == ("Overheid", "Ondernemer")
    assert change.words == ()


def test_a_participation_level_reads_with_its_rung() -> None:
    old = document(partnership={"partners": [partner("woonzuid", "Woonzuid")]})
    new = copy.deepcopy(old)
    new["partnership"]["partners"][0]["participation_level"] = 2
    change = only_change(old, new)
    assert (change.old, change.new) == ("4 – Co-creatie / partnerschap", "2 – Raadplegen")


def test_money_reads_as_money_and_dates_as_dutch_dates() -> None:
    cost = {"id": "k1", "description": "Wijkcoach", "year": 2027, "amount": 95000}
    old = document(finance={"cost_items": [cost]})
    new = copy.deepcopy(old)
    new["finance"]["cost_items"][0]["amount"] = 1250000.5
    new["programme"]["start"] = "2027-03-01"
    programme, finance = readable_diff(old, new)
    [start] = programme.changes
    assert (start.kind, start.place, start.new) == ("toegevoegd", ("Startdatum",), "1 maart 2027")
    [amount] = finance.changes
    assert amount.place == ("Begroting", "Wijkcoach", "Bedrag")
    assert (amount.old, amount.new) == ("€ 95.000", "€ 1.250.000,50")


def test_a_renamed_partner_is_named_by_its_new_name_and_shows_the_old_one() -> None:
    old = document(
        partnership={"partners": [partner("woonzuid", "Woonzuid")], "initiator": "woonzuid"}
    )
    new = copy.deepcopy(old)
    new["partnership"]["partners"][0]["name"] = "Woonzuid Wonen"
    [section] = readable_diff(old, new)
    assert section.title == "§2 Samenwerkingsverband"
    [change] = section.changes
    assert change.place == ("Samenwerkingspartners", "Woonzuid Wonen", "Naam")
    assert (change.old, change.new) == ("Woonzuid", "Woonzuid Wonen")
    assert change.path == ("partnership", "partners", {"id": "woonzuid"}, "name")


def test_a_reference_reads_as_the_name_it_points_to() -> None:
    parties = [partner("woonzuid", "Woonzuid"), partner("gem", "Gemeente Oost")]
    old = document(partnership={"partners": parties, "initiator": "woonzuid"})
    new = copy.deepcopy(old)
    new["partnership"]["initiator"] = "gem"
    change = only_change(old, new)
    assert change.place == ("Initiatiefnemer",)
    assert (change.old, change.new) == ("Woonzuid", "Gemeente Oost")


def test_an_added_and_a_removed_goal_by_their_names() -> None:
    old = document(goals=[{"id": "g1", "title": "Meer banen", "contributes_to_ambition": True}])
    new = document(
        partnership={"partners": [partner("woonzuid", "Woonzuid")]},
        goals=[
            {
                "id": "g2",
                "title": "Betaalbaar wonen",
                "contributes_to_ambition": True,
                "partners": ["woonzuid"],
            }
        ],
    )
    goals = next(section for section in readable_diff(old, new) if section.key == "goals")
    assert goals.title == "§4.1 Doelenboom"
    added, removed = goals.changes
    assert (added.kind, added.place, added.new) == (
        "toegevoegd",
        ("Betaalbaar wonen",),
        "Betaalbaar wonen",
    )
    facts = dict(added.facts)
    assert facts["Bijdragende partners"] == "Woonzuid"
    assert facts["Draagt direct bij aan de ambitie"] == "ja"
    assert (removed.kind, removed.place, removed.old) == (
        "verwijderd",
        ("Meer banen",),
        "Meer banen",
    )


def test_a_changed_text_has_its_words_marked() -> None:
    old = document(ambition={"statement": "Oost wordt een wijk waar je graag woont."})
    new = copy.deepcopy(old)
    new["ambition"]["statement"] = "Oost wordt een groene wijk waar je graag blijft wonen."
    change = only_change(old, new)
    assert change.place == ("Kernachtige ambitie",)
    marked = [(op, text) for op, text in change.words if op != "="]
    assert ("+", "groene ") in marked or ("+", " groene") in marked
    assert ("-", "woont") in marked and ("+", "blijft wonen") in marked
    assert "".join(t for op, t in change.words if op != "+") == old["ambition"]["statement"]
    assert "".join(t for op, t in change.words if op != "-") == new["ambition"]["statement"]


def test_values_of_a_list_added_and_removed() -> None:
    old = document(
        partnership={"partners": [partner("w", "Woonzuid", core_values=["Dichtbij", "Snel"])]}
    )
    new = copy.deepcopy(old)
    new["partnership"]["partners"][0]["core_values"] = ["Dichtbij", "Eerlijk"]
    change = only_change(old, new)
    assert change.place == ("Samenwerkingspartners", "Woonzuid", "Kernwaarden")
    assert (change.added, change.removed) == (("Eerlijk",), ("Snel",))


def test_items_that_swap_places_are_a_change_of_order() -> None:
    goals = [
        {"id": "g1", "title": "Meer banen", "contributes_to_ambition": True},
        {"id": "g2", "title": "Betaalbaar wonen", "contributes_to_ambition": True},
    ]
    old = document(goals=goals)
    new = document(goals=list(reversed(goals)))
    change = only_change(old, new)
    assert change.kind == "volgorde"
    assert change.new.startswith("Betaalbaar wonen")


def test_no_change_no_section() -> None:
    old = document(goals=[{"id": "g1", "title": "Meer banen", "contributes_to_ambition": True}])
    assert readable_diff(old, copy.deepcopy(old)) == []


_ENGLISH = {
    member.value
    for kind in vars(enums).values()
    if isinstance(kind, type) and issubclass(kind, enum.StrEnum)
    for member in kind
}


# Codes that are also Dutch words, in the texts people wrote.
DUTCH_TOO = {"monitoring", "planning", "score"}


def _ids(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            found.add(node["id"])
        for value in node.values():
            found |= _ids(value)
    elif isinstance(node, list):
        for value in node:
            found |= _ids(value)
    return found


def _texts(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    for section in readable_diff(old, new):
        texts.append(section.title)
        for change in section.changes:
            texts += [change.old, change.new, *change.place, *change.added, *change.removed]
            texts += [text for pair in change.facts for text in pair]
            texts += [text for _, text in change.words]
    return texts


@pytest.mark.parametrize(
    ("first", "second"), [("small.yaml", "large.yaml"), ("large.yaml", "small.yaml")]
)
def test_nothing_english_and_no_ids_between_two_whole_programmes(first: str, second: str) -> None:
    old, new = example(first), example(second)
    texts = _texts(old, new)
    sections = readable_diff(old, new)
    assert count_changes(sections) > 100
    # Words that are a code (an enumeration's value, a field name, an item's id) never show;
    # Dutch words that happen to be spelled like one ("monitoring", "planning") are left alone.
    codes = (_ENGLISH | _ids(old) | _ids(new) | set(Agreement.model_fields)) - DUTCH_TOO
    shown = {word for text in texts for word in re.findall(r"[\w.\-]+", text)}
    assert shown & codes == set()
    assert not any(text.lstrip().startswith(("{", "[")) for text in texts)
