"""The engine under append-only, hashed revisions of the agreement (no Django, no I/O).

Documents are the JSON form of the agreement (``agreement.model_dump(mode="json")``). Lists of
items with an ``id`` are handled by id, never by position. See docs/revisions.md.
"""

from __future__ import annotations

from ._tree import Document, Json, Path, PathStep, copy_json, format_path, value_at
from .changes import Change, ChangeKind, changes, group_changes, label, location, word_diff
from .errors import RevisionError
from .hashing import (
    ChainLink,
    canonical_hash,
    canonical_json,
    content_hash,
    revision_hash,
    verify_chain,
)
from .merge import Conflict, MergeResult, merge3
from .patch import (
    Operation,
    Patch,
    apply,
    check_patch,
    diff,
    patch_from_bytes,
    patch_to_bytes,
    set_at,
    snapshot_from_bytes,
    snapshot_to_bytes,
)

__all__ = [
    "ChainLink",
    "Change",
    "ChangeKind",
    "Conflict",
    "Document",
    "Json",
    "MergeResult",
    "Operation",
    "Patch",
    "Path",
    "PathStep",
    "RevisionError",
    "apply",
    "canonical_hash",
    "canonical_json",
    "changes",
    "check_patch",
    "content_hash",
    "copy_json",
    "diff",
    "format_path",
    "group_changes",
    "label",
    "location",
    "merge3",
    "patch_from_bytes",
    "patch_to_bytes",
    "revision_hash",
    "set_at",
    "snapshot_from_bytes",
    "snapshot_to_bytes",
    "value_at",
    "verify_chain",
    "word_diff",
]
