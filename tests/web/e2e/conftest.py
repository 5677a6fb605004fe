"""Browser tests: pytest-django's live server driven by headless Chromium through Playwright.

Debian's Chromium is used (``/usr/bin/chromium``, or ``STRAMIEN_CHROMIUM``); Playwright's own
browser download is not needed. Without a browser the tests are skipped, unless ``CI`` is set:
then they fail, so that a CI set-up without a browser does not pass unnoticed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

from ..conftest import client_for

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Playwright waits at most this long for an element or a page (milliseconds).
TIMEOUT_MS = 20_000


def chromium_executable() -> str | None:
    """The Chromium to drive: ``STRAMIEN_CHROMIUM`` if set, else Debian's, else one on PATH."""
    configured = os.environ.get("STRAMIEN_CHROMIUM", "").strip()
    candidates = (
        [configured]
        if configured
        else ["/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")]
    )
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set, so the browser tests must run", pytrace=False)
    pytest.skip(f"{reason}: browser tests skipped")


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """One headless Chromium for all browser tests of this package."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed")
    executable = chromium_executable()
    if executable is None:
        _unavailable("No Chromium found (/usr/bin/chromium, or set STRAMIEN_CHROMIUM)")
    # Playwright's sync API keeps an asyncio loop running in this thread, so Django refuses
    # ORM calls from the test ("SynchronousOnlyOperation"). The calls are safe here: the
    # loop never runs Django code. Test-only, and only while the browser is up.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                yield launched
            finally:
                launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(browser: Any, live_server: Any) -> Iterator[Any]:
    """Make browser contexts (one per person) on the live server; closed after the test."""
    contexts: list[Any] = []

    def make(user: Any = None, **options: Any) -> Any:
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", accept_downloads=True, **options
        )
        context.set_default_timeout(TIMEOUT_MS)
        if user is not None:
            log_in_context(context, user, live_server.url)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def log_in_context(context: Any, user: Any, base_url: str) -> None:
    """Give a browser context the session of ``user`` without going through the login form."""
    session = client_for(user).cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": session.value, "url": base_url}])
