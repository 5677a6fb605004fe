"""The example agreements offered as templates for a new programme (and for the demo)."""

from __future__ import annotations

from pathlib import Path

from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.render import attachments_beside

EXAMPLES = {"small": "small.yaml", "large": "large.yaml"}


def examples_dir() -> Path:
    """The example programmes: shipped with the package, or beside the source tree."""
    packaged = Path(__file__).resolve().parents[2] / "examples"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[4] / "examples"


def example_agreement(name: str) -> Agreement:
    return load_agreement(examples_dir() / EXAMPLES.get(name, "small.yaml"))


def example_pictures(agreement: Agreement) -> dict[str, bytes]:
    """The pictures an example names (its artist impression), from beside the example."""
    return attachments_beside(agreement, examples_dir())
