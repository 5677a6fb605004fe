"""Twenty people edit one programme at once through a real server: nothing is lost.

``stramien serve`` runs in a process of its own on this run's test database (SQLite, or
PostgreSQL when DATABASE_URL points to it). Twenty browsers, each with its own session and
its own base revision, make at least STRAMIEN_RELIABILITY_EDITS (default 1,000) saves on
the small example, mixing same-field edits (real conflicts) and different-field edits
(merges). See ``_editors.py`` for what one editor does and what "lost" means, and
``_scenario.py`` for who edits what (``bench/bench_reliability.py`` runs the same).
"""

from __future__ import annotations

from typing import Any

import pytest

from stramien.web.programmes.store import document_at

from ._browser import Browser
from ._editors import lost_edits, run_editors, summary
from ._integrity import programme_problems
from ._scenario import plan, session_cookie, set_up
from .conftest import env_int

pytestmark = [pytest.mark.reliability, pytest.mark.slow]

EDITS = env_int("STRAMIEN_RELIABILITY_EDITS", 1000)
EDITORS = env_int("STRAMIEN_RELIABILITY_EDITORS", 20)
SEED = env_int("STRAMIEN_RELIABILITY_SEED", 20250611)


def test_twenty_editors_lose_no_edit(live_stramien: Any) -> None:
    scenario = set_up(EDITORS)
    programme = scenario.programme
    server = live_stramien("server", threads=8)
    editors, assignment = plan(scenario, server.url)

    ledger, _seconds = run_editors(
        editors, base_url=server.url, assignment=assignment, total=EDITS, seed=SEED
    )
    server.stop()
    counts = summary(ledger)
    print(f"\nconcurrent editors: {counts}")

    # Every POST was answered, none with a server error, none with a crash in the log.
    assert counts["posts"] >= EDITS, counts
    assert counts["5xx"] == 0, [a.problem for a in ledger if a.status >= 500][:3]
    assert server.tracebacks() == []
    # An edit that changed a text is saved, or refused with a conflict / a Dutch message;
    # never "nothing changed", never silence.
    allowed = {"saved", "conflict", "invalid"}
    odd = [
        (a.outcome, a.status, a.messages, a.problem[:300])
        for a in ledger
        if a.outcome not in allowed
    ]
    assert odd == []
    # The run really mixed both kinds of edit (or the checks below would prove little).
    assert counts.get("saved", 0) >= EDITS // 4, counts
    assert counts.get("conflict", 0) > 0, counts
    assert counts["merged"] > 0, counts

    programme.refresh_from_db()
    verdict = lost_edits(ledger, lambda n: document_at(programme, n), programme.head_document)
    assert verdict.silent == [], "\n".join(verdict.silent)
    assert verdict.lost == [], "\n".join(verdict.lost)
    assert verdict.wrong_conflicts == [], "\n".join(verdict.wrong_conflicts)
    # Each save made exactly one revision, and nothing else did (a conflict page saves the
    # parts that did not conflict as one revision too).
    numbers = sorted(
        a.revision for a in ledger if a.outcome in ("saved", "conflict") and a.revision
    )
    assert numbers == list(range(2, programme.head_number + 1))
    assert programme_problems(programme) == []


def test_fields_survive_a_round_trip_through_the_form(live_stramien: Any) -> None:
    """Sending a form back unchanged changes nothing: otherwise every save would touch
    fields its editor never saw, and merges would conflict on them."""
    scenario = set_up(1)
    programme = scenario.programme
    server = live_stramien("server", threads=2)
    browser = Browser(server.url, cookies=session_cookie(scenario.users[0]))
    for key in (
        "ambitie",
        "partnerschap",
        "realisatie",
        "doelen",
        "indicatoren",
        "effectmeting",
        "planning",
        "financien",
        "organisatie",
        "risicos",
        "bijlagen",
    ):
        page = f"/programmas/{programme.slug}/onderdeel/{key}/"
        form = browser.get(page).form_with("base_revision")
        answer = browser.submit(form, page)
        assert answer.status == 302, (key, answer.status)
        messages = browser.get(answer.location).messages
        assert any("niets gewijzigd" in text for _level, text in messages), (key, messages)
    programme.refresh_from_db()
    assert programme.head_number == 1
