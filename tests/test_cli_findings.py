"""`stramien check` says where each finding is both as a path in the file and as the forms
name it, so a power user and a colleague who only knows the web pages find the same field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from stramien.cli import main

SMALL = Path(__file__).resolve().parents[1] / "examples" / "small.yaml"


def test_check_names_the_field_as_the_forms_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    risk = data["risks"]["items"][0]
    risk["bearer"] = None
    path = tmp_path / "kapot.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "waar: risks.items[0].bearer" in out
    assert "in het formulier: " in out
    line = next(x for x in out.splitlines() if "in het formulier:" in x and risk["title"] in x)
    assert line.rstrip().endswith(f"› {risk['title']} › Risicodrager")
