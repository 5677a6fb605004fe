"""The programme archive: one file with every revision, approval, comment and attachment.

A zip with ``manifest.json`` (format, schema version, sha256 of the data) and
``programme.json``. :func:`verify_archive` needs no database: it checks the container, the
checksum, rebuilds every revision from its stored patch or snapshot, recomputes every
content and revision hash along the chain, and checks that every approval names the hash
of the revision its round was about. Any changed byte makes it fail.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from stramien import revisions
from stramien.model import Agreement
from stramien.model.agreement import SUPPORTED_SCHEMA_VERSIONS

ARCHIVE_FORMAT = 1
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024
MAX_MEMBER_BYTES = 500 * 1024 * 1024
MANIFEST = "manifest.json"
DATA = "programme.json"


class ArchiveError(ValueError):
    """The archive cannot be used; the message says why, in Dutch."""


@dataclass
class Verification:
    data: dict[str, Any]
    documents: dict[int, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def write_archive(data: dict[str, Any]) -> bytes:
    """``data`` as an archive file (deterministic bytes for the same data)."""
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    manifest = {
        "format": ARCHIVE_FORMAT,
        "schema_version": data.get("schema_version", ""),
        "sha256": hashlib.sha256(body).hexdigest(),
        "revisions": len(data.get("revisions", [])),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (
            (MANIFEST, json.dumps(manifest, sort_keys=True, indent=1).encode("utf-8")),
            (DATA, body),
        ):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def read_archive(raw: bytes) -> dict[str, Any]:
    """The data of an archive whose container, checksum and format are in order."""
    if len(raw) > MAX_ARCHIVE_BYTES:
        raise ArchiveError("Het archief is groter dan 200 MB.")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if names != {MANIFEST, DATA}:
                raise ArchiveError("Dit is geen Stramien-archief: de inhoud klopt niet.")
            for info in archive.infolist():
                if info.file_size > MAX_MEMBER_BYTES:
                    raise ArchiveError("Het archief pakt uit tot meer dan 500 MB; geweigerd.")
            manifest = json.loads(archive.read(MANIFEST))
            body = archive.read(DATA)
    except ArchiveError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        KeyError,
        NotImplementedError,
    ) as exc:
        raise ArchiveError(f"Het archief is beschadigd of geen zip-bestand ({exc}).") from None
    if not isinstance(manifest, dict):
        raise ArchiveError("Het archief is beschadigd: het manifest klopt niet.")
    fmt = manifest.get("format")
    if not isinstance(fmt, int) or fmt > ARCHIVE_FORMAT:
        raise ArchiveError(
            "Dit archief komt uit een nieuwere versie van Stramien "
            f"(archiefformaat {fmt}); werk Stramien bij om het te openen."
        )
    if hashlib.sha256(body).hexdigest() != manifest.get("sha256"):
        raise ArchiveError("Het archief is gewijzigd of beschadigd: de controlesom klopt niet.")
    try:
        data = json.loads(body)
    except ValueError:
        raise ArchiveError(
            "Het archief is beschadigd: de gegevens zijn geen geldige JSON."
        ) from None
    if not isinstance(data, dict):
        raise ArchiveError("Het archief is beschadigd: de gegevens hebben niet de goede vorm.")
    schema = data.get("schema_version")
    if schema not in SUPPORTED_SCHEMA_VERSIONS:
        raise ArchiveError(
            f"Dit archief gebruikt documentversie {schema}, die deze versie van Stramien niet "
            "kent; werk Stramien bij om het te openen."
        )
    return data


def verify_archive(raw: bytes) -> Verification:
    """Every check on an archive; ``problems`` lists what is wrong (empty when all is well)."""
    data = read_archive(raw)
    result = Verification(data=data)
    rows = data.get("revisions")
    if not isinstance(rows, list) or not rows:
        result.problems.append("Het archief bevat geen versies.")
        return result
    links: list[revisions.ChainLink] = []
    document: dict[str, Any] | None = None
    for expected_number, row in enumerate(rows, start=1):
        try:
            number = int(row["number"])
            payload = unb64(row["payload"])
            if row["kind"] == "snapshot":
                document = revisions.snapshot_from_bytes(payload)
            elif row["kind"] == "patch" and document is not None:
                document = revisions.apply(document, revisions.patch_from_bytes(payload))
            else:
                raise ArchiveError(f"versie {number} heeft een onbekende vorm")
            links.append(
                revisions.ChainLink(
                    number=number,
                    parent_hash=str(row["parent_hash"]),
                    content_hash=str(row["content_hash"]),
                    author=str(row["author_name"]),
                    created=str(row["created_at"]),
                    message=str(row["message"]),
                    hash=str(row["hash"]),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            result.problems.append(f"Versie {expected_number} is onleesbaar: {exc}")
            return result
        if number != expected_number:
            result.problems.append(
                f"Versie {expected_number} ontbreekt of staat op de verkeerde plek."
            )
        result.documents[number] = document
    result.problems.extend(revisions.verify_chain(links, result.documents))
    by_number = {link.number: link.hash for link in links}
    for round_ in data.get("rounds", []):
        number = round_.get("revision_number")
        if by_number.get(number) != round_.get("revision_hash"):
            result.problems.append(
                f"De vaststellingsronde voor versie {number} noemt een hash die niet bij die "
                "versie hoort."
            )
        for approval in round_.get("approvals", []):
            if approval.get("revision_hash") != round_.get("revision_hash"):
                result.problems.append(
                    f"Het besluit van {approval.get('party_name', '?')} hoort niet bij de "
                    f"versie ({number}) waarover het gaat."
                )
    newest = result.documents.get(len(rows))
    if newest is not None and not result.problems:
        try:
            Agreement.model_validate(newest)
        except ValidationError:
            result.problems.append("De nieuwste versie is geen geldig document.")
    return result
