"""publiccode.yml as a catalogue of public software reads it, and in step with the release.

No maintained Python or npm package ships the standard's schema (its reference validator is
a Go program), so ``problems`` below checks the rules the standard itself documents for
version 0.4 ("The Standard (core)"): the mandatory keys, their types, the allowed values and
the text lengths. Country sections are refused: Stramien is not made for Italy's catalogue.
"""

from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PUBLICCODE = ROOT / "publiccode.yml"

TOP_LEVEL_KEYS = {
    "publiccodeYmlVersion", "name", "applicationSuite", "url", "landingURL", "isBasedOn",
    "softwareVersion", "releaseDate", "logo", "monochromeLogo", "inputTypes", "outputTypes",
    "platforms", "categories", "usedBy", "roadmap", "developmentStatus", "softwareType",
    "intendedAudience", "description", "legal", "maintenance", "localisation", "dependsOn",
}  # fmt: skip
REQUIRED_TOP_LEVEL = (
    "publiccodeYmlVersion", "name", "url", "platforms", "categories", "developmentStatus",
    "softwareType", "description", "legal", "maintenance", "localisation",
)  # fmt: skip
DEVELOPMENT_STATUS = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
    "standalone/backend", "standalone/other", "addon", "library", "configurationFiles",
}  # fmt: skip
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}
# The standard's controlled vocabularies (categories-list and scope-list).
CATEGORIES = {
    "accounting", "agile-project-management", "applicant-tracking", "application-development",
    "appointment-scheduling", "backup", "billing-and-invoicing", "blog", "budgeting",
    "business-intelligence", "business-process-management", "cad", "call-center-management",
    "cloud-management", "collaboration", "communications", "compliance-management",
    "contact-management", "content-management", "crm", "customer-service-and-support",
    "data-analytics", "data-collection", "data-visualization", "design", "design-system",
    "digital-asset-management", "digital-citizenship", "document-management",
    "donor-management", "e-commerce", "e-signature", "educational-content", "email-management",
    "email-marketing", "employee-management", "enterprise-project-management",
    "enterprise-social-networking", "erp", "event-management", "facility-management",
    "feedback-and-reviews-management", "financial-reporting", "fleet-management",
    "fundraising", "gamification", "geographic-information-systems", "grant-management",
    "graphic-design", "help-desk", "hr", "ide", "identity-management", "instant-messaging",
    "inventory-management", "it-asset-management", "it-development", "it-management",
    "it-security", "it-service-management", "knowledge-management",
    "learning-management-system", "marketing", "mind-mapping", "mobile-marketing",
    "mobile-payment", "network-management", "office", "online-booking", "online-community",
    "payment-gateway", "payroll", "predictive-analysis", "procurement", "productivity-suite",
    "project-collaboration", "project-management", "property-management",
    "real-estate-management", "remote-support", "resource-management", "sales-management",
    "seo", "service-desk", "social-media-management", "survey", "talent-management",
    "task-management", "taxes-management", "test-management", "time-management",
    "time-tracking", "translation", "video-conferencing", "video-editing",
    "visitor-management", "voip", "warehouse-management", "web-collaboration",
    "web-conferencing", "website-builder", "whistleblowing", "workflow-management",
}  # fmt: skip
SCOPES = {
    "agriculture", "culture", "defence", "education", "emergency-services", "employment",
    "energy", "environment", "finance-and-economic-development", "foreign-affairs",
    "healthcare", "infrastructures", "justice", "local-authorities", "manufacturing",
    "research", "science-and-technology", "security", "society", "sport", "tourism",
    "transportation", "welfare",
}  # fmt: skip
# BCP 47 with the primary language subtag (nl, en, nl-BE, sl-IT-nedis).
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$")
# Stramien's own rule on top of the standard: both of its languages are described.
OUR_LANGUAGES = ("nl", "en")


def _text(value: Any, path: str, found: list[str], *, longest: int | None = None) -> None:
    if not isinstance(value, str) or not value.strip():
        found.append(f"{path}: a non-empty string is required")
    elif longest is not None and len(value.strip()) > longest:
        found.append(f"{path}: at most {longest} characters, not {len(value.strip())}")


def _strings(value: Any, path: str, found: list[str], allowed: set[str] | None = None) -> None:
    if not isinstance(value, list) or not value:
        found.append(f"{path}: a non-empty list is required")
        return
    for index, item in enumerate(value):
        _text(item, f"{path}[{index}]", found)
        if allowed is not None and item not in allowed:
            found.append(f"{path}[{index}]: {item!r} is not an allowed value")


def _mapping(document: dict[str, Any], key: str, path: str, found: list[str]) -> dict[str, Any]:
    value = document.get(key)
    if not isinstance(value, dict):
        found.append(f"{path}: a section is required")
        return {}
    return value


def _version_at_least(value: Any, minimum: tuple[int, int]) -> bool:
    parts = str(value).split(".")
    try:
        return (int(parts[0]), int(parts[1]) if len(parts) > 1 else 0) >= minimum
    except ValueError:
        return False


def _description(languages: Any, root: Path, found: list[str]) -> None:
    if not isinstance(languages, dict) or not languages:
        found.append("description: a section with at least one language is required")
        return
    for language in OUR_LANGUAGES:
        if language not in languages:
            found.append(f"description.{language}: missing")
    for language, text in languages.items():
        path = f"description.{language}"
        if not LANGUAGE_TAG.match(str(language)):
            found.append(f"{path}: not a BCP 47 language tag")
        if not isinstance(text, dict):
            found.append(f"{path}: a section is required")
            continue
        _text(text.get("shortDescription"), f"{path}.shortDescription", found, longest=150)
        long = text.get("longDescription")
        _text(long, f"{path}.longDescription", found, longest=10_000)
        if isinstance(long, str) and len(long.strip()) < 150:
            found.append(f"{path}.longDescription: at least 150 characters")
        _strings(text.get("features"), f"{path}.features", found)
        for key in ("documentation", "apiDocumentation"):
            if key in text and not URL.match(str(text[key])):
                found.append(f"{path}.{key}: not a URL")
        for index, shot in enumerate(text.get("screenshots", [])):
            if not (root / str(shot)).is_file():
                found.append(f"{path}.screenshots[{index}]: {shot} does not exist")


def _maintenance(maintenance: dict[str, Any], found: list[str]) -> None:
    kind = maintenance.get("type")
    if kind not in MAINTENANCE_TYPES:
        found.append(f"maintenance.type: {kind!r} is not one of {sorted(MAINTENANCE_TYPES)}")
    people = {"internal": "contacts", "community": "contacts", "contract": "contractors"}
    needed = people.get(str(kind))
    for key in ("contacts", "contractors"):
        entries = maintenance.get(key)
        if entries is None:
            if key == needed:
                found.append(f"maintenance.{key}: required when the type is {kind}")
            continue
        if not isinstance(entries, list) or not entries:
            found.append(f"maintenance.{key}: a non-empty list is required")
            continue
        for index, entry in enumerate(entries):
            path = f"maintenance.{key}[{index}]"
            entry = entry if isinstance(entry, dict) else {}
            _text(entry.get("name"), f"{path}.name", found)
            if key == "contractors" and not DATE.match(str(entry.get("until", ""))):
                found.append(f"{path}.until: a date YYYY-MM-DD is required")


def _dependencies(depends_on: Any, found: list[str]) -> None:
    if not isinstance(depends_on, dict):
        found.append("dependsOn: a section is required when present")
        return
    for kind, entries in depends_on.items():
        if kind not in {"open", "proprietary", "hardware"}:
            found.append(f"dependsOn.{kind}: not a kind of dependency")
            continue
        for index, entry in enumerate(entries if isinstance(entries, list) else [None]):
            path = f"dependsOn.{kind}[{index}]"
            entry = entry if isinstance(entry, dict) else {}
            _text(entry.get("name"), f"{path}.name", found)
            for key in ("version", "versionMin", "versionMax"):
                if key in entry and not isinstance(entry[key], str):
                    found.append(f"{path}.{key}: a string is required (quote it)")
            if "optional" in entry and not isinstance(entry["optional"], bool):
                found.append(f"{path}.optional: true or false")


def problems(document: Any, root: Path = ROOT) -> list[str]:
    """Everything in ``document`` that breaks the publiccode.yml standard, one line each."""
    if not isinstance(document, dict):
        return ["the file is not a YAML mapping"]
    found: list[str] = []
    for key in REQUIRED_TOP_LEVEL:
        if key not in document:
            found.append(f"{key}: required")
    for key in sorted(set(document) - TOP_LEVEL_KEYS):
        found.append(f"{key}: not a key of the standard (country sections are not used here)")
    version = document.get("publiccodeYmlVersion")
    if not isinstance(version, str) or not _version_at_least(version, (0, 4)):
        found.append("publiccodeYmlVersion: a quoted version of 0.4 or newer is required")
    _text(document.get("name"), "name", found)
    for key in ("url", "landingURL"):
        if key in document and not URL.match(str(document[key])):
            found.append(f"{key}: not a URL")
    if "releaseDate" in document and not DATE.match(str(document["releaseDate"])):
        found.append("releaseDate: a quoted date YYYY-MM-DD is required")
    if "platforms" in document:
        _strings(document["platforms"], "platforms", found)
    if "categories" in document:
        _strings(document["categories"], "categories", found, CATEGORIES)
    if "developmentStatus" in document and document["developmentStatus"] not in DEVELOPMENT_STATUS:
        found.append("developmentStatus: not an allowed value")
    if "softwareType" in document and document["softwareType"] not in SOFTWARE_TYPES:
        found.append("softwareType: not an allowed value")
    audience = document.get("intendedAudience", {})
    for index, country in enumerate(audience.get("countries", [])):
        if not re.fullmatch(r"[a-z]{2}", str(country)):
            found.append(f"intendedAudience.countries[{index}]: a lowercase ISO 3166-1 code")
    if "scope" in audience:
        _strings(audience["scope"], "intendedAudience.scope", found, SCOPES)
    if "description" in document:
        _description(document["description"], root, found)
    if "legal" in document:
        _text(_mapping(document, "legal", "legal", found).get("license"), "legal.license", found)
    if "maintenance" in document:
        _maintenance(_mapping(document, "maintenance", "maintenance", found), found)
    if "localisation" in document:
        localisation = _mapping(document, "localisation", "localisation", found)
        if not isinstance(localisation.get("localisationReady"), bool):
            found.append("localisation.localisationReady: true or false is required")
        _strings(localisation.get("availableLanguages"), "localisation.availableLanguages", found)
        for index, tag in enumerate(localisation.get("availableLanguages") or []):
            if not LANGUAGE_TAG.match(str(tag)):
                found.append(f"localisation.availableLanguages[{index}]: not a BCP 47 tag")
    if "dependsOn" in document:
        _dependencies(document["dependsOn"], found)
    return found


def _load() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(PUBLICCODE.read_text(encoding="utf-8"))
    return loaded


def _project() -> dict[str, Any]:
    project: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return project


def _without(document: dict[str, Any], dotted: str) -> dict[str, Any]:
    """A copy of ``document`` without the field at ``dotted`` (a number indexes a list)."""
    changed = copy.deepcopy(document)
    *parents, last = dotted.split(".")
    target: Any = changed
    for parent in parents:
        target = target[int(parent)] if parent.isdigit() else target[parent]
    del target[last]
    return changed


def test_publiccode_follows_the_standard() -> None:
    assert problems(_load()) == []


def test_publiccode_has_the_version_and_date_of_the_current_release() -> None:
    document = _load()
    version = _project()["version"]
    assert document["softwareVersion"] == version, "publiccode.yml names another version"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    heading = re.search(
        rf"^## \[{re.escape(version)}\] - (\d{{4}}-\d{{2}}-\d{{2}})$", changelog, re.M
    )
    assert heading, f"CHANGELOG.md has no dated heading for {version}"
    assert document["releaseDate"] == heading.group(1)


def test_the_licence_is_the_eupl_everywhere() -> None:
    assert _load()["legal"]["license"] == _project()["license"] == "EUPL-1.2"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in text
    # The whole text: all fifteen articles and the appendix of compatible licences.
    for number in range(1, 16):
        assert re.search(rf"^{number}\.\s?[A-Z]", text, re.M), f"article {number} is missing"
    assert "‘Compatible Licences’ according to Article 5 EUPL are:" in text
    assert text.rstrip().endswith("require the production of a new EUPL version.")


@pytest.mark.parametrize(
    "field",
    [
        *REQUIRED_TOP_LEVEL,
        "description.nl.shortDescription",
        "description.en.longDescription",
        "description.nl.features",
        "legal.license",
        "maintenance.type",
        "maintenance.contacts",
        "localisation.localisationReady",
        "localisation.availableLanguages",
        "dependsOn.open.0.name",
    ],
)
def test_a_missing_required_field_is_reported(field: str) -> None:
    found = problems(_without(_load(), field))
    expected = re.sub(r"\.(\d+)", r"[\1]", field)  # the way problems() names a list item
    assert any(line.startswith(expected) for line in found), found


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"publiccodeYmlVersion": "0.2"}, "publiccodeYmlVersion"),
        ({"publiccodeYmlVersion": 0.4}, "publiccodeYmlVersion"),
        ({"developmentStatus": "finished"}, "developmentStatus"),
        ({"categories": ["collaboration", "agreements"]}, "categories[1]"),
        ({"releaseDate": "3-12-2026"}, "releaseDate"),
        ({"url": "not a url"}, "url"),
        ({"it": {"riuso": {}}}, "it"),
    ],
)
def test_a_wrong_value_is_reported(change: dict[str, Any], expected: str) -> None:
    found = problems({**_load(), **change})
    assert any(line.startswith(expected) for line in found), found


def test_descriptions_that_are_too_long_or_short_are_reported() -> None:
    document = _load()
    document["description"]["nl"]["shortDescription"] = "x" * 151
    document["description"]["en"]["longDescription"] = "Too short."
    found = problems(document)
    assert "description.nl.shortDescription: at most 150 characters, not 151" in found
    assert "description.en.longDescription: at least 150 characters" in found
