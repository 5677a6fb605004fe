"""Deterministic zip containers for the office formats (DOCX, ODT).

The libraries write every entry with the current time and in an order of their own choosing,
so the same document would give different bytes on every run. ``normalise`` rewrites an
archive so that only its contents decide its bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

# The earliest time a zip entry can carry (DOS date).
EPOCH: tuple[int, int, int, int, int, int] = (1980, 1, 1, 0, 0, 0)

_FILE_MODE = 0o100644 << 16
_DIR_MODE = (0o040755 << 16) | 0x10  # Unix mode in the high word, MS-DOS directory bit.
_UNIX = 3


def zip_time(stamp: dt.datetime | None) -> tuple[int, int, int, int, int, int]:
    """The zip date_time for a revision timestamp: UTC when it has a zone, clamped to
    1980..2107 (the range a DOS date can hold), seconds rounded down to even."""
    if stamp is None:
        return EPOCH
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC)
    if stamp.year < 1980:
        return EPOCH
    if stamp.year > 2107:
        return (2107, 12, 31, 23, 59, 58)
    return (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second // 2 * 2)


def normalise(
    zip_bytes: bytes,
    first: tuple[str, ...] = ("mimetype",),
    date_time: tuple[int, int, int, int, int, int] = EPOCH,
) -> bytes:
    """Rewrite a zip archive deterministically.

    Entries named in ``first`` come first, in that order (those absent are skipped); the
    rest follow sorted by name. An entry named ``mimetype`` is STORED (uncompressed), as
    ODF requires for its first entry; directories are STORED too, everything else
    DEFLATED. Every entry gets ``date_time``, Unix as creating system, fixed permissions
    and no comment or extra field.
    """
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as source:
        infos = source.infolist()
        names = [info.filename for info in infos]
        if len(set(names)) != len(names):
            raise ValueError("zip archive holds the same name twice")
        contents = {info.filename: source.read(info) for info in infos}
    return normalise_entries(contents, first, date_time)


def normalise_entries(
    contents: dict[str, bytes],
    first: tuple[str, ...] = ("mimetype",),
    date_time: tuple[int, int, int, int, int, int] = EPOCH,
) -> bytes:
    """The archive :func:`normalise` makes, from its entries (name -> bytes)."""
    leading = [name for name in first if name in contents]
    rest = sorted(name for name in contents if name not in leading)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in (*leading, *rest):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.create_system = _UNIX
            if name.endswith("/"):
                info.external_attr = _DIR_MODE
                info.compress_type = zipfile.ZIP_STORED
            else:
                info.external_attr = _FILE_MODE
                info.compress_type = (
                    zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
                )
            target.writestr(info, contents[name], compresslevel=6)
    return out.getvalue()
