"""The command line as a user runs it: output, exit codes, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from stramien.cli import main, rules_catalogue
from stramien.model.reference import field_reference_markdown

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "examples" / "small.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_on_a_complete_agreement_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(SMALL))
    assert code == 0
    assert "§1 Maatschappelijke ambitie (gereed: 100%)" in out
    assert "Samenvatting: 0 fout(en)" in out


def test_check_with_errors_exits_1_and_groups_per_paragraph(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    data["ambition"]["statement"] = ""
    data["risks"]["items"][0]["bearer"] = None
    path = tmp_path / "kapot.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    ambition = out.index("§1 Maatschappelijke ambitie")
    partnership = out.index("§2 Samenwerkingsverband")
    assert ambition < out.index("De maatschappelijke ambitie is nog niet verwoord.") < partnership
    assert "waar: risks.items[0].bearer" in out
    assert "wat te doen:" in out


def test_check_json_has_findings_and_readiness(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "leeg.yaml"
    path.write_text("programme:\n  name: Leeg\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert set(report) >= {"findings", "readiness"}
    assert set(report["readiness"]) == {
        "ambition", "partnership", "realisation", "programme", "organisation", "appendices"
    }  # fmt: skip
    first = report["findings"][0]
    assert {"rule", "severity", "path", "message", "hint"} <= set(first)
    assert {f["severity"] for f in report["findings"]} <= {"error", "warning", "tip"}
    assert any(f["rule"] == "ambition-statement-missing" for f in report["findings"])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"programme: [unclosed\n", "slecht.yaml:2:1: De YAML-opmaak klopt niet"),
        (b"programme:\n  name: x\n  naam: y\n", "naam"),
        (b"\xff\xfe garbage", "UTF-8"),
        (b"- a\n- b\n", "programme"),
    ],
)
def test_unreadable_files_exit_2_with_a_dutch_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "slecht.yaml"
    path.write_bytes(content)
    code, out, err = run(capsys, "check", str(path))
    assert code == 2
    assert out == ""
    assert "geen geldig Stramien-document" in err
    assert expected.lower() in err.lower()
    assert "Traceback" not in err


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "bestaat-niet.yaml"))
    assert code == 2
    assert "bestaat-niet.yaml" in err


def test_new_writes_a_scaffold_that_loads_and_points_at_what_is_missing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "nieuw.yaml"
    assert run(capsys, "new", str(path))[0] == 0
    assert "# §1 Maatschappelijke ambitie" in path.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert "De maatschappelijke ambitie is nog niet verwoord." in out
    assert run(capsys, "new", str(path))[0] == 2  # never overwrites without --force
    assert run(capsys, "new", str(path), "--force")[0] == 0


def test_advise_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "advise", str(SMALL))
    assert code == 0
    assert "Stuurgroep (of algemeen en dagelijks bestuur): in orde" in out
    assert "- Projectteam Samen Zonnehof: 6\n" in out
    assert "Advies: " in out
    code, out, _ = run(capsys, "advise", str(SMALL), "--format", "json")
    advice = json.loads(out)
    assert advice["approach"]["approach"] in {"design", "development", "mixed"}
    assert {item["key"] for item in advice["structure"]} >= {"always:steering_committee"}
    assert advice["project_teams"] == [
        {
            "id": "org-projectteam",
            "name": "Projectteam Samen Zonnehof",
            "kind": "project_team",
            "people": 6,
            "too_large": False,
        }
    ]
    assert advice["complexity"] == []


def test_schema_is_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out)["title"] == "Agreement"


def test_usage_errors_are_dutch_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == 2
    assert "fout in de opdracht" in capsys.readouterr().err


def test_the_installed_command_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stramien.cli", "check", str(SMALL), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["error"] == 0


def test_generated_docs_are_up_to_date() -> None:
    docs = ROOT / "docs"
    assert (docs / "checks.md").read_text(encoding="utf-8") == rules_catalogue(markdown=True)
    assert (docs / "document-format.md").read_text(encoding="utf-8") == field_reference_markdown()


def test_render_names_the_field_whose_character_the_pdf_cannot_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    data["ambition"]["statement"] = "Samen \ue000 sterker, 🌱 城市."
    source = tmp_path / "programma.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["render", str(source), "--format", "pdf", "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "ambition.statement" in err and "U+E000" in err
    assert "🌱" not in err  # the emoji font shows that one
    assert (tmp_path / "programma.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("given", "told"), [("0", "kies 1 of meer"), ("twee", "geen geheel getal")]
)
def test_serve_refuses_a_worker_count_that_is_no_count(
    given: str, told: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["serve", "--workers", given])
    assert caught.value.code == 2
    assert told in capsys.readouterr().err
