"""Monitoring pages: the dashboard, one indicator's periods with the form to enter a value,
and the values waiting for the procesregisseur's review. Thin: actions write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stramien.model import Indicator
from stramien.monitor import indicator_periods
from stramien.web.errors import ActionError
from stramien.web.programmes.models import Programme
from stramien.web.programmes.pages import page_context, programme_for
from stramien.web.programmes.selectors import head_agreement
from stramien.web.users import acting_user

from . import actions, charts, permissions, progress_selectors, selectors
from .forms import MeasurementForm, ReturnForm
from .iati_export import organisation_ref
from .models import Measurement

_as_of = charts.as_of_from  # the dashboard and its charts read the same moment


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    as_of, chosen = _as_of(request)
    filters = progress_selectors.filters(
        head_agreement(programme),
        request.GET.get("partner", ""),
        request.GET.get("doel", ""),
        request.GET.get("periode", ""),
    )
    return render(
        request,
        "monitoring/dashboard.html",
        page_context(
            request,
            programme,
            active="monitoring",
            chosen=chosen,
            can_review=permissions.can_review(request.user, programme),
            can_export_iati=permissions.can_export_iati(request.user, programme),
            iati_configured=bool(organisation_ref()),
            **selectors.dashboard(programme, as_of, filters),
        ),
    )


def _indicator(programme: Programme, indicator_id: str) -> Indicator:
    for indicator in head_agreement(programme).indicators:
        if indicator.id == indicator_id:
            return indicator
    raise Http404


@login_required
def indicator(request: HttpRequest, slug: str, indicator_id: str) -> HttpResponse:
    programme = programme_for(request, slug)
    found = _indicator(programme, indicator_id)
    periods = indicator_periods(found, head_agreement(programme).programme)
    may_enter = permissions.can_enter(request.user, programme, found.owner)
    form = MeasurementForm(indicator=found, periods=periods)
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        if not may_enter:
            raise PermissionDenied
        form = MeasurementForm(request.POST, request.FILES, indicator=found, periods=periods)
        if form.is_valid():
            try:
                actions.record_measurement(
                    acting_user=acting_user(request),
                    programme=programme,
                    entry=form.entry(),
                    submit=request.POST.get("submit") == "1",
                    evidence=form.upload(),
                )
            except actions.InvalidMeasurement as exc:
                problems, status = exc.problems, 400
            except ActionError as exc:
                problems, status = [str(exc)], 400
            else:
                messages.success(request, _("De waarde is opgeslagen."))
                return redirect("programmes:indicator", slug=slug, indicator_id=indicator_id)
        else:
            status = 400
        if problems or status == 400:
            messages.error(request, _("Niet opgeslagen: verbeter wat hieronder staat."))
    return render(
        request,
        "monitoring/indicator.html",
        page_context(
            request,
            programme,
            active="monitoring",
            indicator=found,
            rows=selectors.indicator_periods_page(programme, found),
            form=form,
            problems=problems,
            may_enter=may_enter,
            can_review=permissions.can_review(request.user, programme),
        ),
        status=status,
    )


@login_required
def review(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    if not permissions.can_review(request.user, programme):
        raise PermissionDenied
    return render(
        request,
        "monitoring/review.html",
        page_context(
            request,
            programme,
            active="monitoring",
            waiting=selectors.waiting_for_review(programme),
            return_form=ReturnForm(),
        ),
    )


def _measurement(programme: Programme, pk: int) -> Measurement:
    return get_object_or_404(Measurement, programme=programme, pk=pk)


@login_required
@require_POST
def decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Approve or return one value waiting for review."""
    programme = programme_for(request, slug)
    measurement = _measurement(programme, pk)
    try:
        if request.POST.get("decision") == "approve":
            actions.approve_measurement(acting_user=acting_user(request), measurement=measurement)
            messages.success(request, _("De waarde is goedgekeurd."))
        else:
            actions.return_measurement(
                acting_user=acting_user(request),
                measurement=measurement,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("De waarde is teruggestuurd."))
    except ActionError as exc:
        messages.error(request, str(exc))
    return redirect("programmes:review", slug=slug)


@login_required
@require_POST
def submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Hand a concept or a returned value in for review."""
    programme = programme_for(request, slug)
    measurement = _measurement(programme, pk)
    try:
        actions.submit_measurement(acting_user=acting_user(request), measurement=measurement)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("De waarde is ingediend ter beoordeling."))
    return redirect(reverse("programmes:indicator", args=[slug, measurement.indicator_id]))


@login_required
@require_POST
def lock(request: HttpRequest, slug: str, indicator_id: str) -> HttpResponse:
    programme = programme_for(request, slug)
    period = request.POST.get("period", "")
    try:
        actions.lock_period(
            acting_user=acting_user(request),
            programme=programme,
            indicator_id=indicator_id,
            period=period,
        )
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Periode %(period)s is vergrendeld.") % {"period": period})
    return redirect("programmes:indicator", slug=slug, indicator_id=indicator_id)
