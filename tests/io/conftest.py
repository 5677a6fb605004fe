"""Shared fixtures for the tests of reading and writing documents."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml

import stramien.io._yamltree as yamltree


@pytest.fixture(params=["libyaml", "python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run a test with the C loader and with PyYAML's pure-Python fallback."""
    if request.param == "libyaml":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("PyYAML is gebouwd zonder libyaml")
        monkeypatch.setattr(yamltree, "LOADER", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(yamltree, "LOADER", yaml.SafeLoader)
    yield request.param
