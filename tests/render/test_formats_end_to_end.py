"""The real pipeline: example agreement -> every format -> read back as a user's tool would."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import odfdo
import pytest
from hostile import MARKERS, poison
from pypdf import PdfReader

import picture_files as pictures
from stramien.cli import main
from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.render import RevisionMeta, content_hash, render

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SECTIONS = (
    "§1 Maatschappelijke ambitie",
    "§2 Samenwerkingsverband",
    "§3 Visualisatie van de realisatie",
    "§4 Programma-opzet en organisatie",
    "§5 Bijlagen",
    "Ondertekening",
)


@pytest.fixture(scope="module")
def small() -> Agreement:
    return load_agreement(EXAMPLES / "small.yaml")


def text_of(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return " ".join([p.text for p in document.paragraphs] + cells)
    if fmt == "odt":
        return str(odfdo.Document(io.BytesIO(data)).body.text_recursive)
    return data.decode("utf-8")


@pytest.fixture(scope="module")
def outputs(small: Agreement) -> dict[str, bytes]:
    meta = RevisionMeta(hash=content_hash(small))
    return {fmt: render(small, fmt, meta) for fmt in ("pdf", "docx", "odt", "html", "md")}


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt", "html", "md"])
def test_every_section_and_partner_is_in_every_format(
    small: Agreement, outputs: dict[str, bytes], fmt: str
) -> None:
    text = " ".join(text_of(fmt, outputs[fmt]).split())
    if fmt == "md":
        text = text.replace("\\", "")
    for section in SECTIONS:
        assert section in text, section
    for partner in small.partnership.partners:
        assert " ".join(partner.name.split()) in text
    assert content_hash(small)[:12] in text


def test_pdf_is_pdfa_with_page_numbers(outputs: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(outputs["pdf"]))
    pages = len(reader.pages)
    assert pages > 5
    assert f"pagina 2 van {pages}" in reader.pages[1].extract_text()
    xmp = reader.xmp_metadata
    assert xmp is not None and xmp.pdfaid_part == "2"  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def hostile_outputs(small: Agreement) -> dict[str, bytes]:
    evil = poison(small)
    return {fmt: render(evil, fmt) for fmt in ("pdf", "docx", "odt")}


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt"])
def test_hostile_text_in_every_field_is_rendered_literally(
    hostile_outputs: dict[str, bytes], fmt: str
) -> None:
    text = " ".join(text_of(fmt, hostile_outputs[fmt]).split())
    for marker in MARKERS:
        if fmt == "pdf" and marker == "🚲🌱":
            continue  # the embedded PDF/A fonts have no emoji; they become U+FFFD
        assert marker in text, marker
    assert "root:x:0:0" not in text


def test_cli_writes_the_file_next_to_the_input(tmp_path: Path) -> None:
    source = tmp_path / "programma.yaml"
    source.write_bytes((EXAMPLES / "small.yaml").read_bytes())
    assert main(["render", str(source), "--format", "html"]) == 0
    assert (tmp_path / "programma.html").read_bytes().startswith(b"<!DOCTYPE html>")
    assert main(["render", str(source), "--format", "md", "-o", str(tmp_path / "x.md")]) == 0
    assert (tmp_path / "x.md").exists()


def test_artist_impression_is_read_only_from_beside_the_file(tmp_path: Path) -> None:
    source = tmp_path / "programma.yaml"
    source.write_bytes((EXAMPLES / "small.yaml").read_bytes())
    name = load_agreement(source).realisation.artist_impression.file  # type: ignore[union-attr]
    (tmp_path / name).write_bytes(pictures.png())
    assert main(["render", str(source), "--format", "html"]) == 0
    assert "data:image/png;base64," in (tmp_path / "programma.html").read_text(encoding="utf-8")
