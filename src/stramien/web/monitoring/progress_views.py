"""Pages for the progress of the planning and the money: the milestones with their status,
and the budget against spending with contributions in kind against deliveries. Thin:
progress_actions write, progress_selectors read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stramien.web.errors import ActionError
from stramien.web.programmes.models import Programme
from stramien.web.programmes.pages import page_context, programme_for
from stramien.web.programmes.selectors import head_agreement
from stramien.web.users import acting_user

from . import progress_actions, progress_selectors
from .models import InKindDelivery, Spending
from .progress_forms import DeliveryForm, MilestoneForm, ProblemsForm, SpendingForm
from .progress_permissions import can_record_milestones, partners_recorded_by

SPENDING_PREFIX = "besteding"
DELIVERY_PREFIX = "natura"


def _refused(form: ProblemsForm, error: ActionError, fields: dict[str, str]) -> None:
    if isinstance(error, progress_actions.InvalidRecord):
        form.add_problems(error, fields)
    else:
        form.add_error(None, str(error))


@login_required
def milestones(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    agreement = head_agreement(programme)
    may_record = can_record_milestones(request.user, programme)
    form = MilestoneForm(agreement=agreement, initial={"milestone": request.GET.get("mijlpaal")})
    status = 200
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        form = MilestoneForm(request.POST, agreement=agreement)
        if form.is_valid():
            try:
                progress_actions.record_milestone_status(
                    acting_user=acting_user(request), programme=programme, update=form.update()
                )
            except ActionError as exc:
                _refused(form, exc, {"milestone_id": "milestone"})
            else:
                messages.success(request, _("De stand van de mijlpaal is vastgelegd."))
                return redirect("programmes:milestones", slug=slug)
        status = 400
        messages.error(request, _("Niet opgeslagen: verbeter wat hieronder staat."))
    return render(
        request,
        "monitoring/milestones.html",
        page_context(
            request,
            programme,
            active="monitoring",
            form=form,
            may_record=may_record,
            **progress_selectors.milestone_rows(programme),
        ),
        status=status,
    )


def _finance_page(
    request: HttpRequest,
    programme: Programme,
    *,
    spending_form: SpendingForm | None = None,
    delivery_form: DeliveryForm | None = None,
    status: int = 200,
) -> HttpResponse:
    agreement = head_agreement(programme)
    partners = partners_recorded_by(request.user, programme)
    found = progress_selectors.filters(
        agreement,
        request.GET.get("partner", ""),
        request.GET.get("doel", ""),
        request.GET.get("periode", ""),
    )
    choices: dict[str, Any] = {"agreement": agreement, "partners": partners}
    if spending_form is None:
        spending_form = _correction(request, programme, Spending, SpendingForm, choices)
    if delivery_form is None:
        delivery_form = _correction(request, programme, InKindDelivery, DeliveryForm, choices)
    return render(
        request,
        "monitoring/finance.html",
        page_context(
            request,
            programme,
            active="monitoring",
            filters=found,
            spending_form=spending_form,
            delivery_form=delivery_form,
            may_record=partners != set(),
            spending=progress_selectors.spending_history(programme, found.scope),
            deliveries=progress_selectors.delivery_history(programme, found.scope),
            recordable=partners,
            **progress_selectors.money_tables(programme, None, found.scope),
        ),
        status=status,
    )


def _correction(
    request: HttpRequest,
    programme: Programme,
    model: type[Spending] | type[InKindDelivery],
    form_class: Any,
    choices: dict[str, Any],
) -> Any:
    """An empty form, or (``?corrigeer=<id>`` with ``?soort=``) one filled with the record
    to correct, when the user may correct it."""
    prefix = SPENDING_PREFIX if model is Spending else DELIVERY_PREFIX
    wanted = request.GET.get("corrigeer", "")
    if request.GET.get("soort") == prefix and wanted.isdigit():
        found = model.objects.filter(programme=programme, pk=int(wanted)).first()
        partners = choices["partners"]
        if (
            found is not None
            and found.is_current
            and (partners is None or found.partner_id in partners)
        ):
            return form_class.correcting(found, prefix=prefix, **choices)
    return form_class(prefix=prefix, **choices)


@login_required
def finance(request: HttpRequest, slug: str) -> HttpResponse:
    return _finance_page(request, programme_for(request, slug))


def _replaced(
    programme: Programme, model: type[Spending] | type[InKindDelivery], pk: int | None
) -> Any:
    if pk is None:
        return None
    found = model.objects.filter(programme=programme, pk=pk).first()
    if found is None:
        raise ActionError(_("Wat u wilt corrigeren hoort niet bij dit programma."))
    return found


@login_required
@require_POST
def record_spending(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    partners = partners_recorded_by(request.user, programme)
    if partners == set():
        raise PermissionDenied
    form = SpendingForm(
        request.POST, prefix=SPENDING_PREFIX, agreement=head_agreement(programme), partners=partners
    )
    if form.is_valid():
        try:
            progress_actions.record_spending(
                acting_user=acting_user(request),
                programme=programme,
                entry=form.entry(),
                replaces=_replaced(programme, Spending, form.cleaned_data.get("replaces")),
            )
        except ActionError as exc:
            _refused(form, exc, SpendingForm.FIELDS)
        else:
            messages.success(request, _("De besteding is opgeslagen."))
            return redirect("programmes:finance", slug=slug)
    messages.error(request, _("Niet opgeslagen: verbeter wat hieronder staat."))
    return _finance_page(request, programme, spending_form=form, status=400)


@login_required
@require_POST
def record_delivery(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    partners = partners_recorded_by(request.user, programme)
    if partners == set():
        raise PermissionDenied
    form = DeliveryForm(
        request.POST, prefix=DELIVERY_PREFIX, agreement=head_agreement(programme), partners=partners
    )
    if form.is_valid():
        try:
            progress_actions.record_in_kind_delivery(
                acting_user=acting_user(request),
                programme=programme,
                entry=form.entry(),
                replaces=_replaced(programme, InKindDelivery, form.cleaned_data.get("replaces")),
            )
        except ActionError as exc:
            _refused(form, exc, DeliveryForm.FIELDS)
        else:
            messages.success(request, _("De levering in natura is opgeslagen."))
            return redirect("programmes:finance", slug=slug)
    messages.error(request, _("Niet opgeslagen: verbeter wat hieronder staat."))
    return _finance_page(request, programme, delivery_form=form, status=400)
