"""Every finding links to its field: the section page (or a long-list item's own page) that
shows the field, with the field's id as anchor; its place is told in the forms' words."""

from __future__ import annotations

import copy
import html
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client
from django.urls import reverse

from stramien.model import Agreement
from stramien.rules import RULES, check
from stramien.web.programmes import actions
from stramien.web.programmes.field_links import linked_findings
from stramien.web.programmes.models import Programme

from .. import EXAMPLES
from ..conftest import client_for

# The rule cases of tests/rules: each breaks the small example the way a user might.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "rules"))
from test_every_rule_fires import CASES, EMPTY

pytestmark = pytest.mark.django_db


def broken(name: str) -> dict[str, Any]:
    """The example with every rule case applied that keeps it a valid document."""
    with open(EXAMPLES / f"{name}.yaml", encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    for start, mutate in CASES.values():
        if start is not None:
            continue
        trial = copy.deepcopy(data)
        try:
            mutate(trial)
            Agreement.model_validate(trial)
        except (LookupError, ValueError, TypeError, AttributeError, StopIteration):
            continue
        data = trial
    return data


def programme_with(data: dict[str, Any], people: dict[str, Any]) -> Programme:
    return actions.create_programme(
        acting_user=people["regisseur"], agreement=Agreement.model_validate(data)
    )


def page_of(client: Client, url: str, pages: dict[str, str]) -> str:
    address = url.partition("#")[0]
    if address not in pages:
        response = client.get(address)
        assert response.status_code == 200, address
        pages[address] = response.content.decode()
    return pages[address]


@pytest.mark.parametrize("example", ["small", "large", "empty"])
def test_every_finding_links_to_a_page_that_shows_its_field(
    people: dict[str, Any], example: str
) -> None:
    data = copy.deepcopy(EMPTY) if example == "empty" else broken(example)
    programme = programme_with(data, people)
    findings = check(Agreement.model_validate(programme.head_document))
    assert len(findings) > 10
    client = client_for(people["regisseur"])
    pages: dict[str, str] = {}
    linked = linked_findings(programme.slug, findings, programme.head_document)
    seen: set[tuple[str, str, str]] = set()
    for finding in linked:
        assert finding.url is not None, finding
        address, _hash, anchor = finding.url.partition("#")
        assert anchor.startswith("id_s-"), finding
        assert "[" not in finding.location and "_" not in finding.location, finding.location
        # On the large example, one page per rule and kind of place (hundreds of item pages).
        kind = (
            finding.rule,
            re.sub(r"/item/[^/]+/", "/item/", address),
            re.sub(r"\d+", "", anchor),
        )
        if example == "large" and kind in seen:
            continue
        seen.add(kind)
        assert f'id="{anchor}"' in page_of(client, finding.url, pages), finding
    if example == "large":
        # The long lists of the large example are edited one item per page.
        assert any("/item/" in f.url for f in linked if f.url)


def test_the_panel_and_the_overview_show_links_and_places_not_paths(
    people: dict[str, Any],
) -> None:
    data = broken("small")
    programme = programme_with(data, people)
    client = client_for(people["regisseur"])
    partner = programme.head_document["partnership"]["partners"][0]
    page = client.get(reverse("programmes:section", args=[programme.slug, "partnerschap"]))
    text = page.content.decode()
    section_url = reverse("programmes:section", args=[programme.slug, "partnerschap"])
    assert f'href="{section_url}#id_s-partnership-partners-0-role"' in text
    place = f"Samenwerkingspartners › {partner['name']} › Rol"
    assert place in html.unescape(text)
    assert "partnership.partners[0]" not in text
    overview = client.get(reverse("programmes:overview", args=[programme.slug])).content.decode()
    assert re.search(r'class="utrecht-link st-finding__link" href="[^"]+#id_s-', overview)
    assert "partnership.partners[0]" not in overview and "<code" not in overview


def test_every_rule_can_be_linked(people: dict[str, Any]) -> None:
    # Together the broken examples and the empty document cover every rule, so every kind
    # of place a finding can name has been linked above.
    fired = {f.rule for f in check(Agreement.model_validate(broken("small")))}
    fired |= {f.rule for f in check(Agreement.model_validate(broken("large")))}
    fired |= {f.rule for f in check(Agreement.model_validate(EMPTY))}
    missing = {r.id for r in RULES} - fired
    # These rules cannot fire together with the others on one document; test_every_rule_fires
    # has a document for each, and their places are the same kinds as those linked above.
    assert missing <= {r for r in CASES}
