"""The concurrent-editors scenario, shared by the test and ``bench/bench_reliability.py``.

A programme made from the small example; ``count`` accounts of which the first is its
procesregisseur, the next four partners (two per organisation, each on "Onze organisatie")
and the rest regisseurs on four section pages. :func:`plan` reads the pages' forms through a
running server and deals the text fields out over the editors (see ``_editors.assign``).
Needs a configured Django (the test's settings, or the benchmark's own).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stramien.io import load_agreement
from stramien.web.programmes import actions
from stramien.web.programmes.models import Membership, Programme
from web.people import client_for, make_user

from ._browser import Browser
from ._editors import Editor, Target, assign, targets_on
from ._editors import Path as DocPath

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
__all__ = ["EXAMPLES", "client_for", "make_user", "plan", "session_cookie", "set_up"]
# Sections whose forms are a few tens of kilobytes; the partnership and organisation forms
# are several times larger and would only slow the run down, not test more.
SECTIONS = ("ambitie", "realisatie", "risicos", "bijlagen")
# Of the editors, this many are partners: two per organisation, each on "Onze organisatie".
PARTNER_EDITORS = 4


def session_cookie(user: Any) -> dict[str, str]:
    """The cookies of a browser in which ``user`` is logged in (a session in the database)."""
    return {"sessionid": client_for(user).cookies["sessionid"].value}


@dataclass
class Scenario:
    programme: Programme
    users: list[Any]
    #: Per account: the organisation it represents, or None for a regisseur.
    party_of: list[str | None]


def set_up(count: int, prefix: str = "editor") -> Scenario:
    """The programme and ``count`` accounts: partners (two per organisation), regisseurs."""
    agreement = load_agreement(EXAMPLES / "small.yaml")
    users = [make_user(f"{prefix}{n:02d}") for n in range(count)]
    programme = actions.create_programme(acting_user=users[0], agreement=agreement)
    parties = [p.id for p in agreement.partnership.partners]
    party_of: list[str | None] = []
    for number, user in enumerate(users):
        if number == 0:
            party_of.append(None)  # the creator is regisseur already
            continue
        if number <= PARTNER_EDITORS:
            party = parties[(number - 1) // 2]
            Membership.objects.create(
                programme=programme, user=user, role="partner", party_id=party
            )
            party_of.append(party)
        else:
            Membership.objects.create(programme=programme, user=user, role="regisseur")
            party_of.append(None)
    return Scenario(programme, users, party_of)


def _own_translate(programme: Programme, party_of_page: dict[str, str]) -> Any:
    partners = programme.head_document["partnership"]["partners"]
    index = {p["id"]: i for i, p in enumerate(partners)}

    def translate(page: str, path: DocPath) -> DocPath:
        party = party_of_page.get(page)
        if party is None:
            return path
        if path[:3] != ("partnership", "partners", 0):
            raise ValueError(path)  # contributions are left alone here
        return ("partnership", "partners", index[party], *path[3:])

    return translate


def plan(scenario: Scenario, base_url: str) -> tuple[list[Editor], dict[int, list[Target]]]:
    """The editors and the fields each may change, read from the pages' forms."""
    programme, party_of = scenario.programme, scenario.party_of
    slug = programme.slug
    section_pages = [f"/programmas/{slug}/onderdeel/{key}/" for key in SECTIONS]
    own_page = f"/programmas/{slug}/eigen-organisatie/"
    # "Onze organisatie" has one address for every partner; a query the page ignores tells
    # the two organisations' pages apart in the bookkeeping.
    party_page = {party: f"{own_page}?org={party}" for party in set(party_of) if party}
    translate = _own_translate(programme, {page: party for party, page in party_page.items()})

    cookies = [session_cookie(user) for user in scenario.users]
    document = programme.head_document
    found: dict[str, list[DocPath]] = {}
    regisseur = Browser(base_url, cookies=cookies[0])
    for page in section_pages:
        found[page] = targets_on(regisseur.get(page), page, document)
    regisseur.close()
    for number, party in enumerate(party_of):
        if party and party_page[party] not in found:
            page = party_page[party]
            browser = Browser(base_url, cookies=cookies[number])
            found[page] = targets_on(browser.get(page), page, document, translate)
            browser.close()
    if not all(found.values()):
        raise AssertionError({page: len(paths) for page, paths in found.items()})

    editors, per_page = [], {page: [] for page in found}
    for number, party in enumerate(party_of):
        pages = [party_page[party]] if party else list(section_pages)
        editors.append(Editor(number, cookies[number], pages, translate))
        for page in pages:
            per_page[page].append(number)
    return editors, assign(found, per_page)
