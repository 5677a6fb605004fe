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
    STRAMIEN_RENDER_CACHE_DIR says), so no test writes outside its own folders."""
    directory = _cache.DIRECTORY
    saved = (directory._path, directory._configured, directory._max_bytes)
    directory.set(None)
    clear_caches()
    yield
    clear_caches()
    directory._path, directory._configured, directory._max_bytes = saved
