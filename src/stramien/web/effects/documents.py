"""The effect measurement as the document holds it (plain JSON data), and the case form's
POST turned into it. Pure: no database, no request."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationError

from stramien.model import EffectMeasurement
from stramien.model.ids import unique_id
from stramien.web import schemaform

Document = dict[str, Any]

#: The HTML names of the case form: ``c-title``, ``c-intervention-0-month``, ...
CASE_PREFIX = "c"
SETTINGS_PREFIX = "e"
SCENARIOS = ("intervention", "reference")
EVENT_FIELDS = (
    "month",
    "on",
    "kind",
    "description",
    "quantity",
    "unit",
    "price_item",
    "stakeholder",
    "note",
)
CASE_FIELDS = ("title", "description", "count", "start", "price_list")
CASE_LISTS = ("goals", "indicators")
SETTINGS = ("deadweight", "attribution", "drop_off", "discount_rate", "horizon")
#: The horizon of a measurement that names none (a late field: left out while default).
DEFAULT_HORIZON = EffectMeasurement.model_fields["horizon"].default
#: Blank rows per scenario the case form shows (one more per "add a row" press).
BLANK_ROWS = 2
KINDS = (
    ("gebeurtenis", gettext_lazy("Gebeurtenis")),
    ("activiteit", gettext_lazy("Activiteit")),
)
_NUMBER = re.compile(r"^-?[0-9.]*,[0-9]+$")


def measurement(document: Document) -> dict[str, Any]:
    found = document.get("effect_measurement")
    if not isinstance(found, dict):
        found = {}
        document["effect_measurement"] = found
    return found


def price_lists(document: Document) -> list[dict[str, Any]]:
    found = measurement(document).setdefault("price_lists", [])
    return found if isinstance(found, list) else []


def price_list(document: Document, list_id: str) -> dict[str, Any] | None:
    return next((p for p in price_lists(document) if p.get("id") == list_id), None)


def newest_list_id(document: Document) -> str | None:
    """The version with the latest price level (the last listed on a tie), as the model
    picks it for a case without its own choice."""
    newest: dict[str, Any] | None = None
    for found in price_lists(document):
        try:
            year = int(found.get("year") or 0)
        except (TypeError, ValueError):
            continue
        if newest is None or year >= int(newest.get("year") or 0):
            newest = found
    return str(newest["id"]) if newest is not None and newest.get("id") else None


def cases(document: Document) -> list[dict[str, Any]]:
    found = measurement(document).setdefault("cases", [])
    return found if isinstance(found, list) else []


def case_index(document: Document, case_id: str) -> int | None:
    return next((i for i, c in enumerate(cases(document)) if c.get("id") == case_id), None)


def case(document: Document, case_id: str) -> dict[str, Any] | None:
    index = case_index(document, case_id)
    return None if index is None else cases(document)[index]


def taken_ids(document: Document) -> set[str]:
    """Every id in the document (ids are unique over the whole agreement)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            if isinstance(node.get("id"), str):
                found.add(node["id"].lower())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return found


def new_id(name: str, taken: set[str], fallback: str) -> str:
    return unique_id(name, taken, fallback=fallback)


def normalised(document: Document) -> Document:
    """``document`` with its effect measurement as the model writes it (typed values, the
    defaults), so a merge compares like with like; left as typed when it is not valid (the
    validation that follows reports where)."""
    try:
        found = EffectMeasurement.model_validate(measurement(document))
    except ValidationError:
        return document
    document["effect_measurement"] = found.model_dump(mode="json")
    return document


def number_text(value: str) -> str:
    """A number as typed the Dutch way ("1,5", "1.250,5") as the model reads it."""
    text = value.strip().replace(" ", "")
    if _NUMBER.match(text):
        text = text.replace(".", "").replace(",", ".")
    return text


def _value(post: Any, name: str) -> str:
    return str(post.get(name, "")).strip()


def _blank(row: Mapping[str, Any]) -> bool:
    return all(not str(row.get(key) or "").strip() for key in ("month", "on", "description"))


def name(*path: Any) -> str:
    return schemaform.field_name(CASE_PREFIX, path)


def posted_rows(post: Any, scenario: str) -> list[dict[str, Any]]:
    """The rows of one scenario as posted, in the order of their numbers, without the
    deleted and the blank ones; values as typed (the model reports what is wrong)."""
    pattern = re.compile(rf"^{CASE_PREFIX}-{scenario}-(\d+)-description$")
    numbers = sorted({int(m.group(1)) for key in post if (m := pattern.match(key))})
    rows = []
    for number in numbers[:500]:
        if post.get(name(scenario, number, schemaform.DELETE)):
            continue
        row: dict[str, Any] = {
            key: _value(post, name(scenario, number, key)) for key in EVENT_FIELDS
        }
        if _blank(row):
            continue
        row["quantity"] = number_text(row["quantity"]) or "1"
        row["month"] = number_text(row["month"])
        row["kind"] = row["kind"] or "gebeurtenis"
        for key in ("price_item", "stakeholder", "on"):
            row[key] = row[key] or None
        rows.append(row)
    return rows


def apply_case_post(post: Any, original: Mapping[str, Any] | None) -> dict[str, Any]:
    """The case as the form describes it, on top of ``original`` (fields the form does not
    show are kept)."""
    result = dict(original or {})
    for key in CASE_FIELDS:
        result[key] = _value(post, name(key))
    result["count"] = number_text(result["count"]) or "1"
    result["start"] = result["start"] or None
    result["price_list"] = result["price_list"] or None
    for key in CASE_LISTS:
        result[key] = [v for v in post.getlist(name(key)) if v][:200]
    for scenario in SCENARIOS:
        result[scenario] = [_event(row) for row in posted_rows(post, scenario)]
    return result


def _event(row: Mapping[str, Any]) -> dict[str, Any]:
    event = dict(row)
    month = row.get("month")
    event["month"] = month if month not in ("", None) else None
    return event


def month_problems(case_data: Mapping[str, Any], horizon: Any) -> dict[str, list[str]]:
    """A month before the case's start or past the measurement's horizon, at its field."""
    try:
        last = int(horizon) * 12
    except (TypeError, ValueError):
        return {}
    found: dict[str, list[str]] = {}
    for scenario in SCENARIOS:
        for index, event in enumerate(case_data.get(scenario) or []):
            try:
                month = int(str(event.get("month")))
            except (TypeError, ValueError):
                continue
            if not 0 <= month <= last:
                found[name(scenario, index, "month")] = [
                    _(
                        "Maand %(month)s valt buiten de horizon van de effectmeting: kies een "
                        "maand van 0 tot en met %(last)s (%(years)s jaar vanaf de start)."
                    )
                    % {"month": month, "last": last, "years": horizon}
                ]
    return found


def apply_settings_post(post: Any, original: Mapping[str, Any]) -> dict[str, Any]:
    result = dict(original)
    for key in SETTINGS:
        text = number_text(_value(post, schemaform.field_name(SETTINGS_PREFIX, [key])))
        if text:
            result[key] = text
    result["method"] = str(post.get(schemaform.field_name(SETTINGS_PREFIX, ["method"]), ""))
    return result
