"""What every answer under ``/api/`` gets, also those DRF never sees (an unknown address):
the ``API-Version`` header, the language from ``Accept-Language`` and problem+json errors."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from . import API_VERSION
from .problems import PROBLEM_JSON, problem_response


def api_language(request: HttpRequest) -> str:
    """Dutch, unless the client's ``Accept-Language`` prefers English."""
    available = {code for code, _name in settings.LANGUAGES}
    accepted = request.headers.get("Accept-Language", "")
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(accepted.split(",")):
        code, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        language = code.strip().lower().split("-")[0]
        if language in available and quality > 0:
            weighted.append((-quality, index, language))
    return min(weighted)[2] if weighted else settings.LANGUAGE_CODE


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        language = api_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        content_type = response.headers.get("Content-Type", "")
        if response.status_code >= 400 and not content_type.startswith(PROBLEM_JSON):
            # Django answered by itself (an unknown address, a body over Django's limit).
            detail = {
                404: _("Dit adres bestaat niet in de API. Zie /api/v1/openapi.json."),
                413: _("Het verzoek is te groot."),
            }.get(response.status_code, _("Het verzoek kon niet worden verwerkt."))
            response = problem_response(request, response.status_code, detail)
        response.headers["API-Version"] = API_VERSION
        response.headers["Content-Language"] = language
        return response
