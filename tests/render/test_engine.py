"""The helper processes of ``stramien render`` (render._engine): the same charts and PNGs
as in-process, and the work done in-process again whenever a helper is not there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stramien.cli import main
from stramien.io import load_agreement
from stramien.render import _engine, _vega, clear_caches
from stramien.render.blocks import Figure
from stramien.render.figures import rasterise
from stramien.render.outline import build_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def helpers() -> Iterator[None]:
    _engine.start(_engine.CHARTS, _engine.RASTER)
    yield
    _engine.stop()


def drawn() -> tuple[list[Figure], dict[str, bytes | Exception]]:
    clear_caches()
    document = build_document(load_agreement(EXAMPLES / "small.yaml"))
    found = [block for block in document.blocks if isinstance(block, Figure)]
    return found, rasterise(found, 2.0, 300)


def test_helpers_draw_the_same_bytes() -> None:
    in_process = drawn()
    _engine.start(_engine.CHARTS, _engine.RASTER)
    try:
        assert _engine.running(_engine.CHARTS) and _engine.running(_engine.RASTER)
        assert drawn() == in_process
    finally:
        _engine.stop()
    assert not _engine.running(_engine.CHARTS)
    figures, pngs = in_process
    assert len(figures) > 5 and all(isinstance(png, bytes) for png in pngs.values())


def test_a_helper_that_dies_leaves_the_work_here(helpers: None) -> None:
    spec = {
        "data": {"values": [{"a": 1}, {"a": 3}]},
        "mark": "bar",
        "encoding": {"y": {"field": "a"}},
    }
    first = _vega.vegalite_svg(spec)
    for helper in list(_engine._helpers.values()):
        assert helper.process is not None
        helper.process.kill()
        helper.process.wait()
    clear_caches()
    assert _vega.vegalite_svg(spec) == first
    assert _vega.svg_to_png(first, 1.0).startswith(b"\x89PNG")


def test_a_chart_the_engine_refuses_fails_as_in_process(helpers: None) -> None:
    broken = {"mark": "bar", "encoding": {"x": {"field": "a", "type": "kwantitatief"}}}
    with pytest.raises(Exception) as by_helper:
        _vega.vegalite_svg(broken)
    _engine.stop()
    clear_caches()
    with pytest.raises(Exception) as here:
        _vega.vegalite_svg(broken)
    assert type(by_helper.value) is type(here.value)
    assert str(by_helper.value) == str(here.value)


def test_render_command_ends_its_helpers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "small.yaml"
    source.write_bytes((EXAMPLES / "small.yaml").read_bytes())
    started: list[tuple[str, ...]] = []
    original = _engine.start

    def spy(*roles: str) -> None:
        started.append(roles)
        original(*roles)

    monkeypatch.setattr(_engine, "start", spy)
    assert main(["render", str(source), "--format", "docx", "--no-cache"]) == 0
    assert started == [(_engine.CHARTS, _engine.RASTER)]
    assert not _engine._helpers
    assert source.with_suffix(".docx").stat().st_size > 10_000
