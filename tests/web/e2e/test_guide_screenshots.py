"""The user guide (``docs/handleiding``) held against the application it describes.

One walk in the browser goes, on the demo programme, through the pages the guide shows, each
in the role the guide shows it for, from the first login to the adopted agreement. With
``STRAMIEN_GUIDE_SCREENSHOTS=1`` it writes the guide's screenshots to
``docs/handleiding/beelden`` and the guide is rendered anew into the HTML the application
serves (``static/stramien/handleiding``, linked from every page's footer). Without it
nothing is written: the walk checks that every page still opens (200) for that role, and the
other tests check that every image the guide uses exists and the app's copy is current.
"""

from __future__ import annotations

import html
import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from stramien.web.agreeing import actions as agreeing_actions
from stramien.web.agreeing.models import ApprovalRound
from stramien.web.demo import create_demo
from stramien.web.programmes.models import Membership, Programme, Role

from ..conftest import make_user

ROOT = Path(__file__).resolve().parents[3]
HANDLEIDING = ROOT / "docs" / "handleiding"
GUIDE = ROOT / "docs" / "guide"
IMAGES = HANDLEIDING / "beelden"
STATIC = ROOT / "src" / "stramien" / "web" / "static" / "stramien"
# The guide's folders and where the application serves each of them, with its language.
SERVED = {HANDLEIDING: (STATIC / "handleiding", "nl"), GUIDE: (STATIC / "guide", "en")}
WRITE = os.environ.get("STRAMIEN_GUIDE_SCREENSHOTS", "") == "1"
VIEWPORT = {"width": 1280, "height": 800}
# The images are kept twice (the guide and the app's copy): together well under 3 MB.
MAX_IMAGE_BYTES = 1_400_000

# Every screenshot the guide uses, with the role it is taken as (``anoniem``: logged out).
SHOTS = {
    "inloggen": "anoniem",
    "regisseur-programmas": "regisseur",
    "regisseur-nieuw": "regisseur",
    "regisseur-overzicht": "regisseur",
    "regisseur-onderdeel": "regisseur",
    "regisseur-deelnemers": "regisseur",
    "partner-uitnodiging": "anoniem",
    "partner-onze-organisatie": "partner",
    "partner-opmerking": "partner",
    "lezer-overzicht": "lezer",
    "lezer-onderdeel": "lezer",
    "lezer-versie": "lezer",
    "monitor-indicatoren": "monitor",
    "monitor-dashboard": "monitor",
    "monitor-meting": "monitor",
    "regisseur-geschiedenis": "regisseur",
    "regisseur-vaststelling": "regisseur",
    "partner-besluit": "partner",
    "regisseur-vastgesteld": "regisseur",
}
SHORT_STATEMENT = "Drenthe bloeit."
NEW_STORY_LINE = "Over zes jaar wonen, werken en leren jong en oud hier met plezier."
COMMENT = "Kunnen we in de ambitie ook de kleine kernen noemen?"


# -- The walk ------------------------------------------------------------------------------


class Walk:
    """Opens pages for one role at a time, checks each answers 200, and takes the shots."""

    def __init__(self, new_context: Any) -> None:
        self.new_context = new_context
        self.pages: dict[str, Any] = {}
        self.taken: list[str] = []

    def page(self, role: str, user: Any = None) -> Any:
        if role not in self.pages:
            context = self.new_context(user, viewport=VIEWPORT)
            self.pages[role] = context.new_page()
        return self.pages[role]

    def open(self, page: Any, path: str) -> Any:
        response = page.goto(path)
        assert response is not None and response.status == 200, f"{path}: {response}"
        return page

    def shot(self, page: Any, name: str, role: str, *, scroll_to: Any = None) -> None:
        assert SHOTS.get(name) == role, f"{name} is not listed in SHOTS for {role}"
        if scroll_to is not None:
            scroll_to.evaluate("element => element.scrollIntoView({block: 'center'})")
        self.taken.append(name)
        if WRITE:
            _save_png(page.screenshot(), IMAGES / f"{name}.png")


def _save_png(data: bytes, path: Path) -> None:
    """A screenshot as a small PNG: a palette of 128 colours is plenty for a form on screen."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    small = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path.parent.mkdir(parents=True, exist_ok=True)
    small.save(path, format="PNG", optimize=True)


def _demo() -> tuple[Programme, dict[str, Any]]:
    create_demo(verbose=False)
    programme = Programme.objects.get(created_by__username="regisseur")
    users = {m.user.username: m.user for m in programme.memberships.select_related("user")}
    assert programme.memberships.get(user=users["monitor"]).role == Role.MONITOR
    return programme, users


def _approve_for_the_other_partners(programme: Programme) -> None:
    """Every partner without an account in the demo approves too, as its representative would."""
    current = ApprovalRound.objects.get(programme=programme, status=ApprovalRound.Status.OPEN)
    decided = set(current.approvals.values_list("party_id", flat=True))
    for party_id in current.parties:
        if party_id in decided:
            continue
        member = Membership.objects.filter(programme=programme, party_id=party_id).first()
        if member is None:
            user = make_user(f"namens-{party_id}", name=f"Vertegenwoordiger {party_id}")
            member = Membership.objects.create(
                programme=programme, user=user, role=Role.PARTNER, party_id=party_id
            )
        agreeing_actions.decide(
            acting_user=member.user,
            programme=programme,
            round_id=current.pk,
            revision_hash=current.revision_hash,
            approve=True,
        )


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_guide_walk_from_first_login_to_adoption(new_context: Any) -> None:
    from playwright.sync_api import expect

    programme, users = _demo()
    base = f"/programmas/{programme.slug}"
    walk = Walk(new_context)

    # The first login, through the form, as the guide tells it.
    regisseur = walk.open(walk.page("regisseur"), "/account/inloggen/")
    walk.shot(regisseur, "inloggen", "anoniem")
    regisseur.get_by_label("Gebruikersnaam").fill("regisseur")
    regisseur.get_by_label("Wachtwoord").fill("stramien-demo")
    regisseur.get_by_role("button", name="Inloggen").click()
    expect(regisseur.get_by_role("heading", level=1)).to_have_text("Mijn programma's")
    walk.shot(walk.open(regisseur, "/programmas/"), "regisseur-programmas", "regisseur")
    walk.shot(walk.open(regisseur, "/programmas/nieuw/"), "regisseur-nieuw", "regisseur")
    walk.shot(walk.open(regisseur, f"{base}/"), "regisseur-overzicht", "regisseur")

    # §1 while typing: a core statement of two words gets its tip beside the form at once.
    walk.open(regisseur, f"{base}/onderdeel/ambitie/")
    statement = regisseur.get_by_label(re.compile("^Kernachtige ambitie"))
    original = statement.input_value()
    statement.fill(SHORT_STATEMENT)
    expect(regisseur.locator("#controles")).to_contain_text("telt maar 2 woorden")
    walk.shot(regisseur, "regisseur-onderdeel", "regisseur")
    statement.fill(original)
    story = regisseur.get_by_label(re.compile("^Het verhaal dat ons beweegt"))
    story.fill(f"{story.input_value()} {NEW_STORY_LINE}")
    regisseur.get_by_role("button", name="Opslaan", exact=True).click()
    expect(regisseur.locator(".st-messages")).to_contain_text("Opgeslagen als versie 2.")

    # Inviting someone; the invitation page is where a new partner logs in the first time.
    walk.open(regisseur, f"{base}/deelnemers/")
    regisseur.get_by_label("Naam", exact=True).fill("Vertegenwoordiger gemeente Emmen")
    regisseur.get_by_label("E-mailadres").fill("emmen@example.org")
    regisseur.get_by_label(re.compile(r"^Rol\b")).select_option("partner")
    regisseur.get_by_label("Namens partner").select_option("gem-emmen")
    regisseur.get_by_role("button", name="Uitnodigen").click()
    expect(regisseur.locator(".st-messages")).to_contain_text("De uitnodiging is verstuurd.")
    link = regisseur.locator("#invite-link").inner_text().strip()
    walk.shot(
        regisseur, "regisseur-deelnemers", "regisseur", scroll_to=regisseur.locator("#invite-link")
    )
    invited = walk.open(walk.page("anoniem"), link)
    expect(invited.get_by_role("heading", level=1)).to_contain_text("Uitnodiging voor")
    walk.shot(invited, "partner-uitnodiging", "anoniem")

    # The partner: its own organisation, and a comment on §1.
    partner = walk.page("partner", users["partner"])
    walk.shot(
        walk.open(partner, f"{base}/eigen-organisatie/"), "partner-onze-organisatie", "partner"
    )
    walk.open(partner, f"{base}/onderdeel/ambitie/")
    partner.get_by_label("Nieuwe opmerking").fill(COMMENT)
    partner.get_by_role("button", name="Opmerking plaatsen").click()
    walk.open(partner, f"{base}/onderdeel/ambitie/")
    expect(partner.locator("#opmerkingen")).to_contain_text(COMMENT)
    walk.shot(partner, "partner-opmerking", "partner", scroll_to=partner.locator("#opmerkingen"))

    # The lezer and the monitor read; neither gets a save button.
    lezer = walk.page("lezer", users["lezer"])
    walk.shot(walk.open(lezer, f"{base}/"), "lezer-overzicht", "lezer")
    walk.open(lezer, f"{base}/onderdeel/ambitie/")
    expect(lezer.get_by_role("button", name="Opslaan", exact=True)).to_have_count(0)
    walk.shot(lezer, "lezer-onderdeel", "lezer")
    walk.open(lezer, f"{base}/versie/2/")
    expect(lezer.locator("main")).to_contain_text(NEW_STORY_LINE.split(",")[0])
    walk.shot(lezer, "lezer-versie", "lezer")
    monitor = walk.open(walk.page("monitor", users["monitor"]), f"{base}/onderdeel/indicatoren/")
    expect(monitor.get_by_role("button", name="Opslaan", exact=True)).to_have_count(0)
    walk.shot(monitor, "monitor-indicatoren", "monitor")
    walk.open(monitor, f"{base}/monitoring/")
    expect(monitor.locator("main")).to_contain_text("Op koers")
    walk.shot(monitor, "monitor-dashboard", "monitor")
    first = programme.head_document["indicators"][0]["id"]
    walk.open(monitor, f"{base}/monitoring/indicator/{first}/")
    expect(monitor.get_by_role("button", name="Indienen ter beoordeling")).to_have_count(1)
    walk.shot(monitor, "monitor-meting", "monitor", scroll_to=monitor.locator("#invoeren"))

    # Agreeing: the regisseur puts version 2 up for adoption, the partner approves ...
    walk.shot(walk.open(regisseur, f"{base}/geschiedenis/"), "regisseur-geschiedenis", "regisseur")
    walk.open(regisseur, f"{base}/vaststelling/")
    regisseur.get_by_role("button", name="Versie 2 ter vaststelling voorleggen").click()
    expect(regisseur.locator(".st-messages")).to_contain_text("ligt nu ter vaststelling")
    walk.shot(walk.open(regisseur, f"{base}/vaststelling/"), "regisseur-vaststelling", "regisseur")
    walk.open(partner, f"{base}/vaststelling/")
    approve = partner.get_by_role("button", name="Goedkeuren")
    walk.shot(partner, "partner-besluit", "partner", scroll_to=approve)
    approve.click()
    expect(partner.locator(".st-messages")).to_contain_text("Uw besluit is vastgelegd")

    # ... and when every partner has approved, the agreement is adopted.
    _approve_for_the_other_partners(programme)
    walk.open(regisseur, f"{base}/vaststelling/")
    expect(regisseur.locator("#vastgesteld").locator("..")).to_contain_text("Versie 2")
    walk.shot(
        regisseur, "regisseur-vastgesteld", "regisseur", scroll_to=regisseur.locator("#vastgesteld")
    )

    assert sorted(walk.taken) == sorted(SHOTS), "every screenshot of the guide is taken once"
    if WRITE:
        write_served_guide()  # the app's copy shows the new screenshots too


# -- The guide's own checks ----------------------------------------------------------------


def _guide_sources() -> list[Path]:
    return sorted([*HANDLEIDING.glob("*.md"), *GUIDE.glob("*.md")])


def _images_used(source: Path) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", source.read_text(encoding="utf-8"))


def test_every_image_of_the_guide_exists_and_is_made_by_the_walk() -> None:
    used = set()
    for source in _guide_sources():
        for target in _images_used(source):
            image = (source.parent / target).resolve()
            assert image.is_file(), f"{source.name} shows {target}, which does not exist"
            assert image.parent == IMAGES.resolve(), f"{source.name}: {target} is not in beelden/"
            used.add(image.stem)
    assert used == set(SHOTS), "the guide uses exactly the screenshots the walk takes"
    on_disk = {image.stem for image in IMAGES.glob("*")}
    assert on_disk == set(SHOTS), f"images nobody uses: {sorted(on_disk - set(SHOTS))}"
    assert sum(image.stat().st_size for image in IMAGES.glob("*.png")) < MAX_IMAGE_BYTES


def test_every_role_has_a_guide_that_starts_at_the_first_login() -> None:
    index = (HANDLEIDING / "README.md").read_text(encoding="utf-8")
    for role in ("procesregisseur", "partner", "lezer", "monitor"):
        page = HANDLEIDING / f"{role}.md"
        assert page.is_file(), f"no guide for the {role}"
        assert f"({role}.md)" in index, f"the guide's first page does not link to {role}.md"
        assert "inloggen" in page.read_text(encoding="utf-8").lower()


def test_every_link_in_the_guide_leads_somewhere() -> None:
    for source in _guide_sources():
        text = source.read_text(encoding="utf-8")
        for target in re.findall(r"(?<!!)\[[^\]]+\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            linked = (source.parent / path).resolve() if path else source
            assert linked.is_file(), f"{source.name} links to {target}, which does not exist"
            assert linked.parent in {HANDLEIDING, GUIDE}, (
                f"{source.name}: {target} leaves the guide"
            )
            if anchor:
                assert anchor in _anchors(linked.read_text(encoding="utf-8")), (
                    f"{source.name} links to #{anchor}, which {linked.name} does not have"
                )


def test_the_app_serves_the_current_guide() -> None:
    if WRITE:
        write_served_guide()
    expected = rendered_guide()
    for path, content in expected.items():
        assert path.is_file() and path.read_bytes() == content, (
            f"{path.relative_to(ROOT)} is not the current guide: run this module with "
            "STRAMIEN_GUIDE_SCREENSHOTS=1"
        )
    for folder, _language in SERVED.values():
        extra = {p for p in folder.rglob("*") if p.is_file()} - set(expected)
        assert not extra, f"left over: {sorted(str(p.relative_to(ROOT)) for p in extra)}"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "name", "heading"), [
    ("nl", "Handleiding", "Handleiding"),
    ("en", "User guide", "User guide"),
])  # fmt: skip
def test_the_footer_links_to_the_guide_in_the_chosen_language(
    language: str, name: str, heading: str
) -> None:
    client = Client()
    if language == "en":
        client.post("/taal/", {"language": "en", "next": "/"})
    login = client.get("/account/inloggen/").content.decode()
    footer = login.split('<footer class="st-page-footer">', 1)[1]
    link = re.search(
        rf'<a class="utrecht-link" href="([^"]+)" lang="{language}">{name}</a>', footer
    )
    assert link, footer
    guide = client.get(link.group(1))
    assert guide.status_code == 200
    body = b"".join(guide.streaming_content).decode()
    assert re.search(rf"<h1[^>]*>[^<]*{heading}", body), body[:300]


# -- The guide as HTML ---------------------------------------------------------------------
# The guide is written in plain Markdown (headings, paragraphs, lists, tables, images, links,
# bold, italics, code), which this small renderer turns into pages in the app's own style.


def rendered_guide() -> dict[Path, bytes]:
    """Every file the app serves for the guide: its pages and the screenshots they show."""
    files: dict[Path, bytes] = {}
    for source in _guide_sources():
        folder, language = SERVED[source.parent]
        name = "index.html" if source.name == "README.md" else f"{source.stem}.html"
        page = _page(source.read_text(encoding="utf-8"), language)
        files[folder / name] = page.encode("utf-8")
    for image in sorted(IMAGES.glob("*.png")):
        files[STATIC / "handleiding" / "beelden" / image.name] = image.read_bytes()
    return files


def write_served_guide() -> None:
    """Replace the app's copy of the guide with the current one."""
    expected = rendered_guide()
    for folder, _language in SERVED.values():
        for stale in {p for p in folder.rglob("*") if p.is_file()} - set(expected):
            stale.unlink()
    for path, content in expected.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _anchor(text: str) -> str:
    """The id a heading gets, the way code hosts make it, so links work in both places."""
    plain = re.sub(r"[*`]|\[([^\]]*)\]\([^)]*\)", r"\1", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", plain).replace(" ", "-")


def _anchors(markdown: str) -> set[str]:
    return {_anchor(line.lstrip("#")) for line in markdown.splitlines() if line.startswith("#")}


def _link_target(target: str) -> str:
    path, hash_sign, anchor = target.partition("#")
    if not re.match(r"[a-z]+:", path) and path.endswith(".md"):
        folder, _, name = path.rpartition("/")
        html_name = "index.html" if name == "README.md" else name[:-3] + ".html"
        path = f"{folder}/{html_name}" if folder else html_name
    return path + hash_sign + anchor


def _inline(text: str) -> str:
    codes: list[str] = []

    def keep_code(found: re.Match[str]) -> str:
        codes.append(f"<code>{found.group(1)}</code>")
        return f"\x00{len(codes) - 1}\x00"

    out = html.escape(text, quote=True)
    out = re.sub(r"`([^`]+)`", keep_code, out)
    out = re.sub(r"!\[([^\]]*)\]\(([^)\s]+)\)", lambda m: f'<img src="{m[2]}" alt="{m[1]}">', out)
    out = re.sub(
        r"\[([^\]]+)\]\(([^)\s]+)\)",
        lambda m: f'<a class="utrecht-link" href="{_link_target(m[2])}">{m[1]}</a>',
        out,
    )
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", out)
    return re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m[1])], out)


def _blocks(markdown: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in markdown.splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _list_items(block: list[str], marker: str) -> list[str]:
    items: list[str] = []
    for line in block:
        if re.match(marker, line):
            items.append(re.sub(marker, "", line, count=1))
        else:
            items[-1] += " " + line.strip()
    return items


def _table(block: list[str]) -> str:
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in block]
    head, body = rows[0], rows[2:]
    cells = "".join(f'<th scope="col">{_inline(cell)}</th>' for cell in head)
    lines = [f'<table class="utrecht-table"><thead><tr>{cells}</tr></thead><tbody>']
    for row in body:
        lines.append("<tr>" + "".join(f"<td>{_inline(cell)}</td>" for cell in row) + "</tr>")
    return "\n".join([*lines, "</tbody></table>"])


def _html_block(block: list[str]) -> str:
    first = block[0]
    heading = re.match(r"(#{1,4}) (.+)", first)
    if heading and len(block) == 1:
        level, text = len(heading[1]), heading[2]
        return (
            f'<h{level} class="utrecht-heading-{level}" id="{_anchor(text)}">'
            f"{_inline(text)}</h{level}>"
        )
    if re.fullmatch(r"!\[[^\]]*\]\([^)\s]+\)", first) and len(block) == 1:
        return f'<figure class="st-figure">{_inline(first)}</figure>'
    if first.startswith("|"):
        return _table(block)
    for marker, tag in ((r"^- ", "ul"), (r"^\d+\. ", "ol")):
        if re.match(marker, first):
            items = "".join(f"<li>{_inline(item)}</li>" for item in _list_items(block, marker))
            return f"<{tag}>{items}</{tag}>"
    if first.startswith("> "):
        text = " ".join(line.removeprefix(">").strip() for line in block)
        return f'<div class="st-guidance"><p class="utrecht-paragraph">{_inline(text)}</p></div>'
    text = " ".join(line.strip() for line in block)
    return f'<p class="utrecht-paragraph">{_inline(text)}</p>'


PAGE = """<!DOCTYPE html>
<html lang="{language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} · Stramien</title>
  <link rel="stylesheet" href="../stramien.css">
  <link rel="icon" href="data:,">
</head>
<body class="utrecht-document utrecht-theme">
  <header class="st-page-header">
    <div class="st-page-header__inner">
      <a class="st-logo" href="/"><span aria-hidden="true">▦</span> Stramien</a>
      <nav class="st-account-nav" aria-label="{nav}">
        <ul class="st-inline-list"><li><a class="utrecht-link" href="index.html">{nav}</a></li></ul>
      </nav>
    </div>
  </header>
  <main id="inhoud" class="st-main">
{body}
  </main>
</body>
</html>
"""


def _page(markdown: str, language: str) -> str:
    blocks = _blocks(markdown)
    title = re.sub(r"[*`]", "", blocks[0][0].lstrip("# ").strip())
    body = "\n".join(_html_block(block) for block in blocks)
    nav = "Handleiding" if language == "nl" else "User guide"
    return PAGE.format(language=language, title=html.escape(title), nav=nav, body=body)
