"""The form engine: model -> form -> browser POST -> data, errors on the right fields, HTML."""

from __future__ import annotations

import copy
import os
import typing
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

import django
import pytest
from django.conf import settings
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, create_model

if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    settings.configure(
        INSTALLED_APPS=["stramien.web"],
        TEMPLATES=[
            {"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}
        ],
    )
django.setup()

from django.http import QueryDict  # noqa: E402

from stramien.io import load_agreement  # noqa: E402
from stramien.model import (  # noqa: E402
    Agreement,
    Ambition,
    Appendices,
    EffectMeasurement,
    Finance,
    Organisation,
    Partnership,
    Planning,
    Programme,
    Realisation,
    RiskSection,
    reference_problems,
)
from stramien.model.agreement import REFERENCE_KINDS  # noqa: E402
from stramien.model.base import ID_PATTERN  # noqa: E402
from stramien.web import schemaform as sf  # noqa: E402

from .. import EXAMPLES  # noqa: E402

PREFIX = "s"


@cache
def _large() -> dict[str, Any]:
    return load_agreement(EXAMPLES / "large.yaml").model_dump(mode="json")


@pytest.fixture
def doc() -> dict[str, Any]:
    return copy.deepcopy(_large())


@cache
def section_model(*fields: str) -> type[BaseModel]:
    """Like the editor's sections: some top-level fields of the Agreement as one model."""
    definitions: Any = {
        name: (Agreement.model_fields[name].annotation, Agreement.model_fields[name])
        for name in fields
    }
    model: type[BaseModel] = create_model(
        "Section_" + "_".join(fields), __config__=ConfigDict(extra="forbid"), **definitions
    )
    return model


# --- A browser, as far as forms go -----------------------------------------------------------


def walk(node: sf.Node) -> Iterator[sf.Node]:
    yield node
    for child in node.children:
        yield from walk(child)


def browser_pairs(root: sf.Node, *, delete: set[str] = frozenset()) -> list[tuple[str, str]]:
    """What a browser sends for the form as shown: unchecked and disabled controls are absent,
    readonly text is sent, textareas come back with CRLF line ends."""
    pairs: list[tuple[str, str]] = []
    for node in walk(root):
        kind = node.kind
        if kind == "item":
            if node.delete is not None and node.name in delete:
                pairs.append((node.delete.name, "on"))
        elif kind == "list":
            if node.extra:
                pairs.append((f"extra-{node.name}", str(node.extra)))
        elif kind == "group":
            continue
        elif kind == "checkbox":
            if node.value and not node.readonly:
                pairs.append((node.name, "on"))
        elif kind == "multiselect":
            if not node.readonly:
                pairs.extend((node.name, value) for value in node.value)
        elif kind in ("select", "nullable-bool"):
            if not node.readonly:
                pairs.append((node.name, node.value))
        elif kind in ("textarea", "lines"):
            pairs.append((node.name, node.value.replace("\n", "\r\n")))
        else:
            pairs.append((node.name, node.value))
    return pairs


def as_post(pairs: list[tuple[str, str]]) -> QueryDict:
    return QueryDict(urlencode(pairs))


def change(pairs: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    assert any(key == name for key, _ in pairs), name
    return [(key, value if key == name else old) for key, old in pairs]


def node_named(root: sf.Node, name: str) -> sf.Node:
    found = [node for node in walk(root) if node.name == name]
    assert len(found) == 1, name
    return found[0]


# --- Round trips --------------------------------------------------------------------------

SECTION_MODELS: list[tuple[str, type[BaseModel]]] = [
    ("programme", Programme),
    ("ambition", Ambition),
    ("partnership", Partnership),
    ("realisation", Realisation),
    ("effect_measurement", EffectMeasurement),
    ("planning", Planning),
    ("finance", Finance),
    ("organisation", Organisation),
    ("risks", RiskSection),
    ("appendices", Appendices),
]


@pytest.mark.parametrize(("key", "model"), SECTION_MODELS, ids=[k for k, _ in SECTION_MODELS])
def test_every_section_model_survives_a_round_trip(
    doc: dict[str, Any], key: str, model: type[BaseModel]
) -> None:
    data = doc[key]
    root = sf.build(model, data, prefix=key, choices=sf.choices_from(doc))
    parsed = sf.parse(model, as_post(browser_pairs(root)), prefix=key, original=data)
    assert model.model_validate(parsed).model_dump(mode="json") == data


SECTIONS = [
    ("programme", "ambition"),
    ("partnership",),
    ("realisation",),
    ("goals",),
    ("indicators",),
    ("effect_measurement",),
    ("planning",),
    ("finance",),
    ("organisation",),
    ("risks",),
    ("appendices",),
]


@pytest.mark.parametrize("fields", SECTIONS, ids=["-".join(f) for f in SECTIONS])
@pytest.mark.parametrize("with_choices", [True, False], ids=["choices", "typed-ids"])
def test_every_editor_section_survives_a_round_trip(
    doc: dict[str, Any], fields: tuple[str, ...], with_choices: bool
) -> None:
    model = section_model(*fields)
    data = {name: doc[name] for name in fields}
    choices = sf.choices_from(doc) if with_choices else None
    root = sf.build(model, data, prefix=PREFIX, choices=choices)
    parsed = sf.parse(model, as_post(browser_pairs(root)), prefix=PREFIX, original=data)
    assert model.model_validate(parsed).model_dump(mode="json") == data
    whole = Agreement.model_validate({**doc, **parsed})
    assert whole.model_dump(mode="json") == doc


def test_the_small_example_survives_a_round_trip_as_a_whole() -> None:
    data = load_agreement(EXAMPLES / "small.yaml").model_dump(mode="json")
    root = sf.build(Agreement, data, prefix="", choices=sf.choices_from(data))
    assert all(node.name != "schema_version" for node in walk(root))
    parsed = sf.parse(Agreement, as_post(browser_pairs(root)), prefix="", original=data)
    assert Agreement.model_validate(parsed).model_dump(mode="json") == data


# --- Lists: delete, add, order ----------------------------------------------------------------


def test_deleting_an_item_removes_only_that_item(doc: dict[str, Any]) -> None:
    model = section_model("goals")
    data = {"goals": doc["goals"][:5]}
    root = sf.build(model, data, prefix=PREFIX)
    item = node_named(root, "s-goals-2")
    assert item.delete is not None and item.delete.name == "s-goals-2-DELETE"
    pairs = browser_pairs(root, delete={"s-goals-2"})
    parsed = sf.parse(model, as_post(pairs), prefix=PREFIX, original=data)
    assert [g["id"] for g in parsed["goals"]] == [
        g["id"] for i, g in enumerate(data["goals"]) if i != 2
    ]


def test_a_blank_row_is_ignored_and_a_filled_one_is_added(doc: dict[str, Any]) -> None:
    model = section_model("goals")
    data = {"goals": doc["goals"][:3]}
    root = sf.build(model, data, prefix=PREFIX, extra_rows={"s-goals": 2})
    goals = node_named(root, "s-goals")
    assert goals.can_add and goals.extra == 2
    assert [child.name for child in goals.children][-2:] == ["s-goals-3", "s-goals-4"]
    assert all(child.is_new and child.delete is None for child in goals.children[-2:])
    html = str(sf.render(root))
    assert 'name="add" value="s-goals"' in html
    assert 'name="extra-s-goals" value="2"' in html

    untouched = browser_pairs(root)
    parsed = sf.parse(model, as_post(untouched), prefix=PREFIX, original=data)
    assert parsed == data

    filled = change(untouched, "s-goals-4-id", "g-nieuw")
    filled = change(filled, "s-goals-4-title", "Een nieuw doel")
    filled = [*filled, ("s-goals-4-contributes_to", data["goals"][0]["id"])]
    parsed = sf.parse(model, as_post(filled), prefix=PREFIX, original=data)
    assert [g["id"] for g in parsed["goals"]] == [g["id"] for g in data["goals"]] + ["g-nieuw"]
    new = model.model_validate(parsed).model_dump(mode="json")["goals"][-1]
    assert new["title"] == "Een nieuw doel"
    assert new["contributes_to"] == [data["goals"][0]["id"]]


def test_items_keep_their_order_and_references_theirs(doc: dict[str, Any]) -> None:
    model = section_model("goals")
    goals = doc["goals"][:4]
    goals[3]["contributes_to"] = [goals[2]["id"], goals[0]["id"]]  # not the choices' order
    data = {"goals": goals}
    root = sf.build(model, data, prefix=PREFIX, choices=sf.choices_from({"goals": goals}))
    parsed = sf.parse(model, as_post(browser_pairs(root)), prefix=PREFIX, original=data)
    assert parsed["goals"][3]["contributes_to"] == [goals[2]["id"], goals[0]["id"]]
    # Indices are read in numeric order, not in the POST's order.
    pairs = list(reversed(browser_pairs(root)))
    parsed = sf.parse(model, as_post(pairs), prefix=PREFIX, original=data)
    assert [g["id"] for g in parsed["goals"]] == [g["id"] for g in goals]


def test_locked_list_has_no_add_button_or_delete(doc: dict[str, Any]) -> None:
    data = doc["risks"]
    root = sf.build(
        RiskSection,
        data,
        prefix="r",
        editable=lambda p: p[:1] != ("items",),
        extra_rows={"r-items": 3},
    )
    items = node_named(root, "r-items")
    assert items.readonly and not items.can_add and items.extra == 0
    assert all(child.delete is None and child.readonly for child in items.children)


# --- Values ------------------------------------------------------------------------------------


def test_kinds_follow_the_model() -> None:
    root = sf.build(Agreement, None, prefix="", choices=sf.choices_from({}))
    kinds = {node.name: node.kind for node in walk(root)}
    assert "schema_version" not in kinds
    assert kinds["programme-name"] == "text"
    assert kinds["programme-summary"] == "textarea"
    assert kinds["programme-start"] == "date"
    assert kinds["ambition-beneficiaries"] == "list"
    assert kinds["partnership-initiator"] == "select"
    assert kinds["realisation-artist_impression"] == "group"
    assert kinds["organisation-checklist-produces_products"] == "nullable-bool"
    assert kinds["appendices-chosen"] == "multiselect"
    assert kinds["appendices-exit_clause-notice_period_months"] == "number"
    assert [name for name in kinds if name.count("-") == 0 and name] == [
        name for name in Agreement.model_fields if name != "schema_version"
    ]
    checklist = node_named(root, "organisation-checklist-produces_products")
    assert checklist.choices == [("", "Nog niet beantwoord"), ("true", "Ja"), ("false", "Nee")]
    initiator = node_named(root, "partnership-initiator")
    assert initiator.choices[0] == ("", "— geen —")

    goals = sf.build(
        section_model("goals"), {"goals": []}, prefix=PREFIX, extra_rows={"s-goals": 1}
    )
    kinds = {node.name: node.kind for node in walk(goals)}
    assert kinds["s-goals-0-id"] == "text"
    assert kinds["s-goals-0-contributes_to_ambition"] == "checkbox"
    assert kinds["s-goals-0-contributes_to"] == "lines"  # no choices given: typed ids

    partners = sf.build(
        Partnership, {}, prefix="p", choices=sf.choices_from({}), extra_rows={"p-partners": 1}
    )
    category = node_named(partners, "p-partners-0-category")
    assert category.kind == "select" and category.required
    assert category.choices[0] == ("", "— kies —")
    assert ("government", "Overheid") in category.choices
    level = node_named(partners, "p-partners-0-participation_level")
    assert ("4", "4 – Co-creatie / partnerschap") in level.choices
    assert node_named(partners, "p-partners-0-core_values").kind == "lines"

    finance = sf.build(Finance, {}, prefix="f", extra_rows={"f-cost_items": 1})
    assert node_named(finance, "f-cost_items-0-amount").kind == "decimal"
    assert node_named(finance, "f-cost_items-0-year").kind == "number"


def test_choices_name_every_item_by_its_name(doc: dict[str, Any]) -> None:
    # Issue 17: a reference is chosen by name; the id is only the option's value.
    choices = sf.choices_from(doc)
    partners = choices(("Partner",))
    assert [value for value, _ in partners] == [p["id"] for p in doc["partnership"]["partners"]]
    first = doc["partnership"]["partners"][0]
    assert partners[0] == (first["id"], first["name"])
    parties = {value for value, _ in choices(("Partner", "Stakeholder"))}
    assert {s["id"] for s in doc["partnership"]["stakeholders"]} <= parties
    assert choices(("Goal",))[0][0] == doc["goals"][0]["id"]
    # Junk data gives no choices rather than an exception.
    assert sf.choices_from({"goals": "nonsense", "partnership": [1, 2]})(("Goal",)) == []


def test_empty_fields_become_what_the_model_expects() -> None:
    model = section_model("indicators")
    root = sf.build(model, {"indicators": []}, prefix=PREFIX, extra_rows={"s-indicators": 1})
    pairs = change(browser_pairs(root), "s-indicators-0-id", "ind-1")
    parsed = sf.parse(model, as_post(pairs), prefix=PREFIX, original=None)
    indicator = parsed["indicators"][0]
    assert indicator["unit"] == ""  # default "" stays ""
    assert indicator["baseline"] is None  # default None becomes None
    assert indicator["owner"] is None
    assert "name" not in indicator and "goal" not in indicator  # required: left out
    assert indicator["direction"] == "increase"
    with pytest.raises(ValidationError) as caught:
        model.model_validate(parsed)
    errors = sf.errors_from(caught.value, parsed, prefix=PREFIX)
    assert errors["s-indicators-0-name"] == ["Verplicht veld ontbreekt."]


def test_dutch_numbers_and_dates_are_understood() -> None:
    model = section_model("finance")
    root = sf.build(model, {"finance": {}}, prefix=PREFIX, extra_rows={"s-finance-cost_items": 1})
    pairs = browser_pairs(root)
    for name, value in [
        ("s-finance-cost_items-0-id", "k1"),
        ("s-finance-cost_items-0-description", "Iets"),
        ("s-finance-cost_items-0-year", "2027"),
        ("s-finance-cost_items-0-amount", "€ 1.250.000,50"),
    ]:
        pairs = change(pairs, name, value)
    parsed = sf.parse(model, as_post(pairs), prefix=PREFIX, original=None)
    item = model.model_validate(parsed).model_dump(mode="json")["finance"]["cost_items"][0]
    assert item["amount"] == 1250000.5 and item["year"] == 2027

    phases = sf.build(Planning, {}, prefix="p", extra_rows={"p-phases": 1})
    pairs = browser_pairs(phases)
    for name, value in [
        ("p-phases-0-id", "f1"),
        ("p-phases-0-name", "Start"),
        ("p-phases-0-start", "1-3-2026"),
        ("p-phases-0-end", "2026-12-31"),
    ]:
        pairs = change(pairs, name, value)
    parsed = sf.parse(Planning, as_post(pairs), prefix="p", original=None)
    assert Planning.model_validate(parsed).phases[0].start.isoformat() == "2026-03-01"


def test_an_optional_group_left_blank_is_none(doc: dict[str, Any]) -> None:
    data = copy.deepcopy(doc["realisation"])
    data["artist_impression"] = None
    root = sf.build(Realisation, data, prefix="r")
    parsed = sf.parse(Realisation, as_post(browser_pairs(root)), prefix="r", original=data)
    assert parsed["artist_impression"] is None
    pairs = change(browser_pairs(root), "r-artist_impression-file", "beeld.png")
    parsed = sf.parse(Realisation, as_post(pairs), prefix="r", original=data)
    assert Realisation.model_validate(parsed).artist_impression is not None


# --- Hostile POSTs ---------------------------------------------------------------------------


HOSTILE: list[list[tuple[str, str]]] = [
    [],
    [("s-goals-999999-title", "x")],
    [("s-goals-1000000000-title", "x"), ("s-goals-" + "9" * 5000 + "-title", "y")],
    [("s-goals-abc-title", "x"), ("s-goals--1-title", "x"), ("s-goals-00-title", "x")],
    [("s-goals-0-contributes_to", "<script>"), ("s-goals-0-contributes_to", "x" * 10_000)],
    [("s-goals-0-contributes_to_ambition", "maybe"), ("s-goals-0-DELETE", "")],
    [("s-goals-0-title", "a"), ("s-goals-0-title", "b"), ("s-goals-0", "c"), ("s", "d")],
    [("s-goals-٣-title", "arabic digit"), ("s-goals-0-id", "\x00\ud800")],
    [("add", "s-goals"), ("extra-s-goals", "-5"), ("csrfmiddlewaretoken", "x")],
    [(f"s-goals-{i}-id", f"g{i}") for i in range(0, 50_000, 7)],
]


@pytest.mark.parametrize("pairs", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_post_never_raises(doc: dict[str, Any], pairs: list[tuple[str, str]]) -> None:
    model = section_model("goals")
    data = {"goals": doc["goals"][:3]}
    post = QueryDict(mutable=True)
    for key, value in pairs:
        post.appendlist(key, value)
    parsed = sf.parse(model, post, prefix=PREFIX, original=data)
    assert len(parsed["goals"]) <= sf.MAX_ITEMS
    try:
        model.model_validate(parsed)
    except ValidationError as exc:
        errors = sf.errors_from(exc, parsed, prefix=PREFIX)
        root = sf.build(model, parsed, prefix=PREFIX, errors=errors, choices=sf.choices_from(doc))
        html = str(sf.render(root))
        assert "<script>" not in html
        assert all(errors.values())


def test_huge_index_does_not_allocate_a_huge_list() -> None:
    model = section_model("goals")
    post = as_post([("s-goals-999999-id", "g-ver"), ("s-goals-999999-title", "Ver weg")])
    parsed = sf.parse(model, post, prefix=PREFIX, original=None)
    assert [g["id"] for g in parsed["goals"]] == ["g-ver"]


def test_a_post_with_many_indices_is_capped(doc: dict[str, Any]) -> None:
    model = section_model("goals")
    data = {"goals": doc["goals"][:3]}
    pairs = [(f"s-goals-{i}-id", f"g{i}") for i in range(2500)]
    parsed = sf.parse(model, as_post(pairs), prefix=PREFIX, original=data)
    assert len(parsed["goals"]) == 3 + sf.MAX_NEW_ITEMS
    assert parsed["goals"][-1]["id"] == f"g{2 + sf.MAX_NEW_ITEMS}"
    # New items inside new items count towards the same budget.
    pairs = [
        (f"s-partners-{i}-interests-{j}-id", f"b{i}-{j}") for i in range(30) for j in range(30)
    ]
    parsed = sf.parse(Partnership, as_post(pairs), prefix="s", original=None)
    assert sum(1 + len(p["interests"]) for p in parsed["partners"]) <= sf.MAX_NEW_ITEMS + 1
    many = [("s-goals-0-contributes_to", f"g{i}") for i in range(5000)]
    parsed = sf.parse(model, as_post(many), prefix=PREFIX, original=data)
    assert len(parsed["goals"][0]["contributes_to"]) == sf.MAX_ITEMS
    root = sf.build(model, parsed, prefix=PREFIX, choices=sf.choices_from({}))
    assert len(node_named(root, "s-goals-0-contributes_to").choices) == sf.MAX_UNKNOWN_CHOICES


def test_missing_fields_do_not_wipe_locked_or_raise(doc: dict[str, Any]) -> None:
    data = doc["partnership"]
    parsed = sf.parse(Partnership, QueryDict(""), prefix="p", original=data)
    assert parsed["partners"] == [] and parsed["strategy"] == ""
    locked = sf.parse(
        Partnership, QueryDict(""), prefix="p", original=data, editable=lambda p: False
    )
    assert locked == data


# --- Errors ------------------------------------------------------------------------------------


def test_a_too_long_title_is_reported_on_its_field_in_dutch(doc: dict[str, Any]) -> None:
    doc["goals"][2]["title"] = "x" * 301
    with pytest.raises(ValidationError) as caught:
        Agreement.model_validate(doc)
    errors = sf.errors_from(caught.value, doc, prefix=PREFIX)
    assert list(errors) == ["s-goals-2-title"]
    (message,) = errors["s-goals-2-title"]
    assert message == "De tekst is te lang: hoogstens 300 tekens, nu 301."

    root = sf.build(section_model("goals"), {"goals": doc["goals"]}, prefix=PREFIX, errors=errors)
    field = node_named(root, "s-goals-2-title")
    assert field.errors == [message] and field.error_id in field.described_by
    html = str(sf.render(root))
    assert 'aria-invalid="true"' in html and f'id="{field.error_id}"' in html
    assert f'href="#{field.html_id}"' in html  # the error summary links to the field


def test_errors_of_one_section_with_loc_prefix(doc: dict[str, Any]) -> None:
    doc["partnership"]["partners"][1]["name"] = "y" * 400
    doc["goals"][0]["title"] = "z" * 400
    with pytest.raises(ValidationError) as caught:
        Agreement.model_validate(doc)
    errors = sf.errors_from(caught.value, doc, prefix="partnership", loc_prefix=("partnership",))
    assert list(errors) == ["partnership-partners-1-name", "__all__"]
    (general,) = errors["__all__"]
    assert general.startswith("§4.1 Doelenboom › nr. 1 › Doel: De tekst is te lang")


def test_reference_problems_land_on_the_reference_field(doc: dict[str, Any]) -> None:
    doc["goals"][1]["contributes_to"] = ["bestaat-niet"]
    doc["indicators"][0]["goal"] = doc["partnership"]["partners"][0]["id"]
    with pytest.raises(ValidationError) as caught:
        Agreement.model_validate(doc)
    errors = sf.errors_from(caught.value, doc, prefix=PREFIX)
    assert errors["s-goals-1-contributes_to"] == [
        "Verwijzing naar 'bestaat-niet' klopt niet: er is geen doel met dit id."
    ]
    assert "maar hier hoort een doel" in errors["s-indicators-0-goal"][0]
    # In the goals form the indicator's problem has no field: it is shown at the top.
    root = sf.build(
        section_model("goals"), {"goals": doc["goals"]}, prefix=PREFIX, errors=errors,
        choices=sf.choices_from(doc),
    )  # fmt: skip
    assert any(m.startswith("§4.2 Prestatie-indicatoren › nr. 1 › Doel: ") for m in root.errors)
    broken = node_named(root, "s-goals-1-contributes_to")
    assert ("bestaat-niet", "bestaat-niet (onbekend)") in broken.choices
    assert broken.value == ["bestaat-niet"]


def test_duplicate_ids_point_at_the_second_id(doc: dict[str, Any]) -> None:
    doc["goals"][4]["id"] = doc["goals"][3]["id"]
    with pytest.raises(ValidationError) as caught:
        Agreement.model_validate(doc)
    errors = sf.errors_from(caught.value, doc, prefix=PREFIX)
    assert "komt al voor" in errors["s-goals-4-id"][0]


# --- Locked fields ----------------------------------------------------------------------------


def test_locked_fields_keep_their_value_whatever_the_post_says(doc: dict[str, Any]) -> None:
    data = doc["partnership"]
    mine = 1

    def editable(path: tuple[Any, ...]) -> bool:
        if path[:1] == ("partners",) and len(path) >= 2:
            return path[1] == mine
        return path != ("initiator",)

    root = sf.build(Partnership, data, prefix="p", editable=editable, choices=sf.choices_from(doc))
    assert node_named(root, "p-partners-0").readonly
    assert node_named(root, "p-partners-0-name").readonly
    assert node_named(root, "p-partners-0").delete is None
    assert node_named(root, "p-partners-0").lock_note
    assert not node_named(root, "p-partners-0-name").lock_note
    assert not node_named(root, "p-partners-1-name").readonly
    assert node_named(root, "p-partners-1").delete is not None
    html = str(sf.render(root))
    assert 'name="p-partners-0-name"' in html and "readonly" in html
    assert 'name="p-initiator" aria-describedby="id_p-initiator-help" disabled' in html

    pairs = browser_pairs(root)
    pairs = change(pairs, "p-partners-0-name", "Overgenomen!")
    pairs = change(pairs, "p-partners-1-name", "Mijn nieuwe naam")
    pairs += [
        ("p-partners-0-category", "business"),
        ("p-partners-2-DELETE", "on"),
        ("p-initiator", data["partners"][3]["id"]),
        ("p-partners-999-id", "ingeschoven"),
    ]
    parsed = sf.parse(Partnership, as_post(pairs), prefix="p", original=data, editable=editable)
    assert parsed["initiator"] == data["initiator"]
    assert parsed["partners"][0] == data["partners"][0]
    assert parsed["partners"][2] == data["partners"][2]
    assert parsed["partners"][mine]["name"] == "Mijn nieuwe naam"
    assert len(parsed["partners"]) == len(data["partners"])
    expected = copy.deepcopy(data)
    expected["partners"][mine]["name"] = "Mijn nieuwe naam"
    assert Partnership.model_validate(parsed).model_dump(mode="json") == expected


# --- HTML --------------------------------------------------------------------------------------


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.controls: list[dict[str, str | None]] = []
        self.label_for: list[str] = []
        self.ids: list[str] = []
        self.scripts = 0
        self.stack: list[str] = []
        self.legends = 0
        self.fieldsets = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag in ("input", "select", "textarea") and found.get("type") not in (
            "hidden",
            "submit",
        ):
            self.controls.append(found)
        if tag == "label" and found.get("for"):
            self.label_for.append(str(found["for"]))
        if tag == "script":
            self.scripts += 1
        if tag == "fieldset":
            self.fieldsets += 1
        if tag == "legend":
            self.legends += 1


def check_html(html: str) -> _Controls:
    parsed = _Controls()
    parsed.feed(html)
    assert parsed.scripts == 0
    assert parsed.controls
    ids = set(parsed.ids)
    assert len(ids) == len(parsed.ids), "ids are unique"
    labelled = set(parsed.label_for)
    for control in parsed.controls:
        assert control.get("id") in labelled, control
        assert control.get("name"), control
        for described in (control.get("aria-describedby") or "").split():
            assert described in ids, described
        if control.get("aria-invalid") == "true":
            assert any(d.endswith("-error") for d in control["aria-describedby"].split())
    assert parsed.fieldsets == parsed.legends
    return parsed


@pytest.mark.parametrize("fields", SECTIONS, ids=["-".join(f) for f in SECTIONS])
def test_every_control_has_a_label_and_user_text_is_escaped(
    doc: dict[str, Any], fields: tuple[str, ...]
) -> None:
    evil = '<script>alert("x")</script>'
    doc["programme"]["name"] = evil
    doc["ambition"]["beneficiaries"][0]["name"] = evil
    doc["partnership"]["partners"][0]["name"] = evil
    doc["goals"][0]["title"] = evil
    doc["goals"][0]["description"] = "</textarea>" + evil
    doc["risks"]["items"][0]["title"] = evil
    doc["organisation"]["bodies"][0]["name"] = evil
    doc["appendices"]["definitions"] = [{"term": evil, "meaning": evil}]
    model = section_model(*fields)
    data = {name: doc[name] for name in fields}
    errors = {"__all__": [evil], f"{PREFIX}-{fields[0]}": [evil]}
    root = sf.build(model, data, prefix=PREFIX, choices=sf.choices_from(doc), errors=errors)
    html = str(sf.render(root))
    assert "<script" not in html
    assert html.count("</textarea>") == html.count("<textarea ")
    assert "&lt;script&gt;" in html
    check_html(html)


def test_required_help_and_errors_are_marked_in_text(doc: dict[str, Any]) -> None:
    errors = {"s-goals-0-title": ["Fout één"], "s-goals-0-contributes_to": ["Fout twee"]}
    model = section_model("goals")
    root = sf.build(
        model, {"goals": doc["goals"][:2]}, prefix=PREFIX, errors=errors,
        choices=sf.choices_from(doc), extra_rows={"s-goals": 1},
    )  # fmt: skip
    html = str(sf.render(root))
    parsed = check_html(html)
    assert "(verplicht)" in html
    title = next(c for c in parsed.controls if c.get("name") == "s-goals-0-title")
    assert title["aria-describedby"] == "id_s-goals-0-title-help id_s-goals-0-title-error"
    assert title.get("aria-required") == "true"
    assert 'class="utrecht-form-field-error-message" id="id_s-goals-0-title-error"' in html
    # A multiselect is a fieldset of checkboxes; with an error it is unfolded.
    assert (
        '<fieldset class="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"'
        ' id="id_s-goals-0-contributes_to" aria-describedby=' in html
    )
    assert '<details class="stramien-multiselect__details" open>' in html
    assert "Er zijn 2 problemen gevonden" in html
    for name in ("utrecht-textbox", "utrecht-textarea", "utrecht-checkbox", "utrecht-form-label",
                 "utrecht-form-field-description", "utrecht-form-fieldset__legend",
                 "utrecht-button utrecht-button--secondary-action"):  # fmt: skip
        assert name in html


# --- The reference table ----------------------------------------------------------------------


def _models(root: type[BaseModel] = Agreement) -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}
    stack: list[Any] = [root]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            if current.__name__ in found:
                continue
            found[current.__name__] = current
            stack.extend(info.annotation for info in current.model_fields.values())
        else:
            stack.extend(typing.get_args(current))
    return found


def _is_ref(annotation: Any, metadata: list[Any]) -> bool:
    pattern = [getattr(m, "pattern", None) for m in metadata]
    if ID_PATTERN in pattern:
        return True
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        return _is_ref(args[0], list(args[1:]))
    return any(_is_ref(arg, []) for arg in args)


def test_every_reference_kind_entry_names_a_real_field() -> None:
    models = _models()
    for (cls, name), kinds in REFERENCE_KINDS.items():
        assert cls in models and name in models[cls].model_fields, (cls, name)
        assert kinds and all(kind in models for kind in kinds), (cls, name)


def test_every_reference_field_is_in_the_table() -> None:
    refs = {
        (model.__name__, name)
        for model in _models().values()
        for name, info in model.model_fields.items()
        if name != "id" and _is_ref(info.annotation, list(info.metadata))
    }
    # Stakeholder and Partner inherit Party's fields: none of those is a reference.
    assert refs == set(REFERENCE_KINDS)


def _ref_paths(model: type[BaseModel], data: Any, path: tuple[Any, ...]) -> Iterator[Any]:
    """(path, field name, containing dict, kinds) of every reference value in the document."""
    if not isinstance(data, dict):
        return
    for name, info in model.model_fields.items():
        kinds = sf.reference_kinds(model, name)
        value = data.get(name)
        if kinds:
            # A field left out of the file (a late field at its default) is set all the same.
            data.setdefault(name, [] if typing.get_origin(info.annotation) is list else None)
            yield (*path, name), name, data, kinds
            continue
        inner = [a for a in typing.get_args(info.annotation) if isinstance(a, type)]
        candidates = [info.annotation, *inner]
        sub = next(
            (c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None
        )
        if typing.get_origin(info.annotation) is list:
            (element,) = typing.get_args(info.annotation)
            if isinstance(element, type) and issubclass(element, BaseModel):
                for index, item in enumerate(value or []):
                    yield from _ref_paths(element, item, (*path, name, index))
        elif sub is not None:
            yield from _ref_paths(sub, value, (*path, name))


def test_the_table_matches_what_reference_problems_checks(doc: dict[str, Any]) -> None:
    """Point every reference at an item of a kind it may not point to: all must be reported."""
    first_of_kind: dict[str, str] = {}
    for kind, item_id, _ in sf._iter_items(Agreement, doc):
        first_of_kind.setdefault(kind, item_id)
    expected: set[tuple[Any, ...]] = set()
    for path, name, holder, kinds in list(_ref_paths(Agreement, doc, ())):
        wrong = next(item_id for kind, item_id in first_of_kind.items() if kind not in kinds)
        if isinstance(holder[name], list):
            holder[name] = [wrong]
            expected.add((*path, 0))
        else:
            holder[name] = wrong
            expected.add(path)
    # Every section validates on its own; only the Agreement checks references.
    sections = {
        name: TypeAdapter(info.annotation).validate_python(doc[name])
        for name, info in Agreement.model_fields.items()
    }
    problems = {
        tuple(path) for path, _ in reference_problems(Agreement.model_construct(**sections))
    }
    assert problems == expected
    assert {path[-1] if isinstance(path[-1], str) else path[-2] for path in expected} == {
        name for _, name in REFERENCE_KINDS
    }
