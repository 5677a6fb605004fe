"""`stramien check` on unreadable files: the Dutch problem, exit code 2, no traceback."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest
from dutch_messages import english_words

from stramien.cli import main

MINIMAL = "programme:\n  name: Oost\n"
FILES = {
    "tab.yaml": (b"programme:\n\tname: Oost\n", ":2:1: Gebruik spaties in plaats van een tab"),
    "inspringing.yaml": (
        b"programme:\n  name: Oost\n region: Zuid\n",
        ":3:2: De YAML-opmaak klopt niet: hier hoort een veldnaam",
    ),
    "escape.yaml": (
        b'programme:\n  name: "C:\\map"\n',
        ":2:12: De YAML-opmaak klopt niet: '\\m' is geen bestaande escape-code",
    ),
    "utf32.yaml": (
        codecs.BOM_UTF32_LE + MINIMAL.encode("utf-32-le"),
        ":1:1: Het bestand is opgeslagen in de tekenset UTF-32 (little-endian).",
    ),
    "utf32.json": (
        '{"programme": {"name": "Oost"}}'.encode("utf-32-be"),
        ":1:1: Het bestand lijkt opgeslagen in de tekenset UTF-32 (big-endian), zonder BOM",
    ),
    "latin1.yaml": ("programme:\n  name: Café\n".encode("latin-1"), ":2:12: Het bestand is geen"),
    "afbeelding.yaml": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        ":1:1: Dit is geen tekstbestand maar een PNG-afbeelding",
    ),
    "getal.json": (
        b'{"programme": {"name": "Oost"}, "x": ' + b"1" * 100_000 + b"}",
        ":1:38: x: Dit getal is te lang: het heeft 100.000 cijfers",
    ),
    "getal.yaml": (
        MINIMAL.encode() + b"  summary: 0x" + b"f" * 100_000 + b"\n",
        ":3:12: programme.summary: Dit getal is te lang",
    ),
}


@pytest.mark.parametrize("name", list(FILES))
def test_check_prints_the_dutch_problem_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    content, expected = FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    code = main(["check", str(path)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert f"{path} is geen geldig Stramien-document" in captured.err
    assert f"{path}{expected}" in captured.err, captured.err
    assert "Traceback" not in captured.err
    assert not english_words(captured.err.split(":", 1)[1]), captured.err


@pytest.mark.parametrize("name", ["tab.yaml", "utf32.yaml", "getal.json", "getal.yaml"])
def test_the_command_itself_shows_no_traceback(tmp_path: Path, name: str) -> None:
    content, expected = FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "stramien.cli", "check", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert f"{path}{expected}" in result.stderr
    assert "Traceback" not in result.stderr
