"""``kill -9`` in the middle of a burst of saves: after a restart everything opens and verifies.

A fresh ``stramien serve`` (its own data folder; SQLite there, or a fresh PostgreSQL
database when this run's DATABASE_URL points to PostgreSQL) gets saves from several
browsers at once and is killed with SIGKILL while they are in flight, together with its
render worker. After the restart every programme opens, its integrity page says all is
well, no half-written revision exists (numbers 1..head, the cached newest document is the
newest revision), and every save the server had answered with "Opgeslagen als versie N"
is in version N: an acknowledged save survives the crash.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ._browser import Browser
from ._editors import SAVED, path_of
from ._serve import Server, run_stramien, server_environment

pytestmark = [pytest.mark.reliability, pytest.mark.slow]

INTEGRITY = Path(__file__).with_name("_integrity.py")
USERNAME, PASSWORD = "beheer", "een-lang-wachtwoord-voor-de-test"
PROGRAMMES = 3
BROWSERS = 6
# Saves acknowledged before the kill, per round (the kill comes at a random moment after).
ACKNOWLEDGED = 24
ROUNDS = 2
#: POSTs sent and not yet answered (read at the moment of the kill).
IN_FLIGHT = [0]
FIELDS = {
    "ambitie": ("s-ambition-statement", "s-programme-summary", "s-ambition-story"),
    "risicos": ("s-risks-conclusions", "s-risks-items-0-precautions"),
    "bijlagen": ("s-appendices-communication_plan", "s-appendices-risk_analysis"),
}


@contextlib.contextmanager
def fresh_database(tmp_path: Path) -> Iterator[str | None]:
    """None for SQLite in the data folder, else the URL of a new PostgreSQL database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield None
        return
    import dj_database_url
    import psycopg

    parsed = dj_database_url.parse(url)
    name = f"test_stramien_kill_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    params = {
        "host": parsed.get("HOST") or "127.0.0.1",
        "port": parsed.get("PORT") or 5432,
        "user": parsed.get("USER") or None,
        "password": parsed.get("PASSWORD") or None,
    }
    params = {k: v for k, v in params.items() if v}
    with psycopg.connect(dbname=str(parsed["NAME"]), autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(dbname=str(parsed["NAME"]), autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _burst(
    server: Server,
    cookies: dict[str, str],
    slugs: list[str],
    acknowledged: list[list[Any]],
    seed: int,
) -> tuple[threading.Event, list[threading.Thread], list[str]]:
    """Browsers that save until told to stop; acknowledged saves are noted as they come."""
    stop = threading.Event()
    lock = threading.Lock()
    problems: list[str] = []

    def browse(number: int) -> None:
        rng = random.Random(seed * 100 + number)
        browser = Browser(server.url, cookies=cookies)
        count = 0
        while not stop.is_set():
            slug = rng.choice(slugs)
            key = rng.choice(sorted(FIELDS))
            name = rng.choice(FIELDS[key])
            page = f"/programmas/{slug}/onderdeel/{key}/"
            count += 1
            text = f"Opslag {seed}-{number}-{count} voor de crashtest"
            try:
                form = browser.get(page).form_with("base_revision")
                form.set(name, text)
                with lock:
                    IN_FLIGHT[0] += 1
                try:
                    answer = browser.submit(form, page)
                finally:
                    with lock:
                        IN_FLIGHT[0] -= 1
                if answer.status >= 500:
                    with lock:
                        problems.append(f"{page}: {answer.status}")
                    continue
                if answer.status != 302:
                    continue  # a conflict with another browser: nothing was saved
                messages = browser.get(answer.location).messages
            except (OSError, LookupError, http.client.HTTPException):
                browser.close()  # the server is gone (or answered half a page)
                if stop.is_set():
                    return
                time.sleep(0.05)
                continue
            for _level, message in messages:
                found = SAVED.search(message)
                if found:
                    with lock:
                        acknowledged.append([slug, int(found.group(1)), list(path_of(name)), text])

    threads = [threading.Thread(target=browse, args=(n,), daemon=True) for n in range(BROWSERS)]
    for thread in threads:
        thread.start()
    return stop, threads, problems


def _inspect(server: Server, expected: list[list[Any]]) -> dict[str, Any]:
    expect = server.data_dir / "expect.json"
    expect.write_text(json.dumps(expected), encoding="utf-8")
    finished = subprocess.run(
        [sys.executable, str(INTEGRITY), "--data", str(server.data_dir), "--expect", str(expect)],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    report: dict[str, Any] = json.loads(finished.stdout)
    return report


def test_kill_9_during_a_burst_of_saves(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with fresh_database(tmp_path) as database:
        env = server_environment(data, database=database, prerender=True)
        server = Server(data, env, threads=8)
        server.start()
        try:
            made = run_stramien(
                ["manage", "createsuperuser", "--noinput"],
                {
                    **env,
                    "STRAMIEN_DATA_DIR": str(data),
                    "DJANGO_SUPERUSER_USERNAME": USERNAME,
                    "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
                    "DJANGO_SUPERUSER_EMAIL": "beheer@example.org",
                },
            )
            assert made.returncode == 0, made.stderr
            browser = Browser(server.url)
            assert browser.log_in(USERNAME, PASSWORD).status == 302
            slugs = []
            for _ in range(PROGRAMMES):
                form = browser.get("/programmas/nieuw/").form_with("start")
                form.set("start", "template")
                form.set("template", "small")
                answer = browser.submit(form, "/programmas/nieuw/")
                assert answer.status == 302, answer.text[:500]
                slugs.append(answer.location.strip("/").split("/")[-1])
            acknowledged: list[list[Any]] = []
            rng = random.Random(7)
            in_flight: list[int] = []
            for round_number in range(1, ROUNDS + 1):
                start = len(acknowledged)
                stop, threads, problems = _burst(
                    server, browser.cookies, slugs, acknowledged, round_number
                )
                deadline = time.monotonic() + 60
                while len(acknowledged) - start < ACKNOWLEDGED and time.monotonic() < deadline:
                    time.sleep(0.02)
                time.sleep(rng.random() * 0.3)  # somewhere in the middle of the next saves
                in_flight.append(IN_FLIGHT[0])
                server.kill()
                stop.set()
                for thread in threads:
                    thread.join(timeout=40)
                assert problems == []
                assert len(acknowledged) - start >= ACKNOWLEDGED, "the burst did not get going"

                server.start(port=server.port)  # where its users will look for it
                browser.close()
                for slug in slugs:
                    assert browser.get(f"/programmas/{slug}/").status == 200, slug
                    integrity = browser.get(f"/programmas/{slug}/integriteit/")
                    assert integrity.status == 200, slug
                    assert any(
                        level == "ok" and text.startswith("Alles klopt")
                        for level, text in integrity.messages
                    ), integrity.messages
                report = _inspect(server, acknowledged)
                assert {slug: p["problems"] for slug, p in report["programmes"].items()} == {
                    slug: [] for slug in slugs
                }
                assert report["missing"] == []
            # The kills came while saves were on their way, not in a quiet moment.
            assert sum(in_flight) > 0, in_flight
            # What the render worker was making when it was killed is no half file now.
            heads = {slug: p["head"] for slug, p in _inspect(server, [])["programmes"].items()}
            for slug in slugs:
                head = heads[slug]
                pdf = browser.get(f"/programmas/{slug}/versie/{head}/download/pdf/")
                assert pdf.status == 200 and pdf.body.startswith(b"%PDF-"), slug
                assert pdf.body.rstrip().endswith(b"%%EOF"), slug
            assert server.tracebacks() == []
        finally:
            server.stop()
