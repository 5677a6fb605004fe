"""Load and save an Agreement as YAML or JSON, refusing bad input with located Dutch problems."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import stat
import uuid
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from stramien.model import Agreement

from ._decode import decode
from ._jsontree import parse_json
from ._limits import line_column
from ._yamltree import parse_yaml
from .errors import DocumentError, Positions, describe_value, fail, problems_from_validation_error

MAX_BYTES = 10 * 1024 * 1024


# --- Loading ---------------------------------------------------------------------------------


def load_agreement(path: str | os.PathLike[str]) -> Agreement:
    """Read an agreement from a .yaml, .yml or .json file (other extensions: YAML)."""
    name = os.fspath(path)
    return _parse(_read_file(name), name)


def loads_agreement(text_or_bytes: str | bytes, filename: str = "<invoer>") -> Agreement:
    """Read an agreement from memory; ``filename`` ending in .json means JSON, else YAML."""
    if isinstance(text_or_bytes, str):
        text = text_or_bytes
        if len(text) > MAX_BYTES:
            raise _too_big(filename)
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise fail(
                filename,
                "De tekst bevat een ongeldig teken (een losse surrogaat) en is dus geen "
                "geldige UTF-8-tekst.",
                line_column(text, exc.start),
            ) from None
    else:
        raw = bytes(text_or_bytes)
    return _parse(raw, filename)


def _parse(raw: bytes, file: str) -> Agreement:
    if len(raw) > MAX_BYTES:
        raise _too_big(file)
    text = decode(raw, file)
    if file.lower().endswith(".json"):
        data, positions = parse_json(text, file)
    else:
        data, positions = parse_yaml(text, file)
    if data is None:
        raise fail(file, "Het bestand is leeg.")
    if not isinstance(data, dict):
        raise fail(
            file,
            "Het document moet een blok met velden zijn (te beginnen met 'programme:'), "
            f"maar het bevat {describe_value(data)}.",
            positions.locate(()),
        )
    return _validate(data, positions, file)


def _validate(data: dict[str, Any], positions: Positions, file: str) -> Agreement:
    try:
        return Agreement.model_validate(data)
    except ValidationError as exc:
        raise DocumentError(problems_from_validation_error(exc, file, data, positions)) from None


def _too_big(file: str) -> DocumentError:
    return fail(
        file,
        f"Het bestand is te groot: meer dan {MAX_BYTES // (1024 * 1024)} MB. Een overeenkomst "
        "is veel kleiner; controleer of dit het juiste bestand is.",
    )


# Why a file cannot be read or written, per errno name (not every OS has every name).
_OS_REASONS = {
    "ENOENT": "het bestand of de map bestaat niet",
    "ENOTDIR": "een deel van het pad is geen map",
    "EACCES": "je hebt geen toegang",
    "EPERM": "je hebt geen toegang",
    "EISDIR": "dit is een map, geen bestand",
    "ENOSPC": "de schijf is vol",
    "EDQUOT": "je ruimte op de schijf is op",
    "EROFS": "de schijf is alleen-lezen",
    "ELOOP": "het pad bevat een kring van symbolische koppelingen",
    "ENAMETOOLONG": "de naam of het pad is te lang",
    "EMFILE": "er staan te veel bestanden tegelijk open",
    "ENFILE": "er staan te veel bestanden tegelijk open",
    "EIO": "de schijf gaf een lees- of schrijffout",
    "ENXIO": "het apparaat is niet bereikbaar",
    "ENODEV": "het apparaat is niet bereikbaar",
    "EBUSY": "het bestand is in gebruik",
    "ETXTBSY": "het bestand is in gebruik",
    "EAGAIN": "het bestand is even niet beschikbaar; probeer het opnieuw",
    "EINVAL": "dit soort bestand kan niet gelezen worden",
    "ENOMEM": "er is te weinig geheugen",
    "EFBIG": "het bestand is te groot",
    "ETIMEDOUT": "de schijf of de verbinding reageerde niet op tijd",
}


def _os_reason(exc: OSError) -> str:
    code = errno.errorcode.get(exc.errno or 0)
    if code in _OS_REASONS:
        return _OS_REASONS[code]
    # The operating system's own text may be in English: give its code instead.
    return f"het besturingssysteem meldt foutcode {code or exc.errno}"


def _read_file(name: str) -> bytes:
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise fail(name, "Dit is een map, geen bestand.")
        if info.st_size > MAX_BYTES:
            raise _too_big(name)
        with open(name, "rb") as handle:
            # Read one byte more than allowed: special files do not report their size.
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise fail(name, "Het bestand bestaat niet.") from None
    except OSError as exc:
        raise fail(name, f"Het bestand kan niet gelezen worden: {_os_reason(exc)}.") from None


# --- Saving ----------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style, list items indented under their key, multi-line text as a literal block."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = None
    if any(char in value for char in "\x85\u2028\u2029"):
        # YAML readers turn these into ordinary line breaks inside a block; quoting keeps them.
        style = '"'
    elif "\n" in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _document(agreement: Agreement) -> dict[str, Any]:
    data = agreement.model_dump(mode="json", exclude_defaults=True)
    data.pop("schema_version", None)
    return {"schema_version": agreement.schema_version, **data}


def _restore_dates(model: BaseModel, dumped: dict[str, Any]) -> None:
    """Put real dates back where JSON mode made strings, so YAML writes them unquoted."""

    def restore(value: Any, container: Any, key: Any) -> None:
        if isinstance(value, dt.date):
            container[key] = value
        elif isinstance(value, BaseModel) and isinstance(container[key], dict):
            _restore_dates(value, container[key])
        elif isinstance(value, list) and isinstance(container[key], list):
            for index, item in enumerate(value):
                restore(item, container[key], index)

    for name in dumped:
        if name in type(model).model_fields:
            restore(getattr(model, name), dumped, name)


def dump_yaml(agreement: Agreement) -> str:
    """The agreement as YAML text: compact (no default values), fields in schema order."""
    data = _document(agreement)
    _restore_dates(agreement, data)
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
        indent=2,
    )


def dump_json(agreement: Agreement) -> str:
    """The agreement as JSON text: compact (no default values), fields in schema order."""
    return json.dumps(_document(agreement), ensure_ascii=False, indent=2) + "\n"


def save_agreement(agreement: Agreement, path: str | os.PathLike[str]) -> None:
    """Write the agreement to ``path`` (.json: JSON, otherwise YAML), replacing it atomically."""
    name = os.fspath(path)
    text = dump_json(agreement) if name.lower().endswith(".json") else dump_yaml(agreement)
    try:
        _write_atomic(name, text.encode("utf-8"))
    except OSError as exc:
        raise fail(name, f"Het bestand kan niet opgeslagen worden: {_os_reason(exc)}.") from exc


def _write_atomic(name: str, data: bytes) -> None:
    directory, base = os.path.split(os.path.abspath(name))
    temporary = os.path.join(directory, f".{base}.{uuid.uuid4().hex}.tmp")
    # os.open with 0o666 lets the umask decide, as for any new file.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(os.stat(name).st_mode))
        os.replace(temporary, name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
