"""Rate limits of the API (``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` in settings): per
token or signed-in user for every endpoint; per address for what needs no account (the
OpenAPI description) and for refused tokens (guessing is slowed down, see
:func:`note_refused_token`)."""

from __future__ import annotations

from typing import Any

from django.core.cache import BaseCache, caches
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from stramien.web.accounts.models import ApiToken


class Shared(SimpleRateThrottle):
    """Counts in the ``shared`` cache (a database table), so that every web worker, on any
    machine, adds to the same count; DRF's default is the process's own memory."""

    @property
    def cache(self) -> BaseCache:
        return caches["shared"]


class PerToken(Shared):
    scope = "token"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, ApiToken):
            # By (part of) the hash, not the row id: ids may be used again, hashes are not.
            ident = f"t{request.auth.key_hash[:24]}"
            return str(self.cache_format) % {"scope": self.scope, "ident": ident}
        if request.user and request.user.is_authenticated:
            return str(self.cache_format) % {"scope": self.scope, "ident": f"u{request.user.pk}"}
        return None


class PerAddress(Shared):
    """Per address, whoever asks (used where no account is needed)."""

    scope = "address"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        return str(self.cache_format) % {"scope": self.scope, "ident": self.get_ident(request)}


class RefusedTokens(PerAddress):
    """Refused tokens per address: past the limit, even a good token waits (429)."""

    scope = "refused_token"


def refused_token_wait(request: Request) -> float | None:
    """Seconds to wait when this address sent too many refused tokens; None when fine.
    Only looks, counts nothing."""
    throttle = RefusedTokens()
    if throttle.rate is None:
        return None  # no limit set
    throttle.key = throttle.get_cache_key(request, None)
    throttle.history = throttle.cache.get(throttle.key, [])
    throttle.now = throttle.timer()
    while throttle.history and throttle.history[-1] <= throttle.now - throttle.duration:
        throttle.history.pop()
    if len(throttle.history) >= throttle.num_requests:
        wait: float | None = throttle.wait()
        return wait
    return None


def note_refused_token(request: Request) -> None:
    """Count one refused token for the address of ``request``."""
    throttle = RefusedTokens()
    throttle.allow_request(request, None)
