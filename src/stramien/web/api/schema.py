"""The published OpenAPI description, made to keep the NL API Design Rules: the version
header on every success, problem+json for every error, a 400 on every operation that takes
input, and the contact and server the rules ask for."""

from __future__ import annotations

from typing import Any

from . import API_VERSION

PROBLEM = {"$ref": "#/components/schemas/Problem"}

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Een fout volgens RFC 9457 (application/problem+json).",
    "required": ["status", "title", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri-reference"},
        "status": {"type": "integer", "minimum": 100, "maximum": 599},
        "title": {"type": "string"},
        "detail": {"type": "string"},
        "instance": {"type": "string", "format": "uri-reference"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "reason"],
                "properties": {
                    "name": {"type": "string"},
                    "reason": {"type": "string"},
                    "code": {"type": "string"},
                },
            },
        },
        "conflicts": {
            "type": "array",
            "items": {"type": "object", "additionalProperties": True},
        },
    },
    "additionalProperties": True,
}

VERSION_HEADER = {
    "description": "De volledige versie van de API (semver).",
    "schema": {"type": "string", "example": API_VERSION},
}

#: The errors every operation may give, with the words the schema uses for them.
ERRORS = {
    "400": "Ongeldige invoer: elk ongeldig veld in invalidParams.",
    "401": "Geen, een onbekende, verlopen of ingetrokken API-sleutel.",
    "403": "De sleutel of de rol mag dit niet.",
    "404": "Bestaat niet, of u mag het niet zien.",
    "406": "Het gevraagde formaat is niet beschikbaar.",
    "429": "Te veel verzoeken; zie Retry-After.",
}


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
        "content": {"application/problem+json": {"schema": PROBLEM}},
    }


def postprocess(result: dict[str, Any], generator: Any, **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular's last step: make the schema keep the rules described above."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    components.setdefault("headers", {})["API-Version"] = VERSION_HEADER
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, response in responses.items():
                if code.startswith(("2", "3")):
                    response.setdefault("headers", {})["API-Version"] = {
                        "$ref": "#/components/headers/API-Version"
                    }
                elif code.startswith(("4", "5")):
                    description = response.get("description") or ERRORS.get(code, "Fout.")
                    responses[code] = _problem_response(description)
            for code, description in ERRORS.items():
                responses.setdefault(code, _problem_response(description))
            if method in {"post", "put", "patch"}:
                responses.setdefault("409", _problem_response("Botsende wijziging."))
                responses.setdefault("413", _problem_response("Het verzoek is te groot."))
    return result
