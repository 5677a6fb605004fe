"""One version number, the same wherever a user or an administrator looks for it: the
changelog, ``stramien --version`` and the footer of the web application."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.test import Client

import stramien

ROOT = Path(__file__).resolve().parents[1]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
SEMVER = r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?"


def _changelog_headings() -> list[str]:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    return re.findall(r"^## (.+)$", text, re.M)


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("-")[0].split("."))


def test_the_package_has_the_version_of_pyproject() -> None:
    assert re.fullmatch(SEMVER, VERSION), f"{VERSION} is not a semantic version"
    assert stramien.__version__ == VERSION


def test_the_changelog_has_a_dated_entry_for_the_current_version() -> None:
    headings = _changelog_headings()
    assert headings[0] == "[Unreleased]", "the changelog starts with what is not released yet"
    releases = []
    for heading in headings[1:]:
        found = re.fullmatch(rf"\[({SEMVER})\] - (\d{{4}}-\d{{2}}-\d{{2}})", heading)
        assert found, f"not a release heading '## [x.y.z] - YYYY-MM-DD': {heading!r}"
        releases.append(found.group(1))
    assert VERSION in releases, f"CHANGELOG.md has no entry for {VERSION}"
    assert releases[0] == VERSION, "the newest release in the changelog is the current version"
    assert releases == sorted(releases, key=_key, reverse=True), "newest release first"


def test_every_release_in_the_changelog_says_what_changed() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    for section in sections:
        title = section.splitlines()[0]
        kinds = re.findall(r"^### (.+)$", section, re.M)
        assert set(kinds) <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
        if title != "[Unreleased]":
            assert re.search(r"^- ", section, re.M), f"{title} lists no change"


def test_stramien_version_prints_the_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stramien.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"stramien {VERSION}"


@pytest.mark.django_db
def test_the_login_page_footer_shows_the_version() -> None:
    page = Client().get("/account/inloggen/")
    assert page.status_code == 200
    footer = page.content.decode().split('<footer class="st-page-footer">', 1)[1]
    assert f"Stramien {VERSION}" in footer.split("</footer>", 1)[0]
