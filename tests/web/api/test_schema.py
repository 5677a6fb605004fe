"""The published OpenAPI description: valid OpenAPI 3 (openapi-spec-validator) and free of
errors under our Spectral ruleset for the NL API Design Rules (tests/api/), which is shown
to catch violations on a bad example."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

HERE = Path(__file__).resolve().parents[2] / "api"
RULESET = HERE / "nlgov-api-design-rules.yaml"
BAD = HERE / "bad-openapi.json"
#: The Spectral CLI the check runs, installed from npm on first use (pinned).
SPECTRAL_VERSION = "6.15.0"


def published() -> dict[str, Any]:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema: dict[str, Any] = response.json()
    return schema


def spectral() -> Path:
    """The spectral executable, installed into a cache folder outside the repository."""
    root = Path(
        os.environ.get("STRAMIEN_TEST_NPM_CACHE", Path.home() / ".cache" / "stramien-test-npm")
    )
    folder = root / f"spectral-{SPECTRAL_VERSION}"
    binary = folder / "node_modules" / ".bin" / "spectral"
    if binary.exists():
        return binary
    npm = shutil.which("npm")
    if npm is None:
        if os.environ.get("CI"):
            pytest.fail("npm is needed in CI to run the NL API Design Rules check")
        pytest.skip("npm is not installed; the Spectral check runs in CI")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            npm,
            "install",
            "--no-audit",
            "--no-fund",
            "--silent",
            f"@stoplight/spectral-cli@{SPECTRAL_VERSION}",
        ],
        cwd=folder,
        check=True,
        timeout=600,
    )
    return binary


def lint(path: Path) -> list[dict[str, Any]]:
    result = subprocess.run(
        [str(spectral()), "lint", "-r", str(RULESET), "-f", "json", "--quiet", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout.strip()
    start = output.find("[")
    assert start >= 0, result.stdout + result.stderr
    found: list[dict[str, Any]] = json.loads(output[start : output.rfind("]") + 1])
    return found


def test_the_schema_is_valid_openapi() -> None:
    schema = published()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert schema["servers"][0]["url"].endswith("/api/v1")
    paths = set(schema["paths"])
    assert "/programmes/{slug}/revisions/{number}/documents/{fileFormat}" in paths
    assert all(not path.endswith("/") for path in paths)


def test_the_schema_keeps_the_design_rules(tmp_path: Path) -> None:
    target = tmp_path / "openapi.json"
    target.write_text(json.dumps(published()), encoding="utf-8")
    errors = [r for r in lint(target) if r["severity"] == 0]
    assert errors == []


def test_the_ruleset_catches_violations() -> None:
    codes = {r["code"] for r in lint(BAD) if r["severity"] == 0}
    assert {
        "stramien-path-segments-kebab-case",
        "stramien-path-without-trailing-slash",
        "stramien-success-has-api-version-header",
        "stramien-errors-are-problem-json",
        "stramien-problem-has-status-title-detail",
        "stramien-query-keys-lower-camel-case",
        "stramien-input-can-answer-400",
        "stramien-info-has-contact",
        "stramien-info-version-semver",
        "stramien-server-url-has-major-version",
        "stramien-standard-http-methods",
        "stramien-date-fields-are-date",
        "stramien-no-time-without-zone",
    } <= codes
