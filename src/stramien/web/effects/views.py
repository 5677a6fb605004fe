"""The effect measurement pages: results, settings, cases, price lists. Thin: the actions
and the programmes' edit flow write, the selectors read."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from pydantic import ValidationError

from stramien import formatting
from stramien.model import Agreement, EffectMeasurement, PriceList
from stramien.model.base import field_labels
from stramien.monitor import effects_sheets
from stramien.monitor.effects import reprice
from stramien.render.figures import effects_stakeholders, effects_timeline
from stramien.revisions import copy_json
from stramien.web import schemaform
from stramien.web.errors import ActionError
from stramien.web.programmes import edit_flow
from stramien.web.programmes.models import Programme
from stramien.web.programmes.pages import base_number, page_context, programme_for
from stramien.web.programmes.selectors import head_agreement
from stramien.web.programmes.store import Document, document_at, load_head
from stramien.web.users import acting_user

from . import actions, documents, permissions, selectors

ACTIVE = "effects"
PRICE_PREFIX = "p"
MAX_SHEET_BYTES = 5 * 1024 * 1024
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _context(request: HttpRequest, programme: Programme, **extra: Any) -> dict[str, Any]:
    return page_context(
        request,
        programme,
        active=ACTIVE,
        can_edit_effects=permissions.can_edit(request.user, programme),
        **extra,
    )


def _require_edit(request: HttpRequest, programme: Programme) -> None:
    if not permissions.can_edit(request.user, programme):
        raise PermissionDenied


# -- Results --------------------------------------------------------------------------


@login_required
def results(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    agreement = head_agreement(programme)
    return render(
        request,
        "effects/results.html",
        _context(
            request,
            programme,
            stakeholder_figure=effects_stakeholders(agreement),
            **selectors.results_page(agreement),
        ),
    )


def _svg(found: Any) -> HttpResponse:
    if found is None:
        raise Http404
    response = HttpResponse(found.svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=60"
    return response


@login_required
def stakeholder_figure(request: HttpRequest, slug: str) -> HttpResponse:
    """The chart "wie betaalt, wie profiteert" over all cases (the table is on the page)."""
    programme = programme_for(request, slug)
    return _svg(effects_stakeholders(head_agreement(programme)))


@login_required
def case_figure(request: HttpRequest, slug: str, case_id: str) -> HttpResponse:
    """One case's timeline: both scenarios and their cumulative costs."""
    programme = programme_for(request, slug)
    return _svg(effects_timeline(head_agreement(programme), case_id))


# -- Settings -------------------------------------------------------------------------


def _settings_errors(exc: ValidationError, document: Document) -> dict[str, list[str]]:
    found: dict[str, list[str]] = schemaform.errors_from(
        exc, document, prefix=documents.SETTINGS_PREFIX, loc_prefix=("effect_measurement",)
    )
    return found


@login_required
def settings(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, with_document=True)
    if request.method == "GET":
        data = documents.measurement(programme.head_document)  # a copy of its own
        return _settings_page(request, programme, data, base=programme.head_number)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    _require_edit(request, programme)

    def build(base_document: Document) -> tuple[Document, None]:
        document = copy_json(base_document)
        document["effect_measurement"] = documents.apply_settings_post(
            request.POST, documents.measurement(document)
        )
        return documents.normalised(document), None

    edit = _submit(request, programme, build)
    if edit.refused or edit.saved:
        return redirect("programmes:effects_settings", slug=slug)
    errors = _settings_errors(edit.invalid, edit.document) if edit.invalid else {}
    return _settings_page(
        request,
        programme,
        documents.measurement(edit.document),
        base=edit.base,
        errors=errors,
        conflicts=_conflicts(edit, lambda rest: schemaform.field_name("e", rest), ()),
        status=409 if edit.conflicts else (400 if errors else 200),
    )


def _settings_page(
    request: HttpRequest,
    programme: Programme,
    data: dict[str, Any],
    *,
    base: int,
    errors: dict[str, list[str]] | None = None,
    conflicts: list[dict[str, Any]] | None = None,
    status: int = 200,
) -> HttpResponse:
    errors = errors or {}
    labels = {key: field_labels(EffectMeasurement)[key] for key in documents.SETTINGS}
    fields = [
        {
            "name": schemaform.field_name(documents.SETTINGS_PREFIX, [key]),
            "label": label,
            "help": help_text,
            "value": _shown(data.get(key, EffectMeasurement.model_fields[key].default)),
            "errors": errors.get(schemaform.field_name(documents.SETTINGS_PREFIX, [key]), []),
        }
        for key, (label, help_text) in labels.items()
    ]
    return render(
        request,
        "effects/settings.html",
        _context(
            request,
            programme,
            fields=fields,
            method=data.get("method") or "",
            method_errors=errors.get("e-method", []),
            general_errors=errors.get(schemaform.ALL, []),
            base=base,
            conflicts=conflicts or [],
        ),
        status=status,
    )


def _shown(value: Any) -> str:
    """A setting as its field shows it: a number the Dutch way, anything typed as typed."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return formatting.number(value)
    return str(value)


# -- The shared edit flow --------------------------------------------------------------


def _submit(
    request: HttpRequest,
    programme: Programme,
    build: Callable[[Document], tuple[Document, Any]],
    *,
    hold: bool = False,
) -> edit_flow.Edit[Any]:
    edit = edit_flow.submit(
        request,
        programme,
        section=actions.SECTION,
        build=build,
        hold=hold,
        may_change=actions.may_change(request.user, programme),
    )
    if edit.conflicts:
        messages.warning(
            request,
            _(
                "Iemand anders heeft intussen dezelfde velden gewijzigd. Kies hieronder per "
                "veld welke tekst blijft en sla opnieuw op."
            ),
        )
    elif edit.invalid is not None and edit.invalid_after_merge:
        messages.error(
            request,
            _(
                "Samengevoegd met wijzigingen van anderen klopt het document niet meer; "
                "verbeter de gemarkeerde velden."
            ),
        )
    return edit


def _conflicts(
    edit: edit_flow.Edit[Any], name_of: Callable[[tuple[Any, ...]], str], at: tuple[Any, ...]
) -> list[dict[str, Any]]:
    """The edit's conflicts, with a choice for the fields of this form (under ``at``)."""
    prefix = ("effect_measurement", *at)

    def named(path: tuple[Any, ...]) -> str | None:
        if tuple(path[: len(prefix)]) != prefix or len(path) == len(prefix):
            return None
        return name_of(tuple(path[len(prefix) :]))

    return edit_flow.conflict_rows(edit, named)


# -- Cases ----------------------------------------------------------------------------


def _case_form(
    document: Document,
    case_data: dict[str, Any],
    errors: dict[str, list[str]],
    extra: dict[str, int],
) -> dict[str, Any]:
    """What the case form shows: the case's fields and both scenarios as rows (the rows
    sorted by month, then blank rows to add), each with its name, value and errors."""
    choices = selectors.form_choices(document)

    def field(*path: Any) -> dict[str, Any]:
        key = documents.name(*path)
        value: Any = case_data
        for step in path:
            value = value.get(step) if isinstance(value, dict) else None
        return {
            "name": key,
            "value": "" if value is None else str(value),
            "errors": errors.get(key, []),
        }

    scenarios = []
    for scenario, title in (
        ("intervention", _("Interventiescenario: met de aanpak")),
        ("reference", _("Referentiescenario: zonder de aanpak")),
    ):
        events = list(case_data.get(scenario) or [])
        order = sorted(range(len(events)), key=lambda i: _month_key(events[i]))
        rows = [_event_fields(scenario, i, events[i], errors) for i in order]
        blanks = documents.BLANK_ROWS + extra.get(documents.name(scenario), 0)
        rows += [
            _event_fields(scenario, len(events) + n, {}, errors) for n in range(min(blanks, 20))
        ]
        scenarios.append(
            {"key": scenario, "title": title, "rows": rows, "add": documents.name(scenario)}
        )
    return {
        "title": field("title"),
        "description": field("description"),
        "count": field("count"),
        "start": field("start"),
        "price_list": field("price_list"),
        "goals": {
            "name": documents.name("goals"),
            "chosen": set(case_data.get("goals") or []),
            "errors": errors.get(documents.name("goals"), []),
        },
        "indicators": {
            "name": documents.name("indicators"),
            "chosen": set(case_data.get("indicators") or []),
            "errors": errors.get(documents.name("indicators"), []),
        },
        "scenarios": scenarios,
        "choices": choices,
        "kinds": documents.KINDS,
        "general_errors": errors.get(schemaform.ALL, []),
    }


def _month_key(event: dict[str, Any]) -> tuple[int, str]:
    try:
        return int(str(event.get("month"))), ""
    except (TypeError, ValueError):
        return 10**6, str(event.get("month") or "")


def _event_fields(
    scenario: str, index: int, event: dict[str, Any], errors: dict[str, list[str]]
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "index": index,
        "delete": documents.name(scenario, index, schemaform.DELETE),
    }
    for key in documents.EVENT_FIELDS:
        name = documents.name(scenario, index, key)
        value = event.get(key)
        if key == "month" and value is None and event.get("year") is not None:
            value = int(event["year"]) * 12
        row[key] = {
            "name": name,
            "value": "" if value is None else str(value),
            "errors": errors.get(name, []),
        }
    row["has_errors"] = any(row[key]["errors"] for key in documents.EVENT_FIELDS)
    return row


def _case_errors(exc: ValidationError, document: Document, index: int) -> dict[str, list[str]]:
    found: dict[str, list[str]] = schemaform.errors_from(
        exc,
        document,
        prefix=documents.CASE_PREFIX,
        loc_prefix=("effect_measurement", "cases", index),
    )
    return found


@login_required
def case(request: HttpRequest, slug: str, case_id: str | None = None) -> HttpResponse:
    """One case: its result, both scenarios on a timeline, and (for its editors) the form."""
    programme = programme_for(request, slug, with_document=True)
    document = programme.head_document  # a copy of its own, so the helpers may fill it in
    if case_id is not None and documents.case(document, case_id) is None:
        raise Http404
    if request.method == "GET":
        data = documents.case(document, case_id) if case_id else {}
        return _case_page(request, programme, case_id, data or {}, base=programme.head_number)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    _require_edit(request, programme)
    extra = schemaform_extra(request)
    new_id: dict[str, str] = {}

    def build(base_document: Document) -> tuple[Document, int]:
        edited = copy_json(base_document)
        found = documents.case_index(edited, case_id) if case_id else None
        every = documents.cases(edited)
        if found is None:
            data = documents.apply_case_post(request.POST, {})
            data["id"] = case_id or documents.new_id(
                data.get("title") or "casus", documents.taken_ids(edited), "casus"
            )
            # A new case keeps the version it was first priced with (see reprice_case).
            data["price_list"] = data["price_list"] or documents.newest_list_id(edited)
            every.append(data)
            found = len(every) - 1
        else:
            every[found] = documents.apply_case_post(request.POST, every[found])
        new_id["id"] = str(every[found]["id"])
        return documents.normalised(edited), found

    # Months past the horizon are refused before anything is saved, at their field.
    try:
        base_document = document_at(programme, base_number(request, programme))
    except ActionError:
        base_document = None
    if base_document is not None and not extra:
        edited, index = build(base_document)
        horizon = documents.measurement(edited).get("horizon", documents.DEFAULT_HORIZON)
        problems = documents.month_problems(documents.cases(edited)[index], horizon)
        if problems:
            messages.error(request, _("Niet opgeslagen: verbeter de gemarkeerde velden."))
            return _case_page(
                request,
                programme,
                case_id,
                documents.cases(edited)[index],
                base=int(request.POST.get("base_revision", "0")),
                errors=problems,
                document=edited,
                status=400,
            )
    edit = _submit(request, programme, build, hold=bool(extra))
    if edit.refused:
        return redirect(request.path)
    if edit.saved:
        return redirect("programmes:effects_case", slug=slug, case_id=new_id["id"])
    index = edit.state if edit.state is not None else 0
    every = documents.cases(edit.document)
    data = every[index] if index < len(every) else {}
    errors = _case_errors(edit.invalid, edit.document, index) if edit.invalid else {}
    conflicts = _conflicts(
        edit, lambda rest: schemaform.field_name(documents.CASE_PREFIX, rest), ("cases", index)
    )
    return _case_page(
        request,
        programme,
        case_id,
        data,
        base=edit.base,
        errors=errors,
        extra=extra,
        document=edit.document,
        conflicts=conflicts,
        status=409 if conflicts else (400 if errors else 200),
    )


def schemaform_extra(request: HttpRequest) -> dict[str, int]:
    """One more blank row for the scenario whose "add a row" button was pressed."""
    added = str(request.POST.get("add", ""))[:200]
    return {added: 1} if added in {documents.name(s) for s in documents.SCENARIOS} else {}


def _case_page(
    request: HttpRequest,
    programme: Programme,
    case_id: str | None,
    data: dict[str, Any],
    *,
    base: int,
    errors: dict[str, list[str]] | None = None,
    extra: dict[str, int] | None = None,
    document: Document | None = None,
    conflicts: list[dict[str, Any]] | None = None,
    status: int = 200,
) -> HttpResponse:
    agreement = head_agreement(programme)
    shown = selectors.case_page(agreement, case_id) if case_id else None
    timeline = effects_timeline(agreement, case_id) if case_id else None
    form_document = document if document is not None else programme.head_document
    may_edit = permissions.can_edit(request.user, programme)
    return render(
        request,
        "effects/case.html",
        _context(
            request,
            programme,
            case=selectors.find_case(agreement, case_id) if case_id else None,
            case_id=case_id,
            shown=shown,
            timeline_figure=timeline,
            form=_case_form(form_document, data, errors or {}, extra or {}) if may_edit else None,
            base=base,
            conflicts=conflicts or [],
            price_lists=selectors.form_choices(load_head(programme))["price_lists"],
        ),
        status=status,
    )


# -- Re-pricing -----------------------------------------------------------------------


@login_required
def reprice_case(request: HttpRequest, slug: str, case_id: str) -> HttpResponse:
    """First the difference a price list makes, then (on confirmation) the change."""
    programme = programme_for(request, slug)
    _require_edit(request, programme)
    agreement = head_agreement(programme)
    found = selectors.find_case(agreement, case_id)
    if found is None:
        raise Http404
    list_id = str(request.POST.get("price_list") or request.GET.get("prijslijst", ""))
    price_list = next(
        (p for p in agreement.effect_measurement.price_lists if p.id == list_id), None
    )
    if request.method == "POST" and request.POST.get("confirm") == "1" and price_list is not None:
        try:
            outcome = actions.reprice_case(
                acting_user=acting_user(request),
                programme=programme,
                base_number=base_number(request, programme),
                case_id=case_id,
                price_list_id=list_id,
            )
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            if outcome.saved or outcome.unchanged:
                messages.success(
                    request,
                    _("De casus is herprijsd met %(title)s.") % {"title": price_list.title},
                )
                return redirect("programmes:effects_case", slug=slug, case_id=case_id)
            messages.error(
                request,
                _(
                    "Niet herprijsd: iemand anders wijzigde intussen deze casus. Bekijk het "
                    "verschil opnieuw."
                ),
            )
    diff = reprice(agreement, case_id, list_id) if price_list is not None else None
    return render(
        request,
        "effects/reprice.html",
        _context(
            request,
            programme,
            case=found,
            price_list=price_list,
            price_lists=selectors.form_choices(programme_document(programme))["price_lists"],
            diff=selectors.reprice_rows(diff) if diff is not None else None,
            base=programme.head_number,
        ),
        status=200 if price_list is not None or not list_id else 400,
    )


def programme_document(programme: Programme) -> Document:
    return document_at(programme, programme.head_number)


# -- Price lists ----------------------------------------------------------------------


@login_required
def price_lists(request: HttpRequest, slug: str) -> HttpResponse:
    """Every price list version, and a new one made empty or read from a sheet."""
    programme = programme_for(request, slug)
    if request.method == "POST":
        _require_edit(request, programme)
        if request.FILES.get("bestand") is not None or request.POST.get("upload"):
            return _import(request, programme, None)
        return _new_list(request, programme)
    return _lists_page(request, programme)


def _lists_page(
    request: HttpRequest,
    programme: Programme,
    *,
    problems: list[Any] | None = None,
    filename: str = "",
    posted: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    agreement = head_agreement(programme)
    return render(
        request,
        "effects/price_lists.html",
        _context(
            request,
            programme,
            lists=agreement.effect_measurement.price_lists,
            own_items=len(agreement.effect_measurement.price_list),
            problems=[_problem(p) for p in problems or []],
            filename=filename,
            posted=posted or {},
            base=programme.head_number,
            max_mb=MAX_SHEET_BYTES // 1024 // 1024,
        ),
        status=status,
    )


def _problem(problem: Any) -> dict[str, Any]:
    return {
        "row": getattr(problem, "row", 0),
        "column": getattr(problem, "column", ""),
        "message": getattr(problem, "message", str(problem)),
    }


def _posted_meta(request: HttpRequest) -> tuple[dict[str, str], int | None, list[Any]]:
    posted = {key: str(request.POST.get(key, "")).strip() for key in ("title", "year", "source")}
    problems: list[Any] = []
    year: int | None = None
    if posted["year"]:
        try:
            year = int(posted["year"])
        except ValueError:
            problems.append(
                effects_sheets_problem(_("Prijspeil (jaar)"), _("Vul een jaartal in, zoals 2026."))
            )
        else:
            if not 1900 <= year <= 2200:
                problems.append(
                    effects_sheets_problem(
                        _("Prijspeil (jaar)"), _("Vul een jaartal tussen 1900 en 2200 in.")
                    )
                )
    return posted, year, problems


def effects_sheets_problem(column: str, message: str) -> dict[str, Any]:
    return {"row": 0, "column": column, "message": message}


def _import(request: HttpRequest, programme: Programme, list_id: str | None) -> HttpResponse:
    posted, year, problems = _posted_meta(request)
    upload = request.FILES.get("bestand")
    name = (upload.name or "") if upload is not None else ""

    def refused(found: list[Any]) -> HttpResponse:
        messages.error(request, _("Niets ingelezen: verbeter wat hieronder staat."))
        if list_id is None:
            return _lists_page(
                request, programme, problems=found, filename=name, posted=posted, status=400
            )
        return _list_page(request, programme, list_id, problems=found, filename=name, status=400)

    if upload is None:
        return refused(
            [effects_sheets_problem("", _("Kies een CSV-bestand of een Excel-werkmap."))]
        )
    if upload.size is not None and upload.size > MAX_SHEET_BYTES:
        return refused(
            [
                effects_sheets_problem(
                    "",
                    _("Het bestand is groter dan %(mb)s MB.")
                    % {"mb": MAX_SHEET_BYTES // 1024 // 1024},
                )
            ]
        )
    if problems:
        return refused(problems)
    try:
        outcome, saved_id = actions.import_price_list(
            acting_user=acting_user(request),
            programme=programme,
            base_number=base_number(request, programme),
            data=upload.read(MAX_SHEET_BYTES + 1),
            filename=name,
            list_id=list_id,
            title=posted["title"],
            year=year,
            source=posted["source"],
        )
    except actions.SheetRefused as exc:
        return refused(exc.problems)
    except ActionError as exc:
        return refused([effects_sheets_problem("", str(exc))])
    if outcome.invalid is not None:
        return refused(_validation_problems(outcome.invalid))
    if not (outcome.saved or outcome.unchanged):
        return refused(
            [
                effects_sheets_problem(
                    "",
                    _(
                        "Iemand anders wijzigde intussen de prijslijsten; lees het bestand "
                        "opnieuw in."
                    ),
                )
            ]
        )
    messages.success(request, _("Prijslijst ingelezen uit %(file)s.") % {"file": name})
    return redirect("programmes:effects_price_list", slug=programme.slug, list_id=saved_id)


def _validation_problems(exc: ValidationError) -> list[dict[str, Any]]:
    return [
        effects_sheets_problem(schemaform.describe_location(tuple(e["loc"])), e["msg"])
        for e in exc.errors(include_url=False)
    ]


def _new_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    posted, year, problems = _posted_meta(request)
    if not posted["title"]:
        problems.append(effects_sheets_problem(_("Titel"), _("Geef de prijslijst een titel.")))
    if problems:
        messages.error(request, _("Niet opgeslagen: verbeter wat hieronder staat."))
        return _lists_page(request, programme, problems=problems, posted=posted, status=400)
    new_id: dict[str, str] = {}

    def build(base_document: Document) -> tuple[Document, None]:
        edited = copy_json(base_document)
        list_id = documents.new_id(posted["title"], documents.taken_ids(edited), "prijslijst")
        new_id["id"] = list_id
        documents.price_lists(edited).append(
            {
                "id": list_id,
                "title": posted["title"],
                "year": year,
                "source": posted["source"],
                "items": [],
            }
        )
        return documents.normalised(edited), None

    edit = _submit(request, programme, build)
    if edit.saved:
        return redirect("programmes:effects_price_list", slug=programme.slug, list_id=new_id["id"])
    problems = _validation_problems(edit.invalid) if edit.invalid else []
    return _lists_page(request, programme, problems=problems, posted=posted, status=400)


def _list_index(document: Document, list_id: str) -> int | None:
    return next(
        (i for i, p in enumerate(documents.price_lists(document)) if p.get("id") == list_id), None
    )


@login_required
def price_list(request: HttpRequest, slug: str, list_id: str) -> HttpResponse:
    """One price list version: its title, year, source and items, in a form."""
    programme = programme_for(request, slug, with_document=True)
    if _list_index(programme.head_document, list_id) is None:
        raise Http404
    if request.method == "GET":
        return _list_page(request, programme, list_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    _require_edit(request, programme)
    if request.FILES.get("bestand") is not None or request.POST.get("upload"):
        return _import(request, programme, list_id)
    added = str(request.POST.get("add", ""))[:200]
    extra = {added: 1} if added else {}

    def build(base_document: Document) -> tuple[Document, int]:
        edited = copy_json(base_document)
        index = _list_index(edited, list_id)
        if index is None:
            raise Http404
        lists = documents.price_lists(edited)
        lists[index] = schemaform.parse(
            PriceList, request.POST, prefix=PRICE_PREFIX, original=lists[index]
        )
        lists[index]["id"] = list_id
        return documents.normalised(edited), index

    edit = _submit(request, programme, build, hold=bool(extra))
    if edit.refused or edit.saved:
        return redirect("programmes:effects_price_list", slug=slug, list_id=list_id)
    index = edit.state if edit.state is not None else 0
    errors: dict[str, list[str]] = (
        schemaform.errors_from(
            edit.invalid,
            edit.document,
            prefix=PRICE_PREFIX,
            loc_prefix=("effect_measurement", "price_lists", index),
        )
        if edit.invalid
        else {}
    )
    conflicts = _conflicts(
        edit, lambda rest: schemaform.field_name(PRICE_PREFIX, rest), ("price_lists", index)
    )
    return _list_page(
        request,
        programme,
        list_id,
        data=documents.price_lists(edit.document)[index],
        document=edit.document,
        errors=errors,
        extra=extra,
        base=edit.base,
        conflicts=conflicts,
        status=409 if conflicts else (400 if errors else 200),
    )


def _list_page(
    request: HttpRequest,
    programme: Programme,
    list_id: str,
    *,
    data: dict[str, Any] | None = None,
    document: Document | None = None,
    errors: dict[str, list[str]] | None = None,
    extra: dict[str, int] | None = None,
    base: int | None = None,
    conflicts: list[dict[str, Any]] | None = None,
    problems: list[Any] | None = None,
    filename: str = "",
    status: int = 200,
) -> HttpResponse:
    head = programme_document(programme)
    document = document if document is not None else head
    if data is None:
        own = copy_json(document)  # the helpers fill in missing parts; the cache stays as it is
        index = _list_index(own, list_id)
        data = documents.price_lists(own)[index or 0]
    may_edit = permissions.can_edit(request.user, programme)
    node = schemaform.build(
        PriceList,
        data,
        prefix=PRICE_PREFIX,
        errors=errors or {},
        choices=schemaform.choices_from(document),
        editable=None if may_edit else (lambda path: False),
        extra_rows=extra or {},
    )
    agreement = head_agreement(programme)
    found = (
        next(p for p in agreement.effect_measurement.price_lists if p.id == list_id)
        if any(p.id == list_id for p in agreement.effect_measurement.price_lists)
        else None
    )
    return render(
        request,
        "effects/price_list.html",
        _context(
            request,
            programme,
            list_id=list_id,
            price_list=found,
            title=data.get("title") or list_id,
            form_html=schemaform.render(node),
            base=base if base is not None else programme.head_number,
            conflicts=conflicts or [],
            problems=[_problem(p) for p in problems or []],
            filename=filename,
            max_mb=MAX_SHEET_BYTES // 1024 // 1024,
        ),
        status=status,
    )


@login_required
def price_list_download(
    request: HttpRequest, slug: str, list_id: str, extension: str
) -> HttpResponse:
    programme = programme_for(request, slug)
    agreement: Agreement = head_agreement(programme)
    found = next((p for p in agreement.effect_measurement.price_lists if p.id == list_id), None)
    if found is None or extension not in FORMATS:
        raise Http404
    data = (
        effects_sheets.write_price_list_csv(found)
        if extension == "csv"
        else effects_sheets.write_price_list_xlsx(found)
    )
    response = HttpResponse(data, content_type=FORMATS[extension])
    response["Content-Disposition"] = (
        f'attachment; filename="{programme.slug}-{found.id}.{extension}"'
    )
    return response
