"""Shared pytest setup for the renderer tests."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "libreoffice: opens the files in LibreOffice (skipped when not installed)"
    )
