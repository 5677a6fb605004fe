"""Every change to the effect measurement, one function each. Each is a normal revision of
the agreement: it goes through ``programmes.actions.save_document`` (base revision, merge,
conflicts, the audit row), with this app's own permission: the regisseur and the monitor
role may change the effect measurement, and nothing else of the document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from stramien.model import PriceList
from stramien.monitor import effects_sheets
from stramien.revisions import copy_json
from stramien.web.errors import ActionError
from stramien.web.programmes import actions as programme_actions
from stramien.web.programmes.models import Programme
from stramien.web.programmes.store import Document, document_at
from stramien.web.users import AnyUser, User

from . import documents, permissions

#: The section name revisions and audit rows of these pages carry.
SECTION = "effectmeting"


def may_change(user: AnyUser, programme: Programme) -> programme_actions.MayChange:
    """For ``save_document``: a regisseur or monitor may change the effect measurement only."""

    def allowed(before: Document, after: Document) -> bool:
        return permissions.can_edit(user, programme) and permissions.only_effects_changed(
            before, after
        )

    return allowed


def _save(
    *, acting_user: User, programme: Programme, document: Document, base_number: int, message: str
) -> programme_actions.SaveOutcome:
    if not permissions.can_edit(acting_user, programme):
        raise PermissionDenied
    return programme_actions.save_document(
        acting_user=acting_user,
        programme=programme,
        document=document,
        base_number=base_number,
        section=SECTION,
        message=message,
        may_change=may_change(acting_user, programme),
    )


@dataclass
class SheetRefused(Exception):
    """The uploaded price list was not read; nothing was saved."""

    problems: list[Any]


def import_price_list(
    *,
    acting_user: User,
    programme: Programme,
    base_number: int,
    data: bytes,
    filename: str,
    list_id: str | None = None,
    title: str = "",
    year: int | None = None,
    source: str = "",
) -> tuple[programme_actions.SaveOutcome, str]:
    """Read a CSV or XLSX price list: a new version, or the items of list ``list_id``
    replaced. All or nothing: a sheet with a problem in any row saves nothing."""
    if not permissions.can_edit(acting_user, programme):
        raise PermissionDenied
    document = copy_json(document_at(programme, base_number))
    existing = documents.price_list(document, list_id) if list_id is not None else None
    if existing is not None and year is None:
        year = existing.get("year")
    read = effects_sheets.read_price_list(data, filename, title=title.strip() or None, year=year)
    if not isinstance(read, PriceList):
        raise SheetRefused(list(read))
    lists = documents.price_lists(document)
    items = [item.model_dump(mode="json") for item in read.items]
    if list_id is not None:
        found = documents.price_list(document, list_id)
        if found is None:
            raise ActionError(_("Deze prijslijst bestaat niet (meer)."))
        found["items"] = items
        message = _("Prijslijst %(title)s ingelezen uit %(file)s") % {
            "title": found.get("title", list_id),
            "file": filename,
        }
    else:
        new_title = title.strip() or read.title or _("Prijslijst")
        new = read.model_dump(mode="json")
        new.update(
            {
                "id": documents.new_id(new_title, documents.taken_ids(document), "prijslijst"),
                "title": new_title,
                "items": items,
            }
        )
        if year is not None:
            new["year"] = year
        if source.strip():
            new["source"] = source.strip()
        lists.append(new)
        list_id = str(new["id"])
        message = _("Prijslijst %(title)s ingelezen uit %(file)s") % {
            "title": new_title,
            "file": filename,
        }
    outcome = _save(
        acting_user=acting_user,
        programme=programme,
        document=document,
        base_number=base_number,
        message=message,
    )
    return outcome, list_id


def reprice_case(
    *,
    acting_user: User,
    programme: Programme,
    base_number: int,
    case_id: str,
    price_list_id: str,
) -> programme_actions.SaveOutcome:
    """Price case ``case_id`` with price list ``price_list_id`` from now on (the user saw the
    difference first)."""
    if not permissions.can_edit(acting_user, programme):
        raise PermissionDenied
    document = copy_json(document_at(programme, base_number))
    case = documents.case(document, case_id)
    if case is None:
        raise ActionError(_("Deze casus bestaat niet (meer)."))
    if documents.price_list(document, price_list_id) is None:
        raise ActionError(_("Deze prijslijst bestaat niet (meer)."))
    case["price_list"] = price_list_id
    return _save(
        acting_user=acting_user,
        programme=programme,
        document=document,
        base_number=base_number,
        message=_("Casus %(case)s herprijsd met prijslijst %(list)s")
        % {"case": case.get("title", case_id), "list": price_list_id},
    )
