"""A database made before the web layer was split into apps migrates without losing a row.

``data/main-before-apps.sqlite3.gz`` was made by the code of that time
(``data/make_main_before_apps.py``): a programme with two revisions, a partner, a comment
thread, an image, an invitation, an e-mail preference and an open approval round. The
tables keep their names; only Django's picture of which app owns which model changes.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

FIXTURE = Path(__file__).parent / "data" / "main-before-apps.sqlite3.gz"

CHECK = """
import json
from stramien.web.agreeing.models import ApprovalRound
from stramien.web.audit.models import AuditEntry
from stramien.web.accounts.models import NotificationPreference
from stramien.web.archives.selectors import verify_programme
from stramien.web.programmes.models import Attachment, Comment, Invitation, Programme
from stramien.web.programmes.store import document_at
programme = Programme.objects.get()
print(json.dumps({
    "head": programme.head_number,
    "statement": document_at(programme, 2)["ambition"]["statement"],
    "first_name": document_at(programme, 1)["programme"]["name"],
    "audit": sorted(AuditEntry.objects.filter(programme=programme).values_list("action",
                                                                                 flat=True)),
    "rounds": list(ApprovalRound.objects.values_list("status", "revision_number")),
    "invitations": list(Invitation.objects.values_list("email", "role")),
    "comments": Comment.objects.count(),
    "attachments": Attachment.objects.count(),
    "mail_off": list(NotificationPreference.objects.filter(email_enabled=False)
                     .values_list("user__username", flat=True)),
    "problems": verify_programme(programme),
}))
"""


def _stramien(database: Path, *args: str) -> str:
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "STRAMIEN_DATA_DIR": str(database.parent),
        "STRAMIEN_PRERENDER": "0",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-m", "stramien.cli", "manage", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_database_from_before_the_apps_migrates_without_loss(tmp_path: Path) -> None:
    database = tmp_path / "stramien.sqlite3"
    database.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    before = _stramien(database, "showmigrations", "programmes", "accounts")
    assert "[ ] 0004_models_to_their_apps" in before
    _stramien(database, "migrate", "--no-input")
    after = _stramien(database, "showmigrations", "audit", "agreeing", "programmes", "accounts")
    assert "[ ]" not in after
    found = json.loads(_stramien(database, "shell", "-c", CHECK).strip().splitlines()[-1])
    assert found["head"] == 2
    assert found["statement"] == "Samen maken we de wijk sterker."
    assert found["first_name"].startswith("Samen Zonnehof")
    assert found["audit"] == [
        "attachment.add",
        "comment.add",
        "comment.reply",
        "invitation.create",
        "programme.create",
        "revision.save",
        "round.propose",
    ]
    assert found["rounds"] == [["open", 2]]
    assert found["invitations"] == [["new@example.org", "lezer"]]
    assert found["comments"] == 2
    assert found["attachments"] == 1
    assert found["mail_off"] == ["partner"]
    assert found["problems"] == []


@pytest.mark.django_db(transaction=True)
def test_moving_the_models_back_and_forth_keeps_every_row(
    programme: Any, people: dict[str, Any]
) -> None:
    """The same migrations on the database this run uses (SQLite or PostgreSQL): back to
    before the split and forward again, with a programme, its audit trail and a round."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from stramien.web.agreeing import actions as agreeing
    from stramien.web.agreeing.models import ApprovalRound
    from stramien.web.audit.models import AuditEntry
    from stramien.web.programmes.models import Revision

    agreeing.propose(acting_user=people["regisseur"], programme=programme, number=1)
    tables = ("programmes_revision", "programmes_auditentry", "programmes_approvalround")

    def counts() -> list[int]:
        with connection.cursor() as cursor:
            found = []
            for table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                found.append(cursor.fetchone()[0])
            return found

    before = counts()
    assert all(before)
    executor = MigrationExecutor(connection)
    executor.migrate(
        [("programmes", "0003_head_document_lz4"), ("accounts", "0002_notificationpreference")]
    )
    assert counts() == before
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert counts() == before
    assert ApprovalRound.objects.get().revision_number == 1
    assert AuditEntry.objects.filter(action="round.propose").exists()
    assert Revision.objects.filter(programme=programme).count() == 1
