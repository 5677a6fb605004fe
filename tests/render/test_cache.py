"""The figure and document caches (memory and disk), and what they must never do: serve a
stale figure or document, give other bytes than a fresh render, crash on a bad disk entry,
write outside their directory, or grow without bound."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hostile import poison

import picture_files as pictures
from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.render import (
    RevisionMeta,
    _cache,
    _graphviz,
    _vega,
    build_document,
    cached,
    clear_caches,
    content_hash,
    figures,
    render,
    set_cache_dir,
)
from stramien.render import pdf as pdf_module
from stramien.render.blocks import Figure

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def small() -> Agreement:
    return load_agreement(EXAMPLES / "small.yaml")


@pytest.fixture
def disk(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    set_cache_dir(folder)
    return folder


class EngineCalls:
    """Counts real engine runs (cache misses) and can forbid them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        self.forbidden = False
        for module, name in (
            (_graphviz, "_layout"),
            (_vega, "_vegalite_svg"),
            (_vega, "_svg_to_png"),
        ):
            monkeypatch.setattr(module, name, self._counting(getattr(module, name)))

    def _counting(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            assert not self.forbidden, "an engine ran although everything was cached"
            self.count += 1
            return function(*args, **kwargs)

        return counted


@pytest.fixture
def engines(monkeypatch: pytest.MonkeyPatch) -> EngineCalls:
    return EngineCalls(monkeypatch)


def entries(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.name.endswith(".bin"))


def drawn(agreement: Agreement) -> list[Figure]:
    found = [figure for figure in (f(agreement) for f in SINGLE) if figure is not None]
    return found + figures.kpi_charts(agreement)


SINGLE = (
    figures.goal_tree,
    figures.organogram,
    figures.participation_matrix,
    figures.phasing_gantt,
    figures.budget_chart,
    figures.risk_heatmap,
)


# -- figure cache ---------------------------------------------------------------------------


def test_a_changed_field_gives_a_new_figure(small: Agreement, engines: EngineCalls) -> None:
    before = figures.risk_heatmap(small)
    assert before is not None and engines.count == 1
    changed = small.model_copy(deep=True)
    risk = changed.risks.items[0]
    risk.likelihood = risk.likelihood % 5 + 1
    after = figures.risk_heatmap(changed)
    assert after is not None and engines.count == 2
    assert after.svg != before.svg
    # And back: the first drawing again, from the cache.
    again = figures.risk_heatmap(small)
    assert engines.count == 2
    assert again == before


def test_cache_hits_give_identical_bytes(
    small: Agreement, disk: Path, engines: EngineCalls
) -> None:
    fresh = drawn(small)
    png = figures.svg_to_png(fresh[0].svg)
    misses = engines.count
    assert misses >= 8 and len(entries(disk)) == misses
    engines.forbidden = True
    assert drawn(small) == fresh  # from memory
    clear_caches()
    assert drawn(small) == fresh  # from disk, as a new process would
    assert figures.svg_to_png(fresh[0].svg) == png


def test_a_new_process_reuses_the_disk_cache(small: Agreement, disk: Path) -> None:
    svg = figures.goal_tree(small)
    assert svg is not None
    script = (
        "import sys; from stramien.io import load_agreement; from stramien.render import "
        "_graphviz, figures\n"
        "def fail(*args): raise SystemExit('drawn again')\n"
        "_graphviz._layout = fail\n"
        "sys.stdout.write(figures.goal_tree(load_agreement(sys.argv[1])).svg)"
    )
    env = {**os.environ, _cache.ENV_DIR: str(disk)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(EXAMPLES / "small.yaml")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert done.stdout == svg.svg


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "empty", "wrong key", "payload changed", "directory", "symlink"],
)
def test_a_bad_disk_entry_is_ignored_and_rebuilt(
    small: Agreement, disk: Path, tmp_path: Path, damage: str
) -> None:
    fresh = figures.risk_heatmap(small)
    assert fresh is not None
    (entry,) = entries(disk)
    data = entry.read_bytes()
    outside = tmp_path / "outside.bin"
    outside.write_bytes(data)
    entry.unlink()
    if damage == "garbage":
        entry.write_bytes(os.urandom(512))
    elif damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "wrong key":
        other = "0" * 64
        header, _, payload = data.partition(b"\n")
        entry.write_bytes(header.replace(entry.stem.encode(), other.encode()) + b"\n" + payload)
    elif damage == "payload changed":
        entry.write_bytes(data.replace(b"<svg", b"<svg data-evil='1'", 1))
    elif damage == "directory":
        entry.mkdir()
    elif damage == "symlink":
        entry.symlink_to(outside)  # a valid entry, but only reachable through a link
    clear_caches()
    again = figures.risk_heatmap(small)
    assert again == fresh
    if damage != "directory":
        # Rebuilt: a good regular file again, read back without drawing.
        assert entry.is_file() and not entry.is_symlink()
        assert entry.read_bytes() == data
    assert outside.read_bytes() == data  # the link target was not touched


def test_an_unusable_cache_directory_only_costs_time(small: Agreement, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    set_cache_dir(blocker)
    fresh = figures.risk_heatmap(small)
    set_cache_dir(blocker / "below-a-file")
    clear_caches()
    assert figures.risk_heatmap(small) == fresh
    assert blocker.read_text() == "x"


def test_cache_files_never_escape_the_cache_dir(small: Agreement, tmp_path: Path) -> None:
    # Deep inside the sandbox, so that a path climbing out of it would land in the sandbox.
    disk = tmp_path / "a" / "b" / "cache"
    set_cache_dir(disk)
    hostile = poison(small)
    hostile.programme.name = "../../../etc/passwd"
    hostile.risks.items[0].id = "../../escape"
    for figure in drawn(hostile):
        figures.svg_to_png(figure.svg, scale=0.5)
    created = {path for path in tmp_path.rglob("*") if path.is_file()}
    assert created, "nothing was cached"
    for path in created:
        assert path.parent == disk, path
        assert len(path.stem) == 64 and path.suffix == ".bin", path
    assert {path.name for path in tmp_path.rglob("*") if path.is_dir()} == {"a", "b", "cache"}


def test_keys_must_be_digests() -> None:
    for key in ("../x", "A" * 64, "0" * 63, "0" * 63 + "/"):
        with pytest.raises(ValueError):
            _cache.FIGURES.get_or_make(key, lambda: b"")


def test_memory_cache_is_bounded() -> None:
    lru = _cache.LruBytes(max_bytes=10, max_item_bytes=6)
    lru.put("a", b"1234")
    lru.put("b", b"1234")
    assert lru.get("a") == b"1234"  # now the most recent
    lru.put("c", b"1234")
    assert lru.get("b") is None and lru.get("a") is not None and lru.get("c") is not None
    lru.put("d", b"1234567")  # larger than an item may be: not kept
    assert lru.get("d") is None and len(lru) == 2


def test_environment_variable_sets_the_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(_cache.ENV_DIR, str(tmp_path))
    assert _cache.CacheDirectory().path == tmp_path
    monkeypatch.setenv(_cache.ENV_DIR, "")
    assert _cache.CacheDirectory().path is None
    # The older name is read when the new one is not set at all.
    monkeypatch.delenv(_cache.ENV_DIR)
    monkeypatch.setenv(_cache.LEGACY_ENV_DIR, str(tmp_path / "old"))
    assert _cache.CacheDirectory().path == tmp_path / "old"


# -- documents -----------------------------------------------------------------------------


def test_markdown_draws_nothing_and_loses_nothing(
    small: Agreement, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_drawing = render(small, "md")
    clear_caches()

    def refuse(*args: object) -> str:
        raise AssertionError("Markdown drew a figure")

    monkeypatch.setattr(_graphviz, "_layout", refuse)
    monkeypatch.setattr(_vega, "_vegalite_svg", refuse)
    assert render(small, "md") == with_drawing
    document = build_document(small, draw_figures=False)
    blank = [block for block in document.blocks if isinstance(block, Figure)]
    assert blank and all(block.svg == "" and block.alt and block.title for block in blank)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt", "html", "md"])
def test_cached_results_equal_fresh_renders(small: Agreement, fmt: str) -> None:
    first = render(small, fmt)
    assert render(small, fmt) is first  # kept in memory
    clear_caches()
    assert render(small, fmt) == first  # and made again: the same bytes


def test_result_cache_tells_inputs_apart(small: Agreement) -> None:
    plain = render(small, "html")
    meta = RevisionMeta(status="vastgesteld", revision="3", hash=content_hash(small))
    with_meta = render(small, "html", meta)
    assert with_meta != plain
    assert render(small, "html", RevisionMeta(revision="4", hash=meta.hash)) != with_meta
    changed = small.model_copy(deep=True)
    changed.programme.summary += " Nog een zin."
    assert b"Nog een zin." in render(changed, "html")
    assert b"Nog een zin." not in render(small, "html")
    assert render(small, "html", attachments={"x.png": b"1"}) is not render(
        small, "html", attachments={"x.png": b"2"}
    )


def test_documents_on_disk_serve_a_new_process(
    small: Agreement, disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meta = RevisionMeta(status="concept", revision="versie 2", hash=content_hash(small))
    first = render(small, "pdf", meta)
    clear_caches()  # as a new process: nothing in memory

    def refuse(*args: object) -> bytes:
        raise AssertionError("made again although it was on disk")

    monkeypatch.setattr(pdf_module, "render_pdf", refuse)
    assert render(small, "pdf", meta) == first
    assert cached(small, "pdf", meta) == first
    # Another revision's metadata or another format is another document.
    assert cached(small, "pdf", RevisionMeta(revision="versie 3", hash=meta.hash)) is None
    assert cached(small, "docx", meta) is None


def test_documents_of_other_code_are_not_served(
    small: Agreement, disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    render(small, "html")
    clear_caches()
    monkeypatch.setattr(_cache, "code_fingerprint", lambda: "0" * 64)  # an upgraded Stramien
    assert cached(small, "html") is None


def test_the_disk_stays_under_its_maximum(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    directory = _cache.CacheDirectory()
    directory.set(folder)
    directory.set_max_bytes(10_000)
    keys = [_cache.digest([str(number)]) for number in range(12)]
    for number, key in enumerate(keys):
        directory.write(key, bytes(1000))
        os.utime(folder / f"{key}.bin", (1000 + number, 1000 + number))  # in order of use
    other = folder / "notes.txt"  # not ours: never counted, never removed
    other.write_bytes(bytes(50_000))
    directory.write(_cache.digest(["last"]), bytes(1000))
    sizes = sum(path.stat().st_size for path in entries(folder))
    assert sizes <= 10_000
    assert directory.read(_cache.digest(["last"])) == bytes(1000)
    assert directory.read(keys[-1]) == bytes(1000)  # recently used: kept
    assert directory.read(keys[0]) is None  # used longest ago: gone
    assert other.read_bytes() == bytes(50_000)


def test_an_unchanged_file_is_not_read_again(
    tmp_path: Path, disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stramien import cli

    folder = tmp_path / "programme"
    folder.mkdir()
    source = folder / "programma.yaml"
    text = (EXAMPLES / "small.yaml").read_text(encoding="utf-8")
    agreement = load_agreement(EXAMPLES / "small.yaml")
    image = agreement.realisation.artist_impression
    assert image is not None
    source.write_text(text, encoding="utf-8")
    assert cli.main(["render", str(source), "--format", "html", "-o", str(tmp_path / "a")]) == 0
    clear_caches()

    def refuse(*args: object) -> Agreement:
        raise AssertionError("the file was read again")

    monkeypatch.setattr("stramien.io.load_agreement", refuse)
    assert cli.main(["render", str(source), "--format", "html", "-o", str(tmp_path / "b")]) == 0
    assert (tmp_path / "b").read_bytes() == (tmp_path / "a").read_bytes()
    monkeypatch.undo()
    set_cache_dir(disk)

    # The picture it names appears: a new document, with the picture in it.
    (folder / image.file).write_bytes(pictures.png())
    assert cli.main(["render", str(source), "--format", "html", "-o", str(tmp_path / "c")]) == 0
    assert (tmp_path / "c").read_bytes() != (tmp_path / "a").read_bytes()
    assert b"data:image/" in (tmp_path / "c").read_bytes()
    # One word changed in the file: made again.
    source.write_text(text.replace(agreement.programme.name, "Een andere naam", 1), "utf-8")
    assert cli.main(["render", str(source), "--format", "html", "-o", str(tmp_path / "d")]) == 0
    assert b"Een andere naam" in (tmp_path / "d").read_bytes()
    # --no-cache neither reads nor writes the cache.
    before = entries(disk)
    source.write_text(text.replace(agreement.programme.name, "Nog een naam", 1), "utf-8")
    target = tmp_path / "e"
    assert cli.main(["render", str(source), "--format", "md", "--no-cache", "-o", str(target)]) == 0
    assert entries(disk) == before


def test_a_file_changed_while_it_renders_is_made_again(
    tmp_path: Path, disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stramien.render
    from stramien import cli

    source = tmp_path / "programma.yaml"
    text = (EXAMPLES / "small.yaml").read_text(encoding="utf-8")
    name = load_agreement(EXAMPLES / "small.yaml").programme.name
    source.write_text(text, encoding="utf-8")
    real = stramien.render.render

    def render_and_edit(*args: Any, **kwargs: Any) -> bytes:
        made = real(*args, **kwargs)
        source.write_text(text.replace(name, "Gewijzigd terwijl het werd gemaakt", 1), "utf-8")
        return made

    monkeypatch.setattr(stramien.render, "render", render_and_edit)
    assert cli.main(["render", str(source), "--format", "md", "-o", str(tmp_path / "a")]) == 0
    monkeypatch.undo()
    set_cache_dir(disk)
    assert cli.main(["render", str(source), "--format", "md", "-o", str(tmp_path / "b")]) == 0
    assert b"Gewijzigd terwijl het werd gemaakt" in (tmp_path / "b").read_bytes()


def test_pdf_after_another_pdf_equals_a_fresh_process(small: Agreement) -> None:
    """typst reuses the layout of the previous render; the bytes must not show it."""
    changed = small.model_copy(deep=True)
    changed.programme.summary += " Een zin erbij die de regelval verschuift, en nog wat woorden."
    changed.risks.items[0].description = "Anders omschreven."
    render(small, "pdf")
    in_process = render(changed, "pdf")
    script = (
        "import pickle, sys; from stramien.render import render\n"
        "sys.stdout.buffer.write(render(pickle.loads(sys.stdin.buffer.read()), 'pdf'))"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", script], input=pickle.dumps(changed), capture_output=True, check=True
    ).stdout
    assert in_process == fresh


# -- helpers -------------------------------------------------------------------------------


def test_pdf_text_filter_matches_its_definition() -> None:
    for code in range(0x110000):
        char = chr(code)
        assert bool(pdf_module._DROPPED.fullmatch(char)) == pdf_module._dropped(char), hex(code)


def test_raster_scale_stops_at_600_dpi() -> None:
    wide = '<svg xmlns="http://www.w3.org/2000/svg" width="5000pt" height="100pt"></svg>'
    narrow = '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="500"></svg>'
    unknown = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>'
    scale = figures.raster_scale(wide, 16.0)
    assert 5000 * 96 / 72 * scale == pytest.approx(16 / 2.54 * figures.RASTER_DPI, rel=1e-3)
    assert figures.raster_scale(narrow, 16.0) == 2.0
    assert figures.raster_scale(unknown, 16.0) == 2.0
