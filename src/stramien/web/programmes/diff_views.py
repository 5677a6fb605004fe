"""Comparing two versions of a programme: any two, chosen on the history page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .diffs import CompareForm, diff_context, version_choices
from .pages import page_context, programme_for
from .store import document_at


@login_required
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, with_document=True)
    head = programme.head_number
    versions = version_choices(programme)
    wanted = {
        "van": request.GET.get("van", str(max(head - 1, 1))),
        "naar": request.GET.get("naar", str(head)),
    }
    form = CompareForm(wanted, versions=versions)
    context: dict[str, Any] = {"form": form, "active": "history", "diff": None}
    status = 200
    if not form.is_valid():
        status = 400
    else:
        first, second = form.cleaned_data["van"], form.cleaned_data["naar"]
        context.update(first=first, second=second)
        if first != second:
            context["diff"] = diff_context(
                programme,
                document_at(programme, first),
                document_at(programme, second),
                head=programme.head_document,
            )
    return render(
        request,
        "programmes/compare.html",
        page_context(request, programme, **context),
        status=status,
    )
