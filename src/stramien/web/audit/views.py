"""The Logboek page and its CSV export (procesregisseur only)."""

from __future__ import annotations

import csv
import json
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from stramien.formatting import spreadsheet_text
from stramien.model.ids import names_by_id
from stramien.web.programmes import permissions
from stramien.web.programmes.pages import page_context, programme_for

from .actions import ACTION_LABELS
from .selectors import details_text, filtered


@login_required
def audit_page(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    if not permissions.can_manage(request.user, programme):
        raise PermissionDenied
    entries, chosen = filtered(programme, request.GET)
    page = Paginator(entries, 100).get_page(request.GET.get("pagina"))
    names = names_by_id(programme.head_document) if page else {}
    rows = [
        {
            "entry": entry,
            "label": ACTION_LABELS.get(entry.action, entry.action),
            "details": details_text(entry.details, names),
        }
        for entry in page
    ]
    query = urlencode({k: v for k, v in chosen.items() if v})
    return render(
        request,
        "audit/audit.html",
        page_context(
            request,
            programme,
            rows=rows,
            page=page,
            chosen=chosen,
            actions=ACTION_LABELS,
            query=query,
            active="audit",
        ),
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def audit_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    programme = programme_for(request, slug)
    if not permissions.can_manage(request.user, programme):
        raise PermissionDenied
    entries, _chosen = filtered(programme, request.GET)
    writer = csv.writer(_Echo())

    def rows() -> Any:
        yield "\ufeff"  # so spreadsheet programs read UTF-8
        yield writer.writerow(["tijd", "wie", "actie", "omschrijving", "versie", "details"])
        for entry in entries.iterator():
            yield writer.writerow(
                [
                    timezone.localtime(entry.created_at).isoformat(timespec="seconds"),
                    spreadsheet_text(entry.actor.get_username() if entry.actor else ""),
                    spreadsheet_text(entry.action),
                    spreadsheet_text(str(ACTION_LABELS.get(entry.action, ""))),
                    entry.revision_number or "",
                    spreadsheet_text(json.dumps(entry.details, ensure_ascii=False, sort_keys=True)),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-audit.csv"'
    return response
