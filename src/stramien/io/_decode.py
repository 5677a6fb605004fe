"""From the bytes of a file to text: UTF-8 only, and a clear Dutch word for anything else.

Stramien reads and writes UTF-8 (with or without BOM). A file in UTF-16 or UTF-32 (Windows
tools write those), in Latin-1 or Windows-1252, or no text at all (an image, a Word file)
is refused with a message that names what it is and how to save it as UTF-8.
"""

from __future__ import annotations

import codecs

from .errors import DocumentError, Position, fail

_SAVE_AS_UTF8 = (
    "Stramien leest alleen UTF-8. Sla het bestand opnieuw op met de tekenset (codering) UTF-8; "
    "in de meeste editors kan dat via 'Opslaan als'."
)

# Byte order marks, longest first: UTF-32 LE starts with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "UTF-32 (little-endian)"),
    (codecs.BOM_UTF32_BE, "UTF-32 (big-endian)"),
    (codecs.BOM_UTF16_LE, "UTF-16 (little-endian)"),
    (codecs.BOM_UTF16_BE, "UTF-16 (big-endian)"),
)

_ZIP = (
    "een ZIP-archief (bijvoorbeeld een Word-, Excel- of OpenDocument-bestand, of een "
    "programma-archief van Stramien: dat lees je in met 'stramien import')"
)
# The first bytes of files people pick by mistake.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "een PNG-afbeelding"),
    (b"\xff\xd8\xff", "een JPEG-afbeelding"),
    (b"GIF87a", "een GIF-afbeelding"),
    (b"GIF89a", "een GIF-afbeelding"),
    (b"II*\x00", "een TIFF-afbeelding"),
    (b"MM\x00*", "een TIFF-afbeelding"),
    (b"%PDF-", "een PDF-document"),
    (b"PK\x03\x04", _ZIP),
    (b"PK\x05\x06", _ZIP),
    (b"PK\x07\x08", _ZIP),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "een ouder Office-bestand (.doc, .xls of .ppt)"),
    (b"{\\rtf", "een RTF-document (uit WordPad of Word)"),
    (b"\x1f\x8b", "een gzip-archief"),
    (b"7z\xbc\xaf\x27\x1c", "een 7-Zip-archief"),
    (b"Rar!\x1a\x07", "een RAR-archief"),
    (b"\xfd7zXZ\x00", "een xz-archief"),
    (b"\x28\xb5\x2f\xfd", "een zstd-archief"),
    (b"SQLite format 3\x00", "een SQLite-database"),
    (b"\x7fELF", "een programma"),
    (b"MZ\x90\x00", "een Windows-programma"),
)


def _position(raw: bytes, offset: int) -> Position:
    """Line and column (in characters) of the byte at ``offset``."""
    line = raw.count(b"\n", 0, offset) + 1
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _wide_encoding(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 without BOM, told by where the zero bytes are (as YAML 1.2 § 5.2)."""
    head = raw[:4]
    if len(head) == 4 and head[:3] == b"\0\0\0" and head[3]:
        return "UTF-32 (big-endian)"
    if len(head) == 4 and head[0] and head[1:] == b"\0\0\0":
        return "UTF-32 (little-endian)"
    if len(head) >= 2 and not head[0] and head[1]:
        return "UTF-16 (big-endian)"
    if len(head) >= 2 and head[0] and not head[1]:
        return "UTF-16 (little-endian)"
    return None


def _codec(name: str) -> str:
    bits, _, order = name.partition(" ")
    return f"{bits.lower()}-{'le' if 'little' in order else 'be'}"


def decode(raw: bytes, file: str) -> str:
    """The text of ``raw``; a DocumentError in Dutch when it is not UTF-8 text."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            raise fail(
                file, f"Het bestand is opgeslagen in de tekenset {name}. " + _SAVE_AS_UTF8, (1, 1)
            )
    skipped = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    raw = raw[skipped:]
    for signature, kind in _SIGNATURES:
        if raw.startswith(signature):
            raise fail(
                file,
                f"Dit is geen tekstbestand maar {kind}. Een overeenkomst is een YAML- of "
                "JSON-bestand (bijvoorbeeld programma.yaml); kies dat bestand.",
                (1, 1),
            )
    zero = raw.find(b"\0")
    if zero >= 0:
        raise _zero_byte(raw, zero, skipped, file)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(raw, exc, skipped, file) from None


def _zero_byte(raw: bytes, offset: int, skipped: int, file: str) -> DocumentError:
    wide = _wide_encoding(raw)
    if wide is not None:
        try:
            raw.decode(_codec(wide))
        except UnicodeDecodeError:
            wide = None
    if wide is not None:
        return fail(
            file,
            f"Het bestand lijkt opgeslagen in de tekenset {wide}, zonder BOM: tussen de tekens "
            "staan nul-bytes. " + _SAVE_AS_UTF8,
            (1, 1),
        )
    return fail(
        file,
        f"Het bestand bevat een nul-byte (0x00, byte {skipped + offset + 1} van het bestand). "
        "Een YAML- of JSON-bestand heeft die nooit: dit is waarschijnlijk geen tekstbestand. "
        "Kies het juiste bestand, of sla het opnieuw op als tekst met de tekenset UTF-8.",
        _position(raw, offset),
    )


def _not_utf8(raw: bytes, exc: UnicodeDecodeError, skipped: int, file: str) -> DocumentError:
    byte = raw[exc.start]
    message = (
        f"Het bestand is geen geldige UTF-8-tekst: de byte 0x{byte:02X} "
        f"(byte {skipped + exc.start + 1} van het bestand) hoort hier niet."
    )
    try:
        as_cp1252 = bytes([byte]).decode("cp1252")
        raw.decode("cp1252")
    except UnicodeDecodeError:
        as_cp1252 = ""
    if as_cp1252.isprintable() and as_cp1252.strip():
        message += (
            f" In de tekenset Windows-1252 (of Latin-1) is dat het teken '{as_cp1252}': het "
            "bestand is waarschijnlijk in die tekenset opgeslagen."
        )
    message += " Sla het bestand op met de tekenset UTF-8."
    return fail(file, message, _position(raw, exc.start))
