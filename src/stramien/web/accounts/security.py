"""Who is knocking: the visitor's address behind proxies, and the limit per address.

django-axes locks a user name from one address after a few wrong passwords. That does not
stop *password spraying* (one common password tried on many accounts): every account sees
only one failure. So an address that failed often, whatever user names it tried, is locked
too (``STRAMIEN_ADDRESS_FAILURE_LIMIT``, default 20, for the same cool-off time).
"""

from __future__ import annotations

import datetime as dt

from axes.models import AccessAttempt  # type: ignore[import-untyped]
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


def client_address(request: HttpRequest) -> str:
    """The visitor's address. Behind ``STRAMIEN_PROXY_COUNT`` proxies it is the address the
    outermost trusted proxy saw, taken from the right of X-Forwarded-For (entries further
    left are whatever the visitor chose to send)."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    trusted = int(getattr(settings, "STRAMIEN_PROXY_COUNT", 0))
    if trusted <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < trusted:
        return remote
    return forwarded[-trusted]


def address_locked(request: HttpRequest) -> bool:
    """Whether the visitor's address failed to log in too often lately, on any account."""
    limit = int(getattr(settings, "STRAMIEN_ADDRESS_FAILURE_LIMIT", 20))
    if limit <= 0:
        return False
    since = timezone.now() - dt.timedelta(hours=float(settings.AXES_COOLOFF_TIME))
    failures = AccessAttempt.objects.filter(
        ip_address=client_address(request), attempt_time__gte=since
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return (failures or 0) >= limit
