"""Rate limits of the API (``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` in settings): per
token or signed-in user, and per address for requests without either."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from stramien.web.accounts.models import ApiToken


class PerToken(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, ApiToken):
            return str(self.cache_format) % {"scope": self.scope, "ident": f"t{request.auth.pk}"}
        if request.user and request.user.is_authenticated:
            return str(self.cache_format) % {"scope": self.scope, "ident": f"u{request.user.pk}"}
        return None


class PerAddress(SimpleRateThrottle):
    scope = "address"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if request.user and request.user.is_authenticated:
            return None
        return str(self.cache_format) % {"scope": self.scope, "ident": self.get_ident(request)}
