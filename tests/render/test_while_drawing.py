"""PDF, DOCX and ODT written while the figures are drawn (render's Drawing): the very bytes
the finished document gives, also when the document or a figure does not allow it."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.render import RenderError, RevisionMeta, content_hash, figures, render
from stramien.render import pdf as pdf_module
from stramien.render.docx import render_docx
from stramien.render.odt import render_odt
from stramien.render.outline import build_document
from stramien.render.pdf import render_pdf

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WRITERS: dict[str, Callable[..., bytes]] = {
    "pdf": render_pdf,
    "docx": render_docx,
    "odt": render_odt,
}


@pytest.fixture(scope="module")
def small() -> Agreement:
    return load_agreement(EXAMPLES / "small.yaml")


def finished(agreement: Agreement, fmt: str, attachments: dict[str, bytes] | None = None) -> bytes:
    """The file made the ordinary way: the whole document first, then the writer."""
    meta = RevisionMeta(hash=content_hash(agreement))
    return WRITERS[fmt](build_document(agreement, meta, attachments))


def spy_streamed(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each PDF was made while drawing (True) or from the finished document."""
    outcomes: list[bool] = []
    original = pdf_module._render_while_drawing

    def spy(drawing: Any) -> bytes | None:
        found = original(drawing)
        outcomes.append(found is not None)
        return found

    monkeypatch.setattr(pdf_module, "_render_while_drawing", spy)
    return outcomes


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt"])
def test_same_bytes_as_the_finished_document(
    small: Agreement, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    image = (EXAMPLES / "impressie-wijkhart.png").read_bytes()
    attachments = {small.realisation.artist_impression.file: image}  # type: ignore[union-attr]
    streamed = spy_streamed(monkeypatch)
    data = render(small, fmt, attachments=attachments)
    figures.forget_titled()
    assert data == finished(small, fmt, attachments)
    if fmt == "pdf":
        assert streamed == [True]  # typeset while drawing, not made again afterwards


def test_large_example_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    large = load_agreement(EXAMPLES / "large.yaml")
    streamed = spy_streamed(monkeypatch)
    data = render(large, "pdf")
    assert streamed == [True]
    assert data == finished(large, "pdf")
    assert len(PdfReader(io.BytesIO(data)).pages) > 50


def test_text_beyond_the_main_font_is_made_the_ordinary_way(
    small: Agreement, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback fonts (and their checks of every figure) need the finished document."""
    changed = small.model_copy(deep=True)
    changed.goals[0].title = "Samen 漢字 en مرحبا"
    streamed = spy_streamed(monkeypatch)
    data = render(changed, "pdf")
    assert streamed == [False]
    assert data == finished(changed, "pdf")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt"])
def test_a_drawing_unlike_its_sketch_gives_the_finished_document(
    small: Agreement, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a figure's title depend on its drawing, the sketch is not the document."""
    original = figures.DOCUMENT_FIGURES["risk_heatmap"]

    def titled_by_drawing(agreement: Agreement) -> Any:
        found = original(agreement)
        if found is None or not found.svg:
            return found
        return type(found)(found.key, "Getekend", found.alt, found.svg, found.width_cm)

    monkeypatch.setitem(figures.DOCUMENT_FIGURES, "risk_heatmap", titled_by_drawing)
    streamed = spy_streamed(monkeypatch)
    data = render(small, fmt)
    assert data == finished(small, fmt)
    if fmt == "pdf":
        assert streamed == [False]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt"])
def test_a_figure_that_fails_fails_the_render(
    small: Agreement, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(agreement: Agreement) -> Any:
        from stramien.render.figures._common import DRAWING

        if DRAWING.get():
            raise RuntimeError("kapotte grafiek")
        return original(agreement)

    original = figures.DOCUMENT_FIGURES["budget_chart"]
    monkeypatch.setitem(figures.DOCUMENT_FIGURES, "budget_chart", broken)
    with pytest.raises(RuntimeError, match="kapotte grafiek"):
        render(small, fmt)


def test_typst_stopping_early_leaves_no_figure_waiting(
    small: Agreement, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken first figure stops typst before it reads the others: the render ends with
    the error the finished document gives, and no writer is left waiting for typst."""
    original = figures.DOCUMENT_FIGURES["participation_matrix"]

    def broken(agreement: Agreement) -> Any:
        found = original(agreement)
        if found is None or not found.svg:
            return found
        return type(found)(found.key, found.title, found.alt, "<svg kapot", found.width_cm)

    monkeypatch.setitem(figures.DOCUMENT_FIGURES, "participation_matrix", broken)
    before = threading.active_count()
    with pytest.raises(RenderError) as streamed:
        render(small, "pdf")
    with pytest.raises(RenderError) as ordinary:
        finished(small, "pdf")
    assert str(streamed.value) == str(ordinary.value)
    assert threading.active_count() == before
