"""Shared pytest setup for the renderer tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stramien.render import _cache, clear_caches


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "libreoffice: opens the files in LibreOffice (skipped when not installed)"
    )


@pytest.fixture(autouse=True)
def _isolated_caches() -> Iterator[None]:
    """Every test starts with empty in-memory caches and no disk cache (whatever
    STRAMIEN_FIGURE_CACHE_DIR says), so no test writes outside its own folders."""
    cache = _cache.FIGURES
    saved = (cache._directory, cache._configured)
    cache.set_directory(None)
    clear_caches()
    yield
    clear_caches()
    cache._directory, cache._configured = saved
