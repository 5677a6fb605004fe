"""Files that are not UTF-8 text are named for what they are, in Dutch, with a place."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import pytest
from dutch_messages import assert_dutch, assert_located

from stramien.io import DocumentError, LoadProblem, load_agreement, loads_agreement

YAML = "programme:\n  name: Café Oost\n"
JSON = '{"programme": {"name": "Café Oost"}}'


def only_problem(data: bytes, filename: str = "programma.yaml") -> LoadProblem:
    with pytest.raises(DocumentError) as caught:
        loads_agreement(data, filename)
    [problem] = caught.value.problems
    assert_dutch(problem)
    assert_located(problem)
    return problem


ENCODINGS = [
    ("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32 (little-endian)"),
    ("utf-32-be", codecs.BOM_UTF32_BE, "UTF-32 (big-endian)"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16 (little-endian)"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16 (big-endian)"),
]


@pytest.mark.parametrize(("codec", "bom", "name"), ENCODINGS)
@pytest.mark.parametrize(("text", "filename"), [(YAML, "programma.yaml"), (JSON, "p.json")])
def test_wide_encoding_with_bom_is_named(
    codec: str, bom: bytes, name: str, text: str, filename: str
) -> None:
    problem = only_problem(bom + text.encode(codec), filename)
    assert (problem.line, problem.column) == (1, 1)
    assert f"opgeslagen in de tekenset {name}." in problem.message
    assert "Stramien leest alleen UTF-8" in problem.message
    if "32" in name:
        assert "UTF-16" not in problem.message


@pytest.mark.parametrize(("codec", "bom", "name"), ENCODINGS)
@pytest.mark.parametrize(("text", "filename"), [(YAML, "programma.yaml"), (JSON, "p.json")])
def test_wide_encoding_without_bom_is_named(
    codec: str, bom: bytes, name: str, text: str, filename: str
) -> None:
    problem = only_problem(text.encode(codec), filename)
    assert (problem.line, problem.column) == (1, 1)
    assert f"lijkt opgeslagen in de tekenset {name}, zonder BOM" in problem.message
    if "32" in name:
        assert "UTF-16" not in problem.message


def test_utf16_file_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "programma.yaml"
    path.write_text(YAML, encoding="utf-16")  # with BOM, in the machine's byte order
    with pytest.raises(DocumentError) as caught:
        load_agreement(path)
    assert "UTF-16" in str(caught.value)


@pytest.mark.parametrize(("text", "filename"), [(YAML, "programma.yaml"), (JSON, "p.json")])
def test_utf8_with_bom_loads(text: str, filename: str) -> None:
    agreement = loads_agreement(codecs.BOM_UTF8 + text.encode(), filename)
    assert agreement.programme.name == "Café Oost"


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_latin1_and_cp1252_are_reported_with_line_column_and_byte(codec: str) -> None:
    problem = only_problem(YAML.encode(codec))
    assert (problem.line, problem.column) == (2, 12)
    assert "geen geldige UTF-8-tekst: de byte 0xE9 (byte 23 van het bestand)" in problem.message
    assert "Windows-1252 (of Latin-1) is dat het teken 'é'" in problem.message


def test_cp1252_quotes() -> None:
    problem = only_problem("programme:\n  name: “Oost”\n".encode("cp1252"), "p.yaml")
    assert (problem.line, problem.column) == (2, 9)
    assert "0x93" in problem.message
    assert "het teken '“'" in problem.message


def test_byte_position_counts_the_utf8_bom() -> None:
    problem = only_problem(codecs.BOM_UTF8 + YAML.encode("latin-1"))
    assert (problem.line, problem.column) == (2, 12)
    assert "(byte 26 van het bestand)" in problem.message


@pytest.mark.parametrize("filename", ["programma.yaml", "programma.json"])
def test_nul_byte_is_reported_where_it_is(filename: str) -> None:
    problem = only_problem(b"programme:\n  name: Oo\x00st\n", filename)
    assert (problem.line, problem.column) == (2, 11)
    assert "nul-byte (0x00, byte 22 van het bestand)" in problem.message


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


BINARIES = {
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "een PNG-afbeelding"),
    "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "een JPEG-afbeelding"),
    "gif": (b"GIF89a\x01\x00\x01\x00", "een GIF-afbeelding"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "een PDF-document"),
    "zip": (_zip(), "een ZIP-archief"),
    "gzip": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "een gzip-archief"),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "een ouder Office-bestand"),
    "rtf": (b"{\\rtf1\\ansi programme: x}", "een RTF-document"),
}


@pytest.mark.parametrize("kind", list(BINARIES))
@pytest.mark.parametrize("filename", ["programma.yaml", "programma.json"])
def test_binary_files_are_named(kind: str, filename: str) -> None:
    data, name = BINARIES[kind]
    problem = only_problem(data, filename)
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith(f"Dit is geen tekstbestand maar {name}")


def test_binary_without_known_signature() -> None:
    problem = only_problem(b"programme:\n" + bytes(range(256)))
    assert (problem.line, problem.column) == (2, 1)
    assert "nul-byte" in problem.message


def test_binary_file_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "overeenkomst.yaml"
    path.write_bytes(BINARIES["zip"][0])
    with pytest.raises(DocumentError) as caught:
        load_agreement(path)
    assert str(caught.value).startswith(f"{path}:1:1: Dit is geen tekstbestand maar een ZIP")
