"""Personal API tokens (made on the account page) as a DRF authentication class.

``Authorization: Bearer stm_...``. Only the token's sha256 is stored; an unknown, expired or
revoked token is refused with 401, whatever else the request carries.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from stramien.web.accounts import actions as account_actions
from stramien.web.accounts import selectors as account_selectors
from stramien.web.accounts.models import ApiToken

from . import throttling


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.encode():
            return None
        wait = throttling.refused_token_wait(request)
        if wait is not None:
            raise exceptions.Throttled(wait)
        try:
            return self._authenticate(header)
        except exceptions.AuthenticationFailed:
            throttling.note_refused_token(request)
            raise

    def _authenticate(self, header: list[bytes]) -> tuple[Any, ApiToken]:
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Geef na 'Bearer' precies één sleutel, zonder spaties.")
            )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel bestaat niet.")) from None
        token = account_selectors.token_by_hash(account_actions.hash_token(secret))
        if token is None:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel bestaat niet."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(
                _("Deze API-sleutel is ingetrokken; maak een nieuwe op uw accountpagina.")
            )
        if token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed(
                _("Deze API-sleutel is verlopen; maak een nieuwe op uw accountpagina.")
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Dit account is uitgeschakeld."))
        account_actions.note_token_used(token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class TokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI description names the token: HTTP bearer."""

    target_class = TokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Een persoonlijke API-sleutel, te maken op uw accountpagina.",
        }
