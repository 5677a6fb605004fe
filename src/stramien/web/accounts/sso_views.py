"""Logging in with the organisation's own OpenID Connect provider (docs/sso.md).

``sso_login`` sends the browser to the provider; ``sso_callback`` takes its answer, checks
it (:mod:`stramien.web.accounts.sso`) and logs the person in: into the account with that
verified e-mail address, or, for an invited address, into a new account with the
invitations accepted. Both pages are "not found" while single sign-on is not configured.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import (  # type: ignore[import-untyped]
    OIDCAuthenticationRequestView,
)

from stramien.web.programmes import members
from stramien.web.users import User

from . import actions, backends, sso


class _StartView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    get_settings = staticmethod(sso.setting)


#: Refusals of a person the provider did vouch for go into the audit trail. The others
#: (a forged or stale answer, a token that fails its checks) can be caused by anyone without
#: an account, so they only go to the log: no one fills the trail from outside.
AUDITED_REFUSALS = {"email_unverified", "unknown_email", "email_ambiguous", "account_inactive"}

logger = logging.getLogger(__name__)


def _refused(request: HttpRequest, error: sso.SsoError, email: str = "") -> HttpResponse:
    if error.code in AUDITED_REFUSALS:
        actions.record_sso_refusal(reason=error.code, email=email)
    else:
        logger.warning("Single sign-on refused: %s (%s)", error.code, error.__cause__ or "-")
    messages.error(request, str(error))
    return redirect("accounts:login")


@require_GET
def sso_login(request: HttpRequest) -> HttpResponse:
    if not sso.enabled():
        raise Http404
    try:
        if not sso.endpoint("OIDC_OP_AUTHORIZATION_ENDPOINT"):
            raise sso.misconfigured()
        response: HttpResponse = _StartView.as_view()(request)
    except sso.SsoError as exc:
        return _refused(request, exc)
    return response


def _take_state(request: HttpRequest) -> dict[str, Any]:
    """The nonce and code verifier of this attempt; each state is good for one answer."""
    state = request.GET.get("state", "")
    states = request.session.get("oidc_states") or {}
    found = states.pop(state, None) if state else None
    request.session["oidc_states"] = states
    if not isinstance(found, dict):
        raise sso.SsoError(
            _(
                "Deze inlogpoging is verlopen of in een ander venster begonnen. "
                "Klik opnieuw op de knop om in te loggen."
            ),
            "state_mismatch",
        )
    return found


def _account_for(backend: sso.SsoBackend, claims: dict[str, Any]) -> tuple[User, list[Any]]:
    """The account for the verified address, and the memberships it gained now."""
    email = str(claims["email"])
    users = backend.users_for(claims)
    if len(users) > 1:
        raise sso.SsoError(
            _(
                "Er zijn meer accounts met het e-mailadres %(email)s; we weten niet welke van u "
                "is. Log in met uw gebruikersnaam en wachtwoord, of vraag de beheerder om hulp."
            )
            % {"email": email},
            "email_ambiguous",
        )
    if users and not users[0].is_active:
        # A switched-off account stays off; a new one for the same address would undo that.
        raise sso.SsoError(
            _(
                "Het account met het e-mailadres %(email)s is uitgeschakeld. Vraag de beheerder "
                "om het weer aan te zetten."
            )
            % {"email": email},
            "account_inactive",
        )
    if users:
        return users[0], members.accept_invitations_by_email(user=users[0], email=email)
    if members.open_invitations_for(email):
        return members.register_by_sso(claims=claims)
    if getattr(settings, "STRAMIEN_OIDC_CREATE_USERS", False):
        return actions.create_sso_account(claims=claims), []
    raise sso.SsoError(
        _(
            "Er is in Stramien geen account en geen openstaande uitnodiging voor %(email)s. "
            "Vraag de procesregisseur van uw programma om u op dit adres uit te nodigen."
        )
        % {"email": email},
        "unknown_email",
    )


@require_GET
def sso_callback(request: HttpRequest) -> HttpResponse:
    if not sso.enabled():
        raise Http404
    if request.GET.get("error"):
        _drop_state(request)
        return _refused(
            request,
            sso.SsoError(
                _("Inloggen via %(name)s is afgebroken of geweigerd. U bent niet ingelogd.")
                % {"name": sso.provider_name()},
                "provider_error",
            ),
        )
    email = ""
    try:
        attempt = _take_state(request)
        backend = sso.backend()
        verified = backend.claims(
            request, nonce=attempt.get("nonce"), code_verifier=attempt.get("code_verifier")
        )
        email = str(verified.claims["email"])
        user, joined = _account_for(backend, verified.claims)
    except sso.SsoError as exc:
        return _refused(request, exc, email)
    next_url = request.session.pop("oidc_login_next", None)
    login(request, user, backend=backends.PATH)
    request.session[sso.SSO_SESSION_KEY] = True
    request.session[sso.ID_TOKEN_SESSION_KEY] = verified.id_token
    request.session["oidc_id_token_expiration"] = time.time() + 15 * 60
    actions.record_sso_login(user=user, claims=verified.claims)
    for membership in joined:
        messages.success(request, _("U doet nu mee aan %(name)s.") % {"name": membership.programme})
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


def _drop_state(request: HttpRequest) -> None:
    states = request.session.get("oidc_states") or {}
    states.pop(request.GET.get("state", ""), None)
    request.session["oidc_states"] = states
