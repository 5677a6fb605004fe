"""No broken image, script or stylesheet in Chromium: every page of the programmes,
publication and monitoring apps, of a blank, a half-filled and the demo programme. A page
fails on any request that does not load (failed, or answered 400 or more), on a console
error or an uncaught script error, and on any image the browser could not show."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ..walk import (
    blank_programme,
    demo_programme,
    half_filled_programme,
    item_links,
    pages_of,
    viewers,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Downloads and files (a version as YAML, the measurements, the calendar) are no pages.
_FILE = re.compile(r"/download/|\.\w+$")
# Every image on the page, lazy ones too, loaded; the ones the browser could not show.
_BROKEN_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach(image => { image.loading = "eager"; });
  await Promise.all(images.map(image => image.complete ? null : new Promise(done => {
    image.addEventListener("load", done, {once: true});
    image.addEventListener("error", done, {once: true});
  })));
  return images.filter(image => image.naturalWidth === 0)
    .map(image => image.currentSrc || image.src);
}"""


class Watch:
    """Listens on one browser page for everything that did not load or went wrong."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []
        self.url = ""
        page.on("requestfailed", lambda r: self._add(f"failed {r.url}: {r.failure}"))
        page.on("response", self._response)
        page.on("console", lambda m: m.type == "error" and self._add(f"console: {m.text}"))
        page.on("pageerror", lambda e: self._add(f"script error: {e}"))

    def _add(self, problem: str) -> None:
        self.problems.append(f"{self.url}: {problem}")

    def _response(self, response: Any) -> None:
        if response.request.resource_type != "document" and response.status >= 400:
            self._add(f"{response.request.resource_type} {response.url}: {response.status}")

    def open(self, url: str) -> Any:
        self.url = url
        return self.page.goto(url, wait_until="load")

    def broken_images(self) -> None:
        for src in self.page.evaluate(_BROKEN_IMAGES):
            self._add(f"image not shown: {src}")


def _walk(new_context: Any, programme: Any) -> tuple[int, list[str]]:
    watches = [Watch(new_context(user).new_page()) for user in viewers(programme)]
    public = Watch(new_context().new_page())
    pages = [url for url in pages_of(programme) if not _FILE.search(url)]
    opened, failed = 0, []
    while pages:
        url = pages.pop(0)
        # Asked first without the page: one that only takes a form (405) or is not for this
        # role (403) is no error, and Chromium shows nothing for an empty answer.
        for watch in [public] if url.startswith("/openbaar/") else watches:
            answer = watch.page.context.request.get(url, max_redirects=0)
            if answer.status != 403:
                break
        if answer.status in (302, 403, 405):
            continue
        response = watch.open(url)
        if answer.status != 200 or response is None or response.status != 200:
            failed.append(f"{url}: {answer.status}")
            continue
        opened += 1
        watch.broken_images()
        if "/onderdeel/" in url and "/item/" not in url:
            pages.extend(item_links(watch.page.content(), url))
    problems = failed + [p for w in [*watches, public] for p in w.problems]
    return opened, problems


@pytest.mark.parametrize(
    "make", [blank_programme, half_filled_programme, demo_programme], ids=lambda f: f.__name__
)
def test_every_page_in_chromium_loads_everything_it_asks_for(new_context: Any, make: Any) -> None:
    opened, problems = _walk(new_context, make())
    assert opened > 20, "hardly any page opened"
    assert not problems, "\n".join(problems)
