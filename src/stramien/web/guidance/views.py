"""The search page of a programme and the help pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from stramien.web.programmes.pages import page_context, programme_for
from stramien.web.programmes.sections import BY_KEY, SECTIONS

from . import help as help_pages
from . import selectors
from .forms import SearchForm


@login_required
def search(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    form = SearchForm(request.GET if "q" in request.GET else None)
    outcome = selectors.search(programme, form.cleaned_data["q"]) if form.is_valid() else None
    return render(
        request,
        "guidance/search.html",
        page_context(request, programme, active="search", form=form, outcome=outcome),
    )


@login_required
def help_index(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/help_index.html", {"entries": help_pages.index()})


@login_required
def help_section(request: HttpRequest, key: str) -> HttpResponse:
    section = BY_KEY.get(key)
    if section is None:
        raise Http404
    position = SECTIONS.index(section)
    return render(
        request,
        "guidance/help_section.html",
        {
            "section": section,
            "purposes": help_pages.PURPOSES.get(key, ()),
            "fields": help_pages.field_help(section),
            "previous": SECTIONS[position - 1] if position else None,
            "next": SECTIONS[position + 1] if position + 1 < len(SECTIONS) else None,
        },
    )
