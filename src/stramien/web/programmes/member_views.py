"""Who takes part: the members page (invite people), and accepting an invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from stramien.web.accounts.forms import RegisterForm
from stramien.web.errors import ActionError
from stramien.web.users import acting_user

from . import members, permissions, selectors
from .forms import InviteForm
from .models import Membership
from .pages import absolute_url, page_context, programme_for


@login_required
def members_page(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug)
    partners = members.partner_ids(programme)
    form = InviteForm(partners=partners)
    link = None
    if request.method == "POST":
        if not permissions.can_manage(request.user, programme):
            raise PermissionDenied
        form = InviteForm(request.POST, partners=partners)
        if form.is_valid():
            try:
                _invitation, token = members.invite(
                    acting_user=acting_user(request),
                    programme=programme,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    party_id=form.cleaned_data.get("party_id", ""),
                    name=form.cleaned_data.get("name", ""),
                    accept_url=lambda token: absolute_url(
                        request, reverse("accounts:invitation", args=[token])
                    ),
                )
            except ActionError as exc:
                form.add_error(None, str(exc))
            else:
                link = absolute_url(request, reverse("accounts:invitation", args=[token]))
                messages.success(request, _("De uitnodiging is verstuurd."))
                form = InviteForm(partners=partners)
    memberships = (
        Membership.objects.filter(programme=programme).select_related("user").order_by("role")
    )
    invitations = programme.invitations.filter(accepted_at=None, revoked_at=None)
    return render(
        request,
        "programmes/members.html",
        page_context(
            request,
            programme,
            active="members",
            memberships=memberships,
            invitations=invitations if permissions.can_manage(request.user, programme) else [],
            historical_authors=selectors.historical_authors(programme),
            invite_form=form,
            invite_link=link,
            partners=partners,
        ),
    )


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = members.find_invitation(token)
    if found is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = RegisterForm(initial={"name": found.name})
    if request.method == "POST":
        if request.user.is_authenticated:
            try:
                membership = members.accept_invitation(user=acting_user(request), token=token)
            except ActionError as exc:
                messages.error(request, str(exc))
                return redirect("programmes:list")
            messages.success(request, _("U doet nu mee aan %(name)s.") % {"name": found.programme})
            return redirect("programmes:overview", slug=membership.programme.slug)
        form = RegisterForm(request.POST)
        if form.is_valid():
            try:
                user = members.register_and_accept(
                    token=token,
                    username=form.cleaned_data["username"],
                    email=found.email,
                    name=form.cleaned_data["name"],
                    password=form.cleaned_data["password"],
                )
            except ActionError as exc:
                messages.error(request, str(exc))
                return redirect("programmes:list")
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welkom! U doet nu mee aan %(name)s.") % {"name": found.programme}
            )
            return redirect("programmes:overview", slug=found.programme.slug)
    return render(request, "accounts/invitation.html", {"invitation": found, "form": form})
