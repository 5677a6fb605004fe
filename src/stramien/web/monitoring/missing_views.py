"""The "what is missing" page: per indicator and period whether its value is in, late, due
soon or still to come, with who owes what. Everyone who may see the programme reads it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from stramien.web.programmes.pages import page_context, programme_for

from . import missing_selectors


@login_required
def missing(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    found = missing_selectors.matrix(
        programme,
        owner=request.GET.get("eigenaar", "").strip(),
        year=request.GET.get("jaar", "").strip(),
    )
    return render(
        request,
        "monitoring/missing.html",
        page_context(request, programme, active="monitoring", matrix=found),
    )
