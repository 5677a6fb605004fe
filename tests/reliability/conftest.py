"""Set-up for the reliability suite.

The database tests run against the database of the run: SQLite by default, PostgreSQL when
``DATABASE_URL`` points to it (pytest-django makes a fresh ``test_`` database either way).
Servers started by a test (``stramien serve`` in a process of its own) are pointed at that
same test database, so the test can look at what they stored with the ORM.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stramien.web.programmes import actions
from stramien.web.programmes.models import Programme
from web.conftest import (
    _dutch_to_begin_with,
    _no_login_lockout,
    people,
    programme,
    small_agreement,
)

from ._scenario import EXAMPLES, client_for, make_user
from ._serve import Server, database_url, server_environment

# The web suite's accounts, programme and set-up, and this suite's own helpers.
__all__ = [
    "EXAMPLES",
    "_dutch_to_begin_with",
    "_no_login_lockout",
    "client_for",
    "make_user",
    "people",
    "programme",
    "small_agreement",
]
ROLES = ("regisseur", "partner", "other_partner", "lezer", "outsider", "staff", "anonymous")


def env_int(name: str, default: int) -> int:
    """A size the environment may change (e.g. STRAMIEN_RELIABILITY_EDITS=200 locally)."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def run_database_url() -> str:
    """The DATABASE_URL of this run's test database (for a server in its own process)."""
    from django.db import connection

    return database_url(connection.settings_dict)


@pytest.fixture
def live_stramien(transactional_db: Any, tmp_path: Path, settings: Any) -> Iterator[Any]:
    """Start ``stramien serve`` processes on this run's test database; stopped afterwards.

    Sessions made here (``session_cookie``) are valid there: the server gets this process's
    SECRET_KEY.
    """
    started: list[Server] = []

    def start(name: str = "server", threads: int = 8) -> Server:
        folder = tmp_path / name
        folder.mkdir()
        env = server_environment(
            folder, database=run_database_url(), SECRET_KEY=settings.SECRET_KEY
        )
        server = Server(folder, env, threads=threads)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def rich_programme(programme: Programme, people: dict[str, Any]) -> Programme:
    """The programme with what an archive carries besides revisions: comments (a thread with
    a reply), an attachment (the artist impression, revision 2), an approval round with a
    decision, and an open invitation."""
    from stramien.web.agreeing import actions as agreeing
    from stramien.web.programmes import members

    from ._corpus import png

    comment = actions.add_comment(
        acting_user=people["partner"], programme=programme, section="ambitie", body="Korter?"
    )
    actions.add_comment(
        acting_user=people["regisseur"],
        programme=programme,
        section="ambitie",
        body="Ja.",
        thread=comment,
    )
    actions.attach_artist_impression(
        acting_user=people["regisseur"],
        programme=programme,
        data=png(),
        alt_text="Het wijkhart",
        original_name="impressie.png",
    )
    programme.refresh_from_db()
    round_ = agreeing.propose(
        acting_user=people["regisseur"], programme=programme, number=programme.head_number
    )
    agreeing.decide(
        acting_user=people["partner"],
        programme=programme,
        round_id=round_.pk,
        revision_hash=round_.revision_hash,
        approve=True,
    )
    members.invite(
        acting_user=people["regisseur"],
        programme=programme,
        email="nieuw@example.org",
        role="lezer",
    )
    programme.refresh_from_db()
    return programme
