"""Screenshots of every main page of the demo, at a desktop's and a phone's width, for a
reviewer to page through.

With ``STRAMIEN_SCREENSHOTS=1`` every page in :data:`SCREENS` is photographed at 1280 and at
390 px wide, each in the role that uses it, into ``STRAMIEN_SCREENSHOTS_DIR`` (default: a
temporary folder of pytest, printed at the end) with an ``index.html`` that shows them in
order, with links to the previous and the next page. Without it, one page is opened at each
width. Either way every page opened must fit its width: nothing may make it scroll sideways.

    STRAMIEN_SCREENSHOTS=1 STRAMIEN_SCREENSHOTS_DIR=/tmp/beelden \\
        python -m pytest tests/web/e2e/test_screenshots.py
"""

from __future__ import annotations

import html
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from stramien.web.demo import create_demo
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import SECTIONS
from stramien.web.publication import actions as publication_actions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WRITE = os.environ.get("STRAMIEN_SCREENSHOTS", "") == "1"
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "mobiel": {"width": 390, "height": 844}}
# A page of the demo can be many screens long; a shot shows at most this much of it.
MAX_HEIGHT = 6000
# How far a page reaches beyond the viewport, and what sticks out furthest.
_WIDTH = """() => {
  const width = window.innerWidth;
  let widest = null;
  for (const element of document.querySelectorAll("body *")) {
    const right = element.getBoundingClientRect().right;
    if (right > width + 0.5 && (!widest || right > widest.right)) {
      widest = {right, name: `${element.tagName.toLowerCase()}.${element.className}`};
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, widest};
}"""


@dataclass(frozen=True)
class Screen:
    name: str
    title: str
    role: str  # a demo account's username, or "" for a visitor without an account
    path: Callable[[Programme], str]


def _base(programme: Programme) -> str:
    return f"/programmas/{programme.slug}"


def _first(programme: Programme, part: str) -> str:
    return str(programme.head_document[part][0]["id"])


#: The main pages, in the order a reviewer goes through them.
SCREENS: tuple[Screen, ...] = (
    Screen("inloggen", "Inloggen", "", lambda p: "/account/inloggen/"),
    Screen("programmas", "Mijn programma's", "regisseur", lambda p: "/programmas/"),
    Screen("nieuw", "Nieuw programma", "regisseur", lambda p: "/programmas/nieuw/"),
    Screen("overzicht", "Overzicht van het programma", "regisseur", lambda p: f"{_base(p)}/"),
    *(
        Screen(
            f"onderdeel-{section.key}",
            f"{section.number} {section.title}",
            "regisseur",
            lambda p, key=section.key: f"{_base(p)}/onderdeel/{key}/",
        )
        for section in SECTIONS
    ),
    Screen(
        "doel",
        "Eén doel op een eigen pagina",
        "regisseur",
        lambda p: f"{_base(p)}/onderdeel/doelen/item/{_first(p, 'goals')}/",
    ),
    Screen(
        "onze-organisatie",
        "Onze organisatie (partner)",
        "partner",
        lambda p: f"{_base(p)}/eigen-organisatie/",
    ),
    Screen("deelnemers", "Deelnemers", "regisseur", lambda p: f"{_base(p)}/deelnemers/"),
    Screen("geschiedenis", "Geschiedenis", "regisseur", lambda p: f"{_base(p)}/geschiedenis/"),
    Screen("versie", "Versie 1", "regisseur", lambda p: f"{_base(p)}/versie/1/"),
    Screen(
        "vergelijken", "Twee versies vergelijken", "regisseur", lambda p: f"{_base(p)}/vergelijken/"
    ),
    Screen("vaststelling", "Vaststelling", "regisseur", lambda p: f"{_base(p)}/vaststelling/"),
    Screen(
        "monitoring", "Monitoring: het dashboard", "monitor", lambda p: f"{_base(p)}/monitoring/"
    ),
    Screen(
        "indicator",
        "Monitoring: één indicator",
        "monitor",
        lambda p: f"{_base(p)}/monitoring/indicator/{_first(p, 'indicators')}/",
    ),
    Screen(
        "inlezen",
        "Monitoring: metingen inlezen",
        "monitor",
        lambda p: f"{_base(p)}/monitoring/inlezen/",
    ),
    Screen(
        "beoordelen",
        "Monitoring: beoordelen",
        "regisseur",
        lambda p: f"{_base(p)}/monitoring/beoordelen/",
    ),
    Screen(
        "ontbrekend",
        "Monitoring: wat ontbreekt",
        "regisseur",
        lambda p: f"{_base(p)}/monitoring/ontbrekend/",
    ),
    Screen(
        "mijlpalen",
        "Monitoring: mijlpalen",
        "monitor",
        lambda p: f"{_base(p)}/monitoring/mijlpalen/",
    ),
    Screen(
        "financien",
        "Monitoring: financiën",
        "monitor",
        lambda p: f"{_base(p)}/monitoring/financien/",
    ),
    Screen(
        "rapportage",
        "Voortgangsrapportage",
        "regisseur",
        lambda p: f"{_base(p)}/monitoring/rapportage/",
    ),
    Screen("logboek", "Logboek", "regisseur", lambda p: f"{_base(p)}/logboek/"),
    Screen("meldingen", "Mijn meldingen", "regisseur", lambda p: "/account/meldingen/"),
    Screen("openbaar", "De openbare pagina", "", lambda p: f"/openbaar/{p.slug}/"),
)
#: Without STRAMIEN_SCREENSHOTS: the one page opened at each width.
SAMPLE = "overzicht"


def _demo() -> tuple[Programme, dict[str, Any]]:
    programme = create_demo(verbose=False)["programme"]
    users = {u.username: u for u in get_user_model().objects.all()}
    publication_actions.set_public(acting_user=users["regisseur"], programme=programme, public=True)
    return programme, users


def _save_png(data: bytes, path: Path) -> None:
    """A screenshot as a small PNG: a palette of 128 colours is plenty for a page on screen."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    small = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, format="PNG", optimize=True)


def _shoot(page: Any, path: Path) -> None:
    height = min(page.evaluate("() => document.documentElement.scrollHeight"), MAX_HEIGHT)
    width = page.viewport_size["width"]
    data = page.screenshot(full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})
    _save_png(data, path)


def _index(shots: list[tuple[int, Screen, str]], folder: Path) -> Path:
    """The reviewer's page: every screen in order, desktop beside mobile, with links on."""
    items = []
    for position, (number, screen, url) in enumerate(shots):
        links = []
        if position > 0:
            links.append(f'<a href="#s{shots[position - 1][0]}">vorige</a>')
        if position < len(shots) - 1:
            links.append(f'<a href="#s{shots[position + 1][0]}">volgende</a>')
        pictures = "".join(
            f'<figure><a href="{name}"><img src="{name}" alt="{html.escape(screen.title)}, '
            f'{label}" width="{WIDTHS[label]["width"] // 2}"></a><figcaption>{label} '
            f"({WIDTHS[label]['width']} px)</figcaption></figure>"
            for label, name in (
                (label, f"{number:02d}-{screen.name}-{label}.png") for label in WIDTHS
            )
        )
        items.append(
            f'<section id="s{number}"><h2>{number}. {html.escape(screen.title)}</h2>'
            f"<p>{html.escape(url)} · als {html.escape(screen.role or 'bezoeker')} · "
            f'{" · ".join(links)}</p><div class="pair">{pictures}</div></section>'
        )
    contents = "".join(
        f'<li><a href="#s{number}">{html.escape(screen.title)}</a></li>'
        for number, screen, _url in shots
    )
    page = (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        "<title>Stramien: de pagina's van de demo</title><style>"
        "body{font-family:sans-serif;max-width:80rem;margin:auto;padding:1rem}"
        ".pair{display:flex;gap:1rem;align-items:flex-start;flex-wrap:wrap}"
        "figure{margin:0}img{border:1px solid #ccc;height:auto}"
        "</style></head><body><h1>Stramien: de pagina's van de demo</h1>"
        f"<ol>{contents}</ol>{''.join(items)}</body></html>\n"
    )
    index = folder / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def _folder(tmp_path: Path) -> Path:
    configured = os.environ.get("STRAMIEN_SCREENSHOTS_DIR", "").strip()
    folder = Path(configured) if configured else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_every_main_page_at_desktop_and_phone_width(new_context: Any, tmp_path: Path) -> None:
    programme, users = _demo()
    screens = [s for s in SCREENS if WRITE or s.name == SAMPLE]
    folder = _folder(tmp_path) if WRITE else None
    pages: dict[tuple[str, str], Any] = {}
    too_wide, shots = [], []
    for number, screen in enumerate(screens, start=1):
        url = screen.path(programme)
        for label, viewport in WIDTHS.items():
            key = (screen.role, label)
            if key not in pages:
                user = users[screen.role] if screen.role else None
                pages[key] = new_context(user, viewport=viewport).new_page()
            page = pages[key]
            response = page.goto(url)
            assert response is not None and response.status == 200, (url, label, response)
            measured = page.evaluate(_WIDTH)
            if measured["scrollWidth"] > measured["width"]:
                too_wide.append(f"{url} at {measured['width']} px: {measured}")
            if folder is not None:
                _shoot(page, folder / f"{number:02d}-{screen.name}-{label}.png")
        shots.append((number, screen, url))
    if folder is not None:
        index = _index(shots, folder)
        assert len(list(folder.glob("*.png"))) >= 2 * len(SCREENS)
        print(f"\nscreenshots: {index}")
    assert not too_wide, "pages wider than the screen:\n" + "\n".join(too_wide)
