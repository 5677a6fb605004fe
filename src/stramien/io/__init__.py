"""Reading and writing agreement documents (YAML and JSON), with clear Dutch problems."""

from __future__ import annotations

from .errors import DocumentError, LoadProblem
from .yamlio import (
    MAX_BYTES,
    dump_json,
    dump_yaml,
    load_agreement,
    loads_agreement,
    save_agreement,
)

__all__ = [
    "MAX_BYTES",
    "DocumentError",
    "LoadProblem",
    "dump_json",
    "dump_yaml",
    "load_agreement",
    "loads_agreement",
    "save_agreement",
]
