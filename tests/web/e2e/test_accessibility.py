"""axe-core on every kind of page, in every state worth seeing: no violations allowed.

The programme is the large example (``stramien.web.demo.create_demo``), so lists, long
multiselects and many findings are all on the page. No axe rule is switched off; a few that
axe-core leaves off by default are switched on (see ``OPTIONS``).
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from stramien.monitor.finance_sheets import FinanceKind
from stramien.web.monitoring.finance_sheets import export_finance
from stramien.web.programmes import actions
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import SECTIONS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: Every page is scanned at a desktop's width and at a phone's (the narrow layout: the
#: programme menu folded, tables scrolling in their own box).
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "mobiel": {"width": 360, "height": 740}}


@pytest.fixture(params=list(WIDTHS))
def new_context(request: Any, new_context: Any) -> Any:
    """The browser contexts of ``conftest``, each at the width of this run."""
    viewport = WIDTHS[request.param]

    def make(user: Any = None, **options: Any) -> Any:
        return new_context(user, **{"viewport": viewport, **options})

    return make


# axe-core's defaults, plus rules it leaves off: the WCAG 2.2 AA target size (2.5.8) and
# duplicate ids (obsolete since WCAG 2.2, but a duplicate id still breaks labels and links).
OPTIONS = {
    "resultTypes": ["violations"],
    "rules": {
        "target-size": {"enabled": True},
        "duplicate-id": {"enabled": True},
        "duplicate-id-active": {"enabled": True},
    },
}
# Not an axe rule: every id that an attribute or an in-page link points to exists. axe-core
# only reports a missing aria-describedby target as "needs review", and a help text or error
# message that is not found is silently not read out.
_BROKEN_REFERENCES = """() => {
  const broken = [];
  const check = (element, attribute, ids) => {
    for (const id of ids) {
      if (id && !document.getElementById(id)) {
        broken.push({html: element.outerHTML.slice(0, 200), attribute, id});
      }
    }
  };
  for (const attribute of ["aria-describedby", "aria-labelledby", "aria-controls"]) {
    for (const element of document.querySelectorAll(`[${attribute}]`)) {
      check(element, attribute, element.getAttribute(attribute).trim().split(/\\s+/));
    }
  }
  for (const label of document.querySelectorAll("label[for]")) {
    check(label, "for", [label.htmlFor]);
  }
  for (const link of document.querySelectorAll('a[href^="#"]')) {
    check(link, "href", [decodeURIComponent(link.getAttribute("href").slice(1))]);
  }
  return broken;
}"""
_START = (
    "options => { window.__stramienAxe = axe.run(document, options)"
    ".then(results => results.violations); }"
)


class Audit:
    """Scans pages with axe-core and reports every violation of every page at the end."""

    def __init__(self) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.results: dict[str, list[dict[str, Any]]] = {}
        self.pending: list[tuple[str, Any]] = []

    def scan(self, name: str, page: Any) -> None:
        broken = self._references(page)
        self.results[name] = self.axe.run(page, options=OPTIONS).response["violations"] + broken

    def start(self, name: str, page: Any) -> None:
        """Begin a scan and return at once, so that several pages are scanned side by side."""
        self.results[name] = self._references(page)
        page.evaluate(self.axe.axe_script)
        page.evaluate(_START, OPTIONS)
        self.pending.append((name, page))

    def finish(self) -> None:
        for name, page in self.pending:
            self.results[name] += page.evaluate("() => window.__stramienAxe")
        self.pending.clear()

    @staticmethod
    def _references(page: Any) -> list[dict[str, Any]]:
        """Broken id references, in the shape of an axe-core violation."""
        broken = page.evaluate(_BROKEN_REFERENCES)
        if not broken:
            return []
        return [
            {
                "id": "stramien-id-reference",
                "impact": "serious",
                "help": "Attributes and in-page links point to ids that exist",
                "helpUrl": "https://www.w3.org/WAI/WCAG22/Understanding/info-and-relationships",
                "nodes": [
                    {"target": [f'{b["attribute"]}="{b["id"]}" on {b["html"]}']} for b in broken
                ],
            }
        ]

    def report(self) -> str:
        lines = []
        for name, violations in self.results.items():
            for v in violations:
                targets = [" ".join(map(str, node["target"])) for node in v["nodes"][:3]]
                lines.append(
                    f"{name}: {v['id']} ({v['impact']}, {len(v['nodes'])}x) {v['help']}"
                    f"\n    {v['helpUrl']}\n    targets: {targets}"
                )
        return "\n".join(lines)

    def assert_clean(self) -> None:
        self.finish()
        assert self.results, "no page was scanned"
        failing = sorted(name for name, violations in self.results.items() if violations)
        assert not failing, f"axe-core violations on {failing}:\n{self.report()}"


def _visit(page: Any, url: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, (url, response and response.status)


def _demo() -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from stramien.web.demo import create_demo

    programme = create_demo(verbose=False)["programme"]
    users = {u.username: u for u in get_user_model().objects.all()}
    return {"programme": programme, **users}


def _upload(page: Any, name: str, data: bytes) -> None:
    """Hand in a spreadsheet on an import page and wait for the page that answers."""
    page.get_by_label("CSV-bestand of Excel-werkmap").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Inlezen").click()


def _heading(page: Any) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def test_pages_without_an_account(new_context: Any) -> None:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from stramien.web.programmes import members as account_actions

    demo = _demo()
    audit = Audit()
    page = new_context().new_page()

    _visit(page, "/account/inloggen/")
    audit.scan("login", page)
    page.get_by_label("Gebruikersnaam").fill("regisseur")
    page.get_by_label("Wachtwoord").fill("niet-het-goede-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.locator("[role=alert]").wait_for()
    audit.scan("login with an error", page)

    _visit(page, "/account/wachtwoord-vergeten/")
    audit.scan("password reset", page)
    page.get_by_label("E-mailadres").fill("regisseur@example.org")
    page.get_by_role("button", name="Link versturen").click()
    page.wait_for_url("**/wachtwoord-vergeten/verstuurd/")
    audit.scan("password reset sent", page)

    user = demo["regisseur"]
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    _visit(
        page, f"/account/wachtwoord-herstellen/{uid}/{default_token_generator.make_token(user)}/"
    )
    assert page.locator("input[type=password]").count() == 2
    audit.scan("password reset: new password", page)
    _visit(page, "/account/wachtwoord-herstellen/klaar/")
    audit.scan("password reset complete", page)

    _invitation, token = account_actions.invite(
        acting_user=user,
        programme=demo["programme"],
        email="nieuw@example.org",
        role="lezer",
        name="Nieuwe Lezer",
    )
    _visit(page, f"/account/uitnodiging/{token}/")
    audit.scan("invitation", page)
    page.get_by_label("Uw naam").fill("")
    page.get_by_role("button", name="Account maken en meedoen").click()
    page.locator(".utrecht-form-field-error-message").first.wait_for()
    audit.scan("invitation with errors", page)
    _visit(page, "/account/uitnodiging/bestaat-niet/", status=404)
    audit.scan("invitation invalid", page)
    account_actions.revoke_invitation(acting_user=user, invitation=_invitation)
    _visit(page, f"/account/uitnodiging/{token}/", status=404)
    audit.scan("invitation revoked", page)

    audit.assert_clean()


def test_regisseur_pages(new_context: Any) -> None:
    demo = _demo()
    slug = demo["programme"].slug
    audit = Audit()
    page = new_context(demo["regisseur"]).new_page()

    _visit(page, "/programmas/")
    audit.scan("programme list", page)
    _visit(page, "/programmas/nieuw/")
    audit.scan("new programme", page)
    page.get_by_role("button", name="Programma aanmaken").click()
    page.locator(".utrecht-form-field-error-message").first.wait_for()
    audit.scan("new programme with errors", page)

    _visit(page, f"/programmas/{slug}/")
    audit.scan("overview", page)
    menu = page.get_by_text("Menu van dit programma")
    if menu.is_visible():  # the programme's menu on a phone, opened
        menu.click()
        audit.scan("overview, programme menu open", page)

    goal_id = demo["programme"].head_document["goals"][0]["id"]
    _visit(page, f"/programmas/{slug}/onderdeel/doelen/item/{goal_id}/")
    audit.scan("one goal on its own page", page)
    _visit(page, f"/programmas/{slug}/vaststelling/")
    page.get_by_role("button", name=re.compile("ter vaststelling voorleggen")).click()
    page.locator(".st-messages").wait_for()
    audit.scan("adoption, round open", page)
    _visit(page, f"/programmas/{slug}/logboek/")
    audit.scan("audit trail", page)
    _visit(page, f"/programmas/{slug}/monitoring/")
    audit.scan("monitoring dashboard", page)
    page.get_by_text("Verloop per indicator (grafieken)").click()
    audit.scan("monitoring dashboard, each indicator's chart", page)
    _visit(page, f"/programmas/{slug}/monitoring/beoordelen/")
    audit.scan("values waiting for review", page)
    indicator_id = demo["programme"].head_document["indicators"][0]["id"]
    _visit(page, f"/programmas/{slug}/monitoring/indicator/{indicator_id}/")
    audit.scan("one indicator's periods", page)
    _visit(page, f"/programmas/{slug}/monitoring/ontbrekend/")
    audit.scan("what is missing", page)
    _visit(page, f"/programmas/{slug}/monitoring/ontbrekend/?eigenaar=onbekend&jaar=2027")
    audit.scan("what is missing, a filter that names nothing", page)
    partner_id = demo["programme"].head_document["partnership"]["partners"][1]["id"]
    _visit(page, f"/programmas/{slug}/monitoring/?partner={partner_id}&periode=2026&per=2026-12-01")
    audit.scan("monitoring dashboard, filtered", page)
    _visit(page, f"/programmas/{slug}/monitoring/mijlpalen/")
    audit.scan("milestones", page)
    page.get_by_label("Stand (verplicht)").select_option("done")
    page.get_by_role("button", name="Vastleggen").click()
    page.locator(".utrecht-form-field-error-message").first.wait_for()
    audit.scan("milestones with errors", page)
    _visit(page, f"/programmas/{slug}/monitoring/financien/")
    audit.scan("budget, spending and in kind", page)
    page.get_by_role("button", name="Besteding opslaan").click()
    page.locator(".utrecht-form-field-error-message").first.wait_for()
    audit.scan("spending with errors", page)
    _visit(page, f"/programmas/{slug}/monitoring/financien/")
    page.get_by_role("link", name=re.compile("^Corrigeren")).first.click()
    page.get_by_role("heading", name=re.compile("corrigeren")).first.wait_for()
    audit.scan("correcting a spending", page)
    _visit(page, f"/programmas/{slug}/monitoring/rapportage/")
    audit.scan("progress report", page)
    _visit(page, f"/programmas/{slug}/monitoring/rapportage/?periode=2027-Q9&formaat=pdf", 400)
    audit.scan("progress report, a period that does not exist", page)
    _visit(page, f"/programmas/{slug}/monitoring/financien/bestedingen/inlezen/")
    audit.scan("spending import", page)
    _upload(page, "bestedingen.csv", b"kostenpost;partner;datum;bedrag\nk-weg;p-weg;31-2-2026;-1\n")
    audit.scan("spending import with an error table", page)
    _visit(page, f"/programmas/{slug}/monitoring/financien/natura/inlezen/")
    _upload(page, "natura.csv", export_finance(demo["programme"], FinanceKind.IN_KIND, "csv"))
    page.locator(".st-messages").wait_for()
    audit.scan("in-kind import done", page)
    _visit(page, f"/programmas/{slug}/integriteit/")
    audit.scan("integrity check", page)
    _visit(page, "/account/meldingen/")
    audit.scan("notification preferences", page)
    _visit(page, "/account/api-sleutels/")
    audit.scan("API tokens", page)
    page.get_by_label("Naam (waarvoor gebruikt u hem?)").fill("Koppeling")
    page.get_by_role("button", name="Sleutel maken").click()
    page.locator("#new-token").wait_for()
    audit.scan("API tokens, a new token shown once", page)
    _visit(page, f"/programmas/{slug}/zoeken/?q=gemeente")
    audit.scan("search with results", page)
    _visit(page, f"/programmas/{slug}/zoeken/?q=")
    audit.scan("search without a query", page)
    _visit(page, "/hulp/")
    audit.scan("help index", page)
    _visit(page, "/hulp/partnerschap/")
    audit.scan("help for one section", page)
    page.goto(f"/programmas/{slug}/")
    page.get_by_role("button", name="Openbare pagina aanzetten").click()
    _visit(page, f"/openbaar/{slug}/")
    audit.scan("public factsheet", page)

    _visit(page, f"/programmas/{slug}/deelnemers/")
    page.get_by_label("E-mailadres").fill("lezer2@example.org")
    page.get_by_label("Rol (verplicht)").select_option("lezer")
    page.get_by_role("button", name="Uitnodigen").click()
    page.locator("#invite-link").wait_for()
    audit.scan("members, after inviting", page)
    page.get_by_role("button", name=re.compile("^Intrekken.*lezer2@example.org")).click()
    page.locator(".st-messages").wait_for()
    audit.scan("members, invitation revoked", page)
    page.get_by_role("link", name=re.compile(r"^Rol wijzigen of verwijderen\W+Demo lezer$")).click()
    audit.scan("one member", page)
    page.get_by_role("button", name="Uit het programma halen").click()
    page.locator(".utrecht-form-field-error-message").first.wait_for()
    audit.scan("one member, removal not ticked", page)

    # A value the agreement refuses: the page shows the error summary and the marked field.
    _visit(page, f"/programmas/{slug}/onderdeel/ambitie/")
    # (The id is folded away under "Geavanceerd" since issue 17, and the item itself is
    # folded to one line in a list of more than two: open both first.)
    bad_id = page.locator('[name="s-ambition-beneficiaries-0-id"]')
    bad_id.locator("xpath=ancestor::details[2]/summary").click()
    bad_id.locator("xpath=ancestor::details[1]/summary").click()
    bad_id.fill("1 geen geldig id")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.locator(".stramien-error-summary").wait_for()
    audit.scan("section with a validation error", page)

    # Two windows change the same field: the second save shows the conflict.
    first = page
    second = new_context(demo["regisseur"]).new_page()
    for window in (first, second):
        _visit(window, f"/programmas/{slug}/onderdeel/ambitie/")
    first.get_by_label("Kernachtige ambitie").fill("De eerste versie van de ambitie.")
    first.get_by_role("button", name="Opslaan", exact=True).click()
    first.get_by_text("Opgeslagen als versie 2.").wait_for()
    second.get_by_label("Kernachtige ambitie").fill("Een andere versie van de ambitie.")
    with second.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/onderdeel/ambitie/")
    ) as answer:
        second.get_by_role("button", name="Opslaan", exact=True).click()
    assert answer.value.status == 409
    second.get_by_role("heading", name="Gelijktijdige wijzigingen").wait_for()
    audit.scan("section with a conflict", second)

    _visit(page, f"/programmas/{slug}/geschiedenis/")
    audit.scan("history", page)
    _visit(page, f"/programmas/{slug}/versie/2/")
    assert page.locator(".st-change").count() > 0
    audit.scan("revision with changes", page)
    _visit(page, f"/programmas/{slug}/versie/1/")
    audit.scan("first revision", page)
    _visit(page, f"/programmas/{slug}/vergelijken/?van=1&naar=2")
    assert page.locator(".st-change").count() > 0
    audit.scan("compare two versions", page)
    _visit(page, f"/programmas/{slug}/vergelijken/?van=1&naar=999", status=400)
    audit.scan("compare with an unknown version", page)

    # A version with errors put up for adoption: its errors first, and a box to tick.
    programme = Programme.objects.get(slug=slug)
    document = copy.deepcopy(programme.head_document)
    document["ambition"]["statement"] = ""
    actions.save_document(
        acting_user=demo["regisseur"],
        programme=programme,
        document=document,
        base_number=programme.head_number,
    )
    _visit(page, f"/programmas/{slug}/vaststelling/")
    page.get_by_role("button", name=re.compile("ter vaststelling voorleggen")).click()
    page.get_by_role("heading", name=re.compile("met fouten voorleggen")).wait_for()
    audit.scan("adoption, a version with errors", page)
    page.get_by_role("button", name=re.compile("toch voorleggen")).click()
    page.locator(".utrecht-form-field-error-message").first.wait_for()
    audit.scan("adoption, a version with errors, not ticked", page)

    audit.assert_clean()


def test_section_editors(new_context: Any) -> None:
    demo = _demo()
    programme = demo["programme"]
    audit = Audit()

    def size(section: Any) -> int:
        return len(json.dumps([programme.head_document.get(f) for f in section.fields]))

    def open_section(section: Any) -> Any:
        page = new_context(demo["regisseur"]).new_page()
        _visit(page, f"/programmas/{programme.slug}/onderdeel/{section.key}/")
        assert str(section.title) in _heading(page)
        return page

    # The large example's biggest editor takes axe-core longest: it is scanned in a window
    # of its own while the others are scanned one after the other.
    biggest, *others = sorted(SECTIONS, key=size, reverse=True)
    audit.start(f"section {biggest.key}", open_section(biggest))
    for section in others:
        page = open_section(section)
        audit.scan(f"section {section.key}", page)
        page.context.close()
    audit.assert_clean()
    assert len(audit.results) == len(SECTIONS) == 11


def test_partner_and_reader_pages(new_context: Any) -> None:
    demo = _demo()
    slug = demo["programme"].slug
    audit = Audit()
    partner = new_context(demo["partner"]).new_page()

    _visit(partner, f"/programmas/{slug}/eigen-organisatie/")
    audit.scan("own organisation", partner)
    role = partner.locator('[name="s-partnership-partners-0-role"]')
    role.fill(role.input_value() + " Ook trekker van de werkgroep.")
    partner.get_by_role("button", name="Opslaan", exact=True).click()
    partner.get_by_text("Opgeslagen als versie 2.").wait_for()
    audit.scan("own organisation, saved", partner)

    # A section a partner may read and comment on, with a comment thread.
    _visit(partner, f"/programmas/{slug}/onderdeel/ambitie/")
    partner.get_by_label("Nieuwe opmerking").fill("Kunnen we de kernboodschap korter maken?")
    partner.get_by_role("button", name="Opmerking plaatsen").click()
    partner.locator(".st-thread").wait_for()
    audit.scan("section, read-only, with a comment", partner)
    _visit(partner, f"/programmas/{slug}/monitoring/inlezen/")
    _upload(partner, "metingen.csv", b"indicator;periode;waarde\ni-verzonnen;2027-K9;veel\n")
    audit.scan("measurement import with an error table", partner)

    reader = new_context(demo["lezer"]).new_page()
    _visit(reader, f"/programmas/{slug}/eigen-organisatie/", status=403)
    audit.scan("403", reader)
    _visit(reader, "/programmas/bestaat-niet/", status=404)
    audit.scan("404", reader)

    audit.assert_clean()
