"""The progress report (voortgangsrapportage): choose a period and a format, download it.

Everyone who may see the programme may download it; it only reads. Without a choice, or
with a choice that is not valid, the page shows the form again with the user's input and a
Dutch message.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stramien.model import ReportingFrequency
from stramien.monitor import Period, period_of
from stramien.monitor.report import ReportError, report_period
from stramien.render import FORMATS, RenderError
from stramien.render.report import REPORT_FORMATS, render_report
from stramien.web.programmes.models import Programme
from stramien.web.programmes.pages import page_context, programme_for

from . import permissions
from .reporting import end_of_day, progress_snapshot

FORMAT_LABELS = {
    "pdf": gettext_lazy("PDF (archiefformaat PDF/A)"),
    "docx": gettext_lazy("Word (.docx)"),
    "odt": gettext_lazy("OpenDocument (.odt)"),
    "html": gettext_lazy("Webpagina (.html)"),
}


class ReportForm(forms.Form):
    periode = forms.CharField(
        label=gettext_lazy("Periode"),
        max_length=10,
        help_text=gettext_lazy(
            "Een kwartaal (2027-Q2), halfjaar (2027-H1), maand (2027-M03) of jaar (2027)."
        ),
    )
    formaat = forms.ChoiceField(
        label=gettext_lazy("Formaat"),
        choices=[(fmt, FORMAT_LABELS[fmt]) for fmt in REPORT_FORMATS],
        initial="pdf",
    )
    per = forms.DateField(
        label=gettext_lazy(
            "Stand per (leeg: nu; kies een datum om een eerdere stand opnieuw te maken)"
        ),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": gettext_lazy("Vul een datum in als 2027-07-31.")},
    )

    def clean_periode(self) -> Period:
        try:
            return report_period(self.cleaned_data["periode"])
        except ReportError as exc:
            raise forms.ValidationError(str(exc)) from exc


def last_ended_quarter(today: dt.date) -> str:
    """The quarter before the one ``today`` falls in: the one a report is usually about."""
    current = period_of(today, ReportingFrequency.QUARTERLY)
    return period_of(current.start - dt.timedelta(days=1), ReportingFrequency.QUARTERLY).key


@login_required
def progress_report(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    if not request.GET:
        form = ReportForm(initial={"periode": last_ended_quarter(timezone.localdate())})
        return _page(request, programme, form, [], 200)
    form = ReportForm(request.GET)
    if not form.is_valid():
        return _page(request, programme, form, [], 400)
    period: Period = form.cleaned_data["periode"]
    fmt: str = form.cleaned_data["formaat"]
    day: dt.date | None = form.cleaned_data["per"]
    try:
        found = progress_snapshot(programme, period.key, end_of_day(day) if day else None)
        body = render_report(found, fmt)
    except ReportError as exc:
        return _page(request, programme, form, [str(exc)], 400)
    except RenderError as exc:
        problem = _("De rapportage kon niet worden gemaakt: %(reason)s") % {"reason": exc}
        return _page(request, programme, form, [problem], 503)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    name = f"{programme.slug}-voortgang-{period.key}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _page(
    request: HttpRequest, programme: Programme, form: ReportForm, problems: list[str], status: int
) -> HttpResponse:
    return render(
        request,
        "monitoring/report.html",
        page_context(
            request,
            programme,
            active="monitoring",
            form=form,
            problems=problems,
            can_review=permissions.can_review(request.user, programme),
        ),
        status=status,
    )
