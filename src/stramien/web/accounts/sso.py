"""Single sign-on with OpenID Connect: the provider's addresses and the checks of what it says.

mozilla-django-oidc does the code flow (the redirect with state, nonce and PKCE, the token
request, the signature against the provider's keys). On top of it this module:

- finds the provider's endpoints from the issuer's discovery document when they are not
  given one by one (cached for an hour, so a login costs no extra request);
- also checks the issuer, the audience and the expiry of the id_token, and that the e-mail
  address is verified;
- turns every failure into :class:`SsoError` with a Dutch message for the person logging in
  (never a traceback), and a short code for the audit trail.

Matching the verified address to an account or an invitation happens in the views (the
invitations belong to the programmes app, a layer above this one).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import (  # type: ignore[import-untyped]
    OIDCAuthenticationBackend,
)
from mozilla_django_oidc.utils import import_from_settings  # type: ignore[import-untyped]

from stramien.web.users import User

DISCOVERY_SECONDS = 3600
CLOCK_SKEW_SECONDS = 60
#: Marks a session that began with single sign-on, so the logout ends the provider's too.
SSO_SESSION_KEY = "stramien_sso"
ID_TOKEN_SESSION_KEY = "oidc_id_token"

#: The setting mozilla-django-oidc reads for an endpoint -> the key in a discovery document.
_ENDPOINT_KEYS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "STRAMIEN_OIDC_END_SESSION_ENDPOINT": "end_session_endpoint",
}


class SsoError(Exception):
    """A login with the provider that did not work: ``str()`` is for the person, ``code``
    for the audit trail."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def enabled() -> bool:
    return bool(getattr(settings, "STRAMIEN_OIDC_ENABLED", False))


def provider_name() -> str:
    return str(getattr(settings, "STRAMIEN_OIDC_NAME", "") or _("uw organisatie"))


@dataclass(frozen=True)
class _Discovered:
    issuer: str
    document: dict[str, Any]
    fetched: float


_cache: dict[str, _Discovered] = {}
_cache_lock = threading.Lock()


def forget_discovery() -> None:
    """Fetch the discovery document again on next use (tests, or a provider that moved)."""
    with _cache_lock:
        _cache.clear()


def _unreachable() -> SsoError:
    return SsoError(
        _(
            "Inloggen via %(name)s lukt nu niet: de inlogdienst is niet bereikbaar. "
            "Probeer het later opnieuw of log in met uw wachtwoord."
        )
        % {"name": provider_name()},
        "provider_unreachable",
    )


def discovery() -> dict[str, Any]:
    """The issuer's ``.well-known/openid-configuration`` (empty when no issuer is set)."""
    issuer = str(getattr(settings, "STRAMIEN_OIDC_ISSUER", "") or "")
    if not issuer:
        return {}
    with _cache_lock:
        found = _cache.get(issuer)
    if found is not None and time.monotonic() - found.fetched < DISCOVERY_SECONDS:
        return found.document
    try:
        response = requests.get(
            f"{issuer}/.well-known/openid-configuration",
            timeout=int(getattr(settings, "OIDC_TIMEOUT", 10)),
        )
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise _unreachable() from exc
    if not isinstance(document, dict) or document.get("issuer", "").rstrip("/") != issuer:
        # A document for another issuer is a wrong address, or worse; never use it.
        raise _unreachable()
    with _cache_lock:
        _cache[issuer] = _Discovered(issuer, document, time.monotonic())
    return document


def endpoint(setting: str) -> str:
    """One endpoint: the explicit setting, else the discovered one ('' when neither)."""
    explicit = str(getattr(settings, setting, "") or "")
    if explicit:
        return explicit
    key = _ENDPOINT_KEYS.get(setting)
    if key is None:
        return ""
    return str(discovery().get(key) or "")


def setting(attr: str, *default: Any) -> Any:
    """mozilla-django-oidc's settings lookup, with the endpoints from discovery."""
    if attr in _ENDPOINT_KEYS:
        return endpoint(attr) or (default[0] if default else "")
    return import_from_settings(attr, *default)


@dataclass(frozen=True)
class Verified:
    """What the provider said about the person, checked; the id_token for the logout."""

    claims: dict[str, Any]
    id_token: str


def misconfigured() -> SsoError:
    return SsoError(
        _(
            "Inloggen via %(name)s is niet goed ingesteld. Meld dit aan de beheerder en log "
            "zolang in met uw wachtwoord."
        )
        % {"name": provider_name()},
        "misconfigured",
    )


def backend() -> SsoBackend:
    """The backend, or :class:`SsoError` when the provider's addresses are incomplete."""
    try:
        made = SsoBackend()
    except ImproperlyConfigured as exc:
        raise misconfigured() from exc
    if not (made.OIDC_OP_TOKEN_ENDPOINT and made.OIDC_OP_JWKS_ENDPOINT):
        raise misconfigured()
    return made


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


class SsoBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """The code flow's second half, with the checks Stramien adds. Not listed in
    ``AUTHENTICATION_BACKENDS``: the callback view calls :meth:`claims` itself, so the
    password login's lockout (django-axes) counts only passwords."""

    get_settings: ClassVar[Any] = staticmethod(setting)

    def _verify_jws(self, payload: str, key: Any) -> dict[str, Any]:
        """The signature, with the algorithm we expect (never the one the token names),
        the audience, and a minute's leeway for clocks that differ a little."""
        if jwt.get_unverified_header(payload).get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("unexpected signing algorithm")
        decoded: dict[str, Any] = jwt.decode(
            payload,
            key,
            algorithms=[self.OIDC_RP_SIGN_ALGO],
            audience=self.OIDC_RP_CLIENT_ID,
            leeway=CLOCK_SKEW_SECONDS,
        )
        return decoded

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        issuer = str(getattr(settings, "STRAMIEN_OIDC_ISSUER", "") or "")
        if issuer and str(payload.get("iss", "")).rstrip("/") != issuer:
            raise SuspiciousOperation("id_token from another issuer")
        if "exp" not in payload:
            raise SuspiciousOperation("id_token without expiry")
        return payload

    def get_userinfo(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        """The id_token's claims, completed by the userinfo endpoint when there is one
        (for the same subject only)."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT and access_token:
            extra = super().get_userinfo(access_token, id_token, payload)
            if extra.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("userinfo for another subject")
            claims.update(extra)
        return claims

    def claims(
        self, request: HttpRequest, *, nonce: str | None, code_verifier: str | None
    ) -> Verified:
        """Exchange the code in ``request`` for verified claims with a verified e-mail.

        Raises :class:`SsoError`.
        """
        self.request = request
        code = request.GET.get("code", "")
        payload: dict[str, Any] = {
            "client_id": self.OIDC_RP_CLIENT_ID,
            "client_secret": self.OIDC_RP_CLIENT_SECRET,
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": request.build_absolute_uri(_callback_path()),
        }
        if code_verifier is not None:
            payload["code_verifier"] = code_verifier
        try:
            token_info = self.get_token(payload)
            id_token = str(token_info.get("id_token") or "")
            access_token = str(token_info.get("access_token") or "")
            verified = self.verify_token(id_token, nonce=nonce)
            claims = self.get_userinfo(access_token, id_token, verified)
        except requests.HTTPError as exc:
            # The provider refused the code (used twice, or for another client).
            raise SsoError(
                _("%(name)s weigerde de inlogpoging; u bent niet ingelogd. Probeer het opnieuw.")
                % {"name": provider_name()},
                "token_refused",
            ) from exc
        except jwt.ExpiredSignatureError as exc:
            raise SsoError(
                _("Uw inlogsessie bij %(name)s is verlopen. Probeer het opnieuw.")
                % {"name": provider_name()},
                "token_expired",
            ) from exc
        except (jwt.InvalidTokenError, SuspiciousOperation, KeyError, ValueError) as exc:
            raise SsoError(
                _(
                    "Het antwoord van %(name)s kon niet worden gecontroleerd; u bent niet "
                    "ingelogd. Probeer het opnieuw."
                )
                % {"name": provider_name()},
                "token_invalid",
            ) from exc
        except requests.RequestException as exc:
            raise _unreachable() from exc
        email = str(claims.get("email") or "").strip().lower()
        if not email:
            raise SsoError(
                _(
                    "%(name)s gaf geen e-mailadres door. Zonder e-mailadres kunnen we u niet "
                    "aan een account koppelen."
                )
                % {"name": provider_name()},
                "no_email",
            )
        trusted = bool(getattr(settings, "STRAMIEN_OIDC_TRUST_EMAIL", False))
        if not (_truthy(claims.get("email_verified")) or trusted):
            raise SsoError(
                _(
                    "Uw e-mailadres %(email)s is bij %(name)s niet bevestigd. Bevestig het "
                    "daar eerst, of log in met uw wachtwoord."
                )
                % {"email": email, "name": provider_name()},
                "email_unverified",
            )
        claims["email"] = email
        return Verified(claims=claims, id_token=id_token)

    def users_for(self, claims: dict[str, Any]) -> list[User]:
        """The accounts with this verified e-mail address (at most two: one is the answer,
        two is a question no one but the administrator can answer)."""
        return list(self.filter_users_by_claims(claims).order_by("pk")[:2])


def _callback_path() -> str:
    return reverse(str(settings.OIDC_AUTHENTICATION_CALLBACK_URL))


def end_session_url(request: HttpRequest, id_token: str, after: str) -> str:
    """Where to send the browser to end the provider's session too ('' when it has none)."""
    try:
        address = endpoint("STRAMIEN_OIDC_END_SESSION_ENDPOINT")
    except SsoError:
        return ""
    if not address:
        return ""
    query = {
        "post_logout_redirect_uri": request.build_absolute_uri(after),
        "client_id": str(settings.OIDC_RP_CLIENT_ID),
    }
    if id_token:
        query["id_token_hint"] = id_token
    separator = "&" if "?" in address else "?"
    return f"{address}{separator}{urlencode(query)}"
