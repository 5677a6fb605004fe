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
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

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


# -- the shape of the data -----------------------------------------------------------------
# Checked before anything is read from it, so a hostile or damaged archive is refused with a
# Dutch message instead of failing half-way; the lengths are those of the database columns.

Text = Annotated[str, Field(max_length=300)]
Name = Annotated[str, Field(max_length=150)]
Hash = Annotated[str, Field(max_length=64)]
Moment = Annotated[str, Field(max_length=40)]


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=False)


class _Encoded(_Part):
    @field_validator("payload", "data", check_fields=False)
    @classmethod
    def _base64(cls, value: str) -> str:
        try:
            unb64(value)
        except (ValueError, UnicodeEncodeError):
            raise ValueError("geen geldige base64") from None
        return value


class _Revision(_Encoded):
    number: int
    parent_hash: Hash
    author: Name | None = None
    author_name: Text
    created_at: Moment
    message: Annotated[str, Field(max_length=500)]
    section: Annotated[str, Field(max_length=40)] = ""
    content_hash: Hash
    hash: Hash
    kind: Literal["snapshot", "patch"]
    payload: str
    merged_from: int | None = None
    restored_from: int | None = None


class _Approval(_Part):
    party_id: Annotated[str, Field(max_length=64)]
    party_name: Text
    decision: Literal["approved", "rejected"]
    note: Annotated[str, Field(max_length=2000)] = ""
    user: Name | None = None
    user_name: Text
    decided_at: Moment
    revision_hash: Hash


class _Round(_Part):
    revision_number: int
    revision_hash: Hash
    parties: dict[Annotated[str, Field(max_length=64)], Text]
    proposed_by: Name | None = None
    proposed_at: Moment | None = None
    status: Literal["open", "adopted", "voided"]
    closed_at: Moment | None = None
    voided_by_revision: int | None = None
    void_reason: Text = ""
    approvals: list[_Approval] = []


class _Comment(_Part):
    id: int
    thread: int | None = None
    section: Annotated[str, Field(max_length=40)]
    author: Name | None = None
    body: Annotated[str, Field(max_length=5000)]
    created_at: Moment | None = None
    revision_number: int
    resolved_at: Moment | None = None
    resolved_by: Name | None = None


class _Attachment(_Encoded):
    name: Annotated[str, Field(max_length=120)]
    content_type: Annotated[str, Field(max_length=60)] = ""
    sha256: Hash = ""
    data: str
    uploaded_by: Name | None = None
    created_at: Moment | None = None


class _AuditRow(_Part):
    actor: Name | None = None
    action: Annotated[str, Field(max_length=60)]
    revision_number: int | None = None
    details: dict[str, Any] = {}
    created_at: Moment | None = None


class _Person(_Part):
    username: Name
    first_name: Name = ""
    last_name: Name = ""


class _Programme(_Part):
    name: Text = ""
    public: bool = False
    created_by: Name | None = None


class _Data(_Part):
    schema_version: str
    programme: _Programme
    people: list[_Person] = []
    revisions: list[_Revision]
    rounds: list[_Round] = []
    comments: list[_Comment] = []
    attachments: list[_Attachment] = []
    audit: list[_AuditRow] = []


_PARTS = {
    "programme": "de programmagegevens",
    "people": "de personen",
    "revisions": "de versies",
    "rounds": "de vaststellingsrondes",
    "comments": "de opmerkingen",
    "attachments": "de bijlagen",
    "audit": "het logboek",
}


def _shape_problem(error: ValidationError) -> str:
    first = error.errors()[0]
    loc = [str(part) for part in first["loc"]]
    where = _PARTS.get(loc[0], "de gegevens") if loc else "de gegevens"
    if len(loc) > 1 and loc[1].isdigit():
        where += f" (nummer {int(loc[1]) + 1}"
        where += f", veld '{loc[-1]}')" if len(loc) > 2 else ")"
    return (
        f"Het archief is beschadigd of onvolledig: {where} ontbreekt, is te lang of heeft niet "
        "de goede vorm. Er is niets ingelezen."
    )


def _json(body: bytes, what: str) -> Any:
    """Parsed JSON; a Dutch ArchiveError for anything that is not (deep nesting included)."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        raise ArchiveError(f"Het archief is beschadigd: {what} is geen geldige JSON.") from None


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
            manifest_bytes = archive.read(MANIFEST)
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
        raise ArchiveError(
            "Het archief is beschadigd of geen zip-bestand; het kan niet worden geopend."
        ) from exc
    manifest = _json(manifest_bytes, "het manifest")
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
    data = _json(body, "het gegevensbestand")
    if not isinstance(data, dict):
        raise ArchiveError("Het archief is beschadigd: de gegevens hebben niet de goede vorm.")
    schema = data.get("schema_version")
    if schema not in SUPPORTED_SCHEMA_VERSIONS:
        raise ArchiveError(
            f"Dit archief gebruikt documentversie {schema}, die deze versie van Stramien niet "
            "kent; werk Stramien bij om het te openen."
        )
    if _holds_nul(data):
        raise ArchiveError(
            "Het archief bevat een tekst met het nulteken (U+0000); dat kan niet worden "
            "opgeslagen. Er is niets ingelezen."
        )
    try:
        _Data.model_validate(data)
    except ValidationError as exc:
        raise ArchiveError(_shape_problem(exc)) from None
    return data


def _holds_nul(value: Any) -> bool:
    """True when a key or text anywhere in ``value`` contains U+0000 (PostgreSQL refuses it)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


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
        except (KeyError, TypeError, ValueError, RecursionError):
            result.problems.append(
                f"Versie {expected_number} is onleesbaar: de opgeslagen inhoud is beschadigd."
            )
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
    for position, attachment in enumerate(data.get("attachments", []), start=1):
        if hashlib.sha256(unb64(attachment["data"])).hexdigest() != attachment.get("sha256"):
            result.problems.append(
                f"Bijlage {position} ({attachment.get('name', '?')}) klopt niet met haar "
                "controlesom."
            )
    newest = result.documents.get(len(rows))
    if newest is not None and not result.problems:
        try:
            Agreement.model_validate(newest)
        except ValidationError:
            result.problems.append("De nieuwste versie is geen geldig document.")
    return result
