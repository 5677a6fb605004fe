"""Every error of the API as ``application/problem+json`` (RFC 9457): ``status``, ``title``,
``detail`` and, for invalid input, ``invalidParams`` naming every invalid field at once.

Texts are in the language of the request (Dutch unless ``Accept-Language`` asks English).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import connections
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from stramien.web.errors import ActionError

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class Conflict(exceptions.APIException):
    """Someone else changed the same fields since the base revision: nothing of the
    conflicting fields was saved. ``conflicts`` holds both values per field."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, detail: str, *, conflicts: list[dict[str, Any]], **extra: Any) -> None:
        super().__init__(detail)
        self.conflicts = conflicts
        self.extra = extra


class Refused(exceptions.APIException):
    """An action of an app refused the request (its message is for the user)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "refused"


def set_rollback() -> None:
    """Undo what the request wrote when it runs in one transaction (ATOMIC_REQUESTS); the
    apps' actions are atomic themselves, so a refused action leaves nothing behind anyway."""
    for connection in connections.all(initialized_only=True):
        if connection.settings_dict.get("ATOMIC_REQUESTS") and connection.in_atomic_block:
            connection.set_rollback(True)


def titles() -> dict[int, str]:
    """A short title per status, in the language of the request."""
    return {
        400: _("Ongeldige invoer"),
        401: _("Niet aangemeld"),
        403: _("Geen toegang"),
        404: _("Niet gevonden"),
        405: _("Methode niet toegestaan"),
        406: _("Formaat niet beschikbaar"),
        409: _("Botsende wijziging"),
        413: _("Verzoek te groot"),
        415: _("Inhoudstype niet ondersteund"),
        422: _("Niet uitgevoerd"),
        429: _("Te veel verzoeken"),
        500: _("Interne fout"),
    }


def problem_body(status_code: int, detail: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "status": status_code,
        "title": titles().get(status_code, _("Fout")),
        "detail": detail,
    }
    body.update(extra)
    return body


def problem_response(
    request: HttpRequest, status_code: int, detail: str, **extra: Any
) -> JsonResponse:
    """A problem for answers made outside DRF's views (an unknown address, a 500)."""
    body = problem_body(status_code, detail, instance=request.path, **extra)
    return JsonResponse(
        body,
        status=status_code,
        content_type=PROBLEM_JSON,
        json_dumps_params={"ensure_ascii": False},
    )


def camel(name: str) -> str:
    """``base_revision`` -> ``baseRevision`` (names of the API's fields are camelCase)."""
    first, *rest = name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def invalid_params(detail: Any, prefix: str = "") -> Iterator[dict[str, str]]:
    """Every message of a DRF validation error, with the field's (dotted) name."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = str(key)
            if name == "non_field_errors":
                name = ""
            yield from invalid_params(
                value, f"{prefix}.{name}" if prefix and name else prefix or name
            )
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            for item in detail:
                yield {"name": prefix or "body", "reason": str(item), "code": _code(item)}
        else:
            for index, item in enumerate(detail):
                yield from invalid_params(item, f"{prefix}.{index}" if prefix else str(index))
    else:
        yield {"name": prefix or "body", "reason": str(detail), "code": _code(detail)}


def _code(item: Any) -> str:
    return str(getattr(item, "code", "invalid"))


def _detail_text(exc: exceptions.APIException) -> str:
    detail = exc.detail
    if isinstance(detail, list | dict):
        return _("Het verzoek is ongeldig.")
    return str(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's ``EXCEPTION_HANDLER``: every error as problem+json, and nothing half-written
    (the transaction of the request is rolled back)."""
    request = context.get("request")
    instance = request.path if request is not None else None
    headers: dict[str, str] = {}
    extra: dict[str, Any] = {}
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(
            _("Dit adres of dit object bestaat niet, of u mag het niet zien.")
        )
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(_("U mag dit niet doen in dit programma."))
    elif isinstance(exc, ActionError):
        exc = Refused(str(exc))
    if not isinstance(exc, exceptions.APIException):
        logger.exception("Unexpected error in the API", exc_info=exc)
        set_rollback()
        body = problem_body(
            500, _("Er ging iets mis aan onze kant; er is niets opgeslagen."), instance=instance
        )
        return Response(body, status=500, content_type=PROBLEM_JSON)
    if isinstance(exc, exceptions.ValidationError):
        params = list(invalid_params(exc.detail))
        count = len(params)
        detail = (
            _("Eén veld is ongeldig; er is niets opgeslagen.")
            if count == 1
            else _("%(count)s velden zijn ongeldig; er is niets opgeslagen.") % {"count": count}
        )
        extra["invalidParams"] = params
        status_code = 400
    else:
        detail = _detail_text(exc)
        status_code = exc.status_code
    if isinstance(exc, exceptions.NotAuthenticated):
        detail = _(
            "Meld u aan met een API-sleutel: de kop 'Authorization: Bearer <sleutel>'. "
            "Een sleutel maakt u op uw accountpagina."
        )
    if isinstance(exc, exceptions.Throttled):
        detail = _("Te veel verzoeken; probeer het over %(seconds)s seconden opnieuw.") % {
            "seconds": int(exc.wait or 1)
        }
        if exc.wait:
            headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        headers["WWW-Authenticate"] = 'Bearer realm="api"'
        status_code = 401
    if isinstance(exc, Conflict):
        extra["conflicts"] = exc.conflicts
        extra.update(exc.extra)
    set_rollback()
    body = problem_body(status_code, detail, instance=instance, **extra)
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_JSON)
