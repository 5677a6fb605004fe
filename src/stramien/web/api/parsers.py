"""Bodies the API reads: JSON (and YAML for a whole agreement document), at most
``STRAMIEN_API_MAX_BODY_BYTES``; a larger body is refused with 413 before it is parsed."""

from __future__ import annotations

import json
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

from .problems import RequestTooLarge


def max_body_bytes() -> int:
    return int(settings.STRAMIEN_API_MAX_BODY_BYTES)


def read_limited(stream: IO[bytes] | None, meta: dict[str, Any] | None = None) -> bytes:
    """The body, or 413 when it is larger than the limit (also without a Content-Length)."""
    limit = max_body_bytes()
    try:
        declared = int((meta or {}).get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise RequestTooLarge(_("Het verzoek is groter dan %(limit)s bytes.") % {"limit": limit})
    raw = stream.read(limit + 1) if stream is not None else b""
    if len(raw) > limit:
        raise RequestTooLarge(_("Het verzoek is groter dan %(limit)s bytes.") % {"limit": limit})
    return raw


class JsonParser(parsers.BaseParser):
    media_type = "application/json"

    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: dict[str, Any] | None = None,
    ) -> Any:
        request = (parser_context or {}).get("request")
        raw = read_limited(stream, getattr(request, "META", None))
        try:
            return json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise exceptions.ParseError(_("De inhoud is geen geldige UTF-8-tekst.")) from None
        except json.JSONDecodeError as exc:
            raise exceptions.ParseError(
                _("Ongeldige JSON op regel %(line)s, kolom %(column)s: %(message)s")
                % {"line": exc.lineno, "column": exc.colno, "message": exc.msg}
            ) from None


class RawDocumentParser(parsers.BaseParser):
    """A whole agreement as YAML (read by ``stramien.io`` itself, with its Dutch problems)."""

    media_type = "application/yaml"

    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: dict[str, Any] | None = None,
    ) -> Any:
        request = (parser_context or {}).get("request")
        return read_limited(stream, getattr(request, "META", None))
