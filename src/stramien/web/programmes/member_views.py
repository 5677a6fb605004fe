"""Who takes part: the members page (invite people, revoke an invitation, change a role,
remove someone), and accepting an invitation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stramien.web.accounts import backends
from stramien.web.accounts.forms import RegisterForm
from stramien.web.errors import ActionError
from stramien.web.users import acting_user

from . import members, permissions, selectors
from .forms import InviteForm, RemoveMemberForm, RoleForm
from .models import Invitation, Membership, Programme, Role
from .pages import absolute_url, page_context, programme_for

#: The members table lists the procesregisseurs first, then partners, monitors and readers.
ROLE_ORDER = {role: index for index, role in enumerate(Role.values)}


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
    memberships = [
        {
            "pk": m.pk,
            "name": _name(m),
            "role": m.get_role_display(),
            "party": partners.get(m.party_id, m.party_id),
        }
        for m in sorted(
            Membership.objects.filter(programme=programme).select_related("user"),
            key=lambda m: (ROLE_ORDER.get(m.role, len(ROLE_ORDER)), _name(m).casefold()),
        )
    ]
    invitations = [
        {"invitation": i, "party": partners.get(i.party_id, i.party_id)}
        for i in programme.invitations.filter(
            accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
        )
    ]
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
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"problem": members.invitation_problem(token)},
            status=404,
        )
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
            login(request, user, backend=backends.PATH)
            messages.success(
                request, _("Welkom! U doet nu mee aan %(name)s.") % {"name": found.programme}
            )
            return redirect("programmes:overview", slug=found.programme.slug)
    return render(request, "accounts/invitation.html", {"invitation": found, "form": form})


def _managed_membership(request: HttpRequest, slug: str, pk: int) -> tuple[Programme, Membership]:
    programme = programme_for(request, slug)
    if not permissions.can_manage(request.user, programme):
        raise PermissionDenied
    found = get_object_or_404(Membership.objects.select_related("user"), pk=pk, programme=programme)
    return programme, found


@login_required
def member_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One member: change the role (or the organisation), or take them out of the programme."""
    programme, member = _managed_membership(request, slug, pk)
    partners = members.partner_ids(programme)
    role_form = RoleForm(
        initial={"role": member.role, "party_id": member.party_id}, partners=partners
    )
    remove_form = RemoveMemberForm()
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            remove_form = RemoveMemberForm(request.POST)
            if remove_form.is_valid() and _acted(
                request, remove_form, members.remove_member, membership=member
            ):
                messages.success(
                    request, _("%(name)s doet niet meer mee.") % {"name": _name(member)}
                )
                if member.user_id == request.user.pk:
                    return redirect("programmes:list")
                return redirect("programmes:members", slug=slug)
        else:
            role_form = RoleForm(request.POST, partners=partners)
            if role_form.is_valid() and _acted(
                request,
                role_form,
                members.change_role,
                membership=member,
                role=role_form.cleaned_data["role"],
                party_id=role_form.cleaned_data.get("party_id", ""),
            ):
                messages.success(
                    request, _("De rol van %(name)s is bijgewerkt.") % {"name": _name(member)}
                )
                return redirect("programmes:members", slug=slug)
        status = 400
    return render(
        request,
        "programmes/member.html",
        page_context(
            request,
            programme,
            active="members",
            member=member,
            member_name=_name(member),
            party_name=partners.get(member.party_id, member.party_id),
            role_form=role_form,
            remove_form=remove_form,
        ),
        status=status,
    )


def _acted(request: HttpRequest, form: Any, action: Any, **arguments: Any) -> bool:
    """Run a member action; a refusal becomes the form's message and nothing is saved."""
    try:
        action(acting_user=acting_user(request), **arguments)
    except ActionError as exc:
        form.add_error(None, str(exc))
        return False
    return True


def _name(member: Membership) -> str:
    return member.user.get_full_name() or member.user.get_username()


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request, slug)
    if not permissions.can_manage(request.user, programme):
        raise PermissionDenied
    found = get_object_or_404(Invitation, pk=pk, programme=programme)
    try:
        members.revoke_invitation(acting_user=acting_user(request), invitation=found)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("De uitnodiging voor %(email)s is ingetrokken; de link werkt niet meer.")
            % {"email": found.email},
        )
    return redirect("programmes:members", slug=slug)
