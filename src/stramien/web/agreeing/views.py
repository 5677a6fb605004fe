"""The adoption page: propose a version, decide per partner, see the status board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stramien.web.errors import ActionError
from stramien.web.programmes import permissions
from stramien.web.programmes import selectors as programme_selectors
from stramien.web.programmes.field_links import LinkedFinding, linked_findings
from stramien.web.programmes.models import Programme, Revision
from stramien.web.programmes.pages import page_context, programme_for
from stramien.web.users import acting_user

from . import actions, selectors
from .forms import ConfirmErrorsForm


@login_required
def adoption(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    current = selectors.open_round(programme)
    member = permissions.membership(request.user, programme)
    head = Revision.objects.defer("payload").get(programme=programme, number=programme.head_number)
    my_decision = None
    if current is not None and member is not None and member.party_id:
        my_decision = current.approvals.filter(party_id=member.party_id).first()
    last_voided = selectors.last_voided(programme)
    return render(
        request,
        "agreeing/adoption.html",
        page_context(
            request,
            programme,
            active="adoption",
            current=current,
            board=selectors.board(current) if current else [],
            adopted=selectors.adopted_versions(programme),
            head=head,
            head_errors=(
                len(programme_selectors.head_with_report(programme)[1].errors)
                if permissions.can_manage(request.user, programme)
                else 0
            ),
            my_decision=my_decision,
            can_decide=bool(
                current
                and member is not None
                and member.role == "partner"
                and member.party_id in current.parties
                and my_decision is None
            ),
            last_voided=last_voided if current is None else None,
            my_party_name=(
                current.parties.get(member.party_id, member.party_id)
                if current is not None and member is not None and member.party_id
                else ""
            ),
        ),
    )


@login_required
@require_POST
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    """Put the newest version up for adoption; a version with errors is confirmed first."""
    programme = programme_for(request, slug, with_document=True)
    if not permissions.can_manage(request.user, programme):
        raise PermissionDenied
    try:
        number = int(request.POST.get("revision", ""))
    except ValueError:
        messages.error(request, _("Kies een versie."))
        return redirect("programmes:adoption", slug=slug)
    errors = _errors_of_head(programme) if number == programme.head_number else []
    if errors:
        confirmation = ConfirmErrorsForm(request.POST if "confirming" in request.POST else None)
        if not confirmation.is_valid():
            return _confirmation_page(request, programme, number, errors, confirmation)
    try:
        actions.propose(acting_user=acting_user(request), programme=programme, number=number)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Versie %(n)s ligt nu ter vaststelling voor.") % {"n": number})
    return redirect("programmes:adoption", slug=slug)


def _errors_of_head(programme: Programme) -> list[LinkedFinding]:
    """The errors of the newest version, each a link to the field it is about."""
    _agreement, report = programme_selectors.head_with_report(programme)
    return linked_findings(programme.slug, report.errors, programme.head_document)


def _confirmation_page(
    request: HttpRequest,
    programme: Programme,
    number: int,
    errors: list[LinkedFinding],
    form: ConfirmErrorsForm,
) -> HttpResponse:
    return render(
        request,
        "agreeing/confirm_propose.html",
        page_context(
            request,
            programme,
            active="adoption",
            number=number,
            errors=errors,
            form=form,
        ),
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def decide(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    decision = request.POST.get("decision")
    if decision not in ("approve", "reject"):
        messages.error(request, _("Kies goedkeuren of afwijzen."))
        return redirect("programmes:adoption", slug=slug)
    try:
        round_id = int(request.POST.get("round", ""))
    except ValueError:
        round_id = 0
    try:
        actions.decide(
            acting_user=acting_user(request),
            programme=programme,
            round_id=round_id,
            revision_hash=request.POST.get("revision_hash", ""),
            approve=decision == "approve",
            note=request.POST.get("note", ""),
        )
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Uw besluit is vastgelegd."))
    return redirect("programmes:adoption", slug=slug)
