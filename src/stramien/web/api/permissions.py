"""DRF permission classes of the API. They decide nothing about programmes themselves: the
per-programme rules are the apps' permission functions (``programmes.permissions``), which
the views call on the programme they read."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import permissions
from rest_framework.request import Request

from stramien.web.accounts.models import ApiToken


class TokenScope(permissions.BasePermission):
    """A read-only token may only read."""

    def has_permission(self, request: Request, view: Any) -> bool:
        self.message = _("Deze API-sleutel mag alleen lezen; maak een sleutel om te schrijven.")
        token = request.auth
        if isinstance(token, ApiToken) and request.method not in permissions.SAFE_METHODS:
            return token.can_write
        return True
