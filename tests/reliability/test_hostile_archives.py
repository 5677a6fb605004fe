"""Hostile archives through the create page's archive option, ``stramien verify`` and
``stramien import``; and the Logboek CSV, which must not hand a spreadsheet a formula.

The archives are made from a real export (``_corpus.archives``): wrong checksums, broken
containers, zip bombs, path traversal, attachments that are HTML, data a forger can give a
valid checksum. A sound archive is imported; every other one is refused with a Dutch message
and leaves the database exactly as it was; nothing answers 5xx or takes longer than 30 s.
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stramien.web.archives.selectors import export_data
from stramien.web.programmes.models import Membership, Programme

from . import _corpus as corpus
from ._judge import HANG_SECONDS, deadline, not_dutch, run_cli
from ._serve import run_stramien, server_environment
from ._snapshot import changed, snapshot
from .conftest import client_for, make_user, run_database_url

pytestmark = pytest.mark.reliability

#: The archives also sent through ``stramien import`` in a process of its own.
THROUGH_THE_COMMAND = (
    "sound",
    "checksum-space-added",
    "manifest-deep",
    "data-deep-nesting",
    "bomb-declared-600mb",
    "attachment-content-type-text/html",
    "comment-without-section",
)


@pytest.fixture
def hostile_archives(rich_programme: Any) -> list[corpus.ArchiveInput]:
    return corpus.archives(export_data(rich_programme))


def _problems(page_text: str) -> list[str]:
    """The problems the create page lists, and the messages at its form fields."""
    block = re.search(r'<ul class="[^"]*st-problems[^"]*">(.*?)</ul>', page_text, re.S)
    items = re.findall(r"<li>(.*?)</li>", block.group(1), re.S) if block else []
    for at_field in re.findall(
        r'<div class="utrecht-form-field-error-message"[^>]*>(.*?)</div>', page_text, re.S
    ):
        items += re.findall(r"<p>(.*?)</p>", at_field, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in items]


@pytest.mark.django_db
def test_import_on_the_create_page(
    people: dict[str, Any], hostile_archives: list[corpus.ArchiveInput]
) -> None:
    importer = people["lezer"]
    client = client_for(importer)
    url = reverse("programmes:create")
    failures: list[str] = []
    for archive in hostile_archives:
        before = snapshot()
        upload = SimpleUploadedFile("programma.stramien.zip", archive.data, "application/zip")
        try:
            with deadline():
                response = client.post(url, {"start": "archive", "upload": upload})
        except Exception as exc:  # the test client re-raises what the view raised
            failures.append(f"{archive.label}: {type(exc).__name__}: {str(exc)[:300]}")
            continue
        corpus.count(f"web archive import: {archive.family}")
        if response.status_code >= 500:
            failures.append(f"{archive.label}: {response.status_code}")
            continue
        if response.status_code == 302:
            if archive.expect == "refuse":
                failures.append(f"{archive.label}: imported, though it should be refused")
            slug = response["Location"].strip("/").split("/")[-1]
            imported = Programme.objects.get(slug=slug)
            for attachment in imported.attachments.all():
                served = client.get(
                    reverse("programmes:attachment", args=[slug, "NAAM"]).replace(
                        "NAAM", quote(attachment.name, safe="")
                    )
                )
                kind = served.get("Content-Type", "")
                if served.status_code >= 500 or (
                    served.status_code == 200
                    and not kind.startswith("image/")
                    and "attachment" not in served.get("Content-Disposition", "")
                ):
                    failures.append(
                        f"{archive.label}: attachment served as {served.status_code} {kind} inline"
                    )
            others = Membership.objects.filter(programme=imported).exclude(user=importer)
            if others.exists():
                failures.append(
                    f"{archive.label}: the archive made {[m.user.username for m in others]} members"
                )
            continue
        if archive.expect == "ok":
            failures.append(
                f"{archive.label}: a sound archive was refused: "
                f"{_problems(response.content.decode())}"
            )
        problems = _problems(response.content.decode())
        if not problems:
            failures.append(f"{archive.label}: refused without saying why")
        for problem in problems:
            reasons = not_dutch(problem)
            if reasons:
                failures.append(f"{archive.label}: {reasons}: {problem[:300]}")
        if snapshot() != before:
            failures.append(
                f"{archive.label}: refused, but the database changed: {changed(before, snapshot())}"
            )
    assert not failures, "\n" + "\n".join(failures)


@pytest.mark.django_db
def test_import_leaves_existing_accounts_alone(rich_programme: Any, people: dict[str, Any]) -> None:
    """The archive names existing accounts as its people (a regisseur among them): none
    becomes a member of the imported programme, none is changed."""
    data = export_data(rich_programme)
    data["people"] = [
        {
            "username": "outsider",
            "email": "aanvaller@example.org",
            "first_name": "Over",
            "last_name": "Genomen",
            "role": "regisseur",
            "party_id": "",
        },
        {
            "username": "staff",
            "email": "x@example.org",
            "first_name": "",
            "last_name": "",
            "role": "partner",
            "party_id": "gem-apeldoorn",
        },
    ]
    for row in data["revisions"]:
        row["author"] = "outsider"
    raw = corpus._rewrite(data)
    client = client_for(people["lezer"])
    upload = SimpleUploadedFile("p.stramien.zip", raw, "application/zip")
    response = client.post(reverse("programmes:create"), {"start": "archive", "upload": upload})
    assert response.status_code == 302
    imported = Programme.objects.get(slug=response["Location"].strip("/").split("/")[-1])
    members = set(
        Membership.objects.filter(programme=imported).values_list("user__username", flat=True)
    )
    assert members == {"lezer"}
    people["outsider"].refresh_from_db()
    assert people["outsider"].email == "outsider@example.org"
    assert (
        client_for(people["outsider"])
        .get(reverse("programmes:overview", args=[imported.slug]))
        .status_code
        == 404
    )


def test_stramien_verify(tmp_path: Path, hostile_archives: list[corpus.ArchiveInput]) -> None:
    failures: list[str] = []
    for number, archive in enumerate(hostile_archives):
        path = tmp_path / f"{number:02d}.stramien.zip"
        path.write_bytes(archive.data)
        run = run_cli(["verify", str(path)])
        corpus.count(f"cli verify: {archive.family}")
        if run.crash or "Traceback" in run.err:
            failures.append(f"{archive.label}: {run.crash or run.err}"[-500:])
            continue
        if run.seconds > HANG_SECONDS:
            failures.append(f"{archive.label}: {run.seconds:.0f} s")
        if archive.expect == "ok" and run.code != 0:
            failures.append(f"{archive.label}: a sound archive fails: {run.err[:300]}")
        if archive.expect == "refuse" and run.code == 0:
            # verify checks the container and the chain only; what it passes, import checks.
            continue
        for line in run.err.splitlines():
            reasons = not_dutch(line.split(": ", 1)[-1])
            if reasons:
                failures.append(f"{archive.label}: {reasons}: {line[:300]}")
    assert not failures, "\n" + "\n".join(failures)


@pytest.mark.slow
def test_stramien_import_command(
    transactional_db: Any,
    people: dict[str, Any],
    hostile_archives: list[corpus.ArchiveInput],
    tmp_path: Path,
    settings: Any,
) -> None:
    """``stramien import ARCHIEF --as USER`` in a process of its own, on this run's database."""
    env = server_environment(tmp_path, database=run_database_url(), SECRET_KEY=settings.SECRET_KEY)
    chosen = [a for a in hostile_archives if a.label in THROUGH_THE_COMMAND]
    assert len(chosen) == len(THROUGH_THE_COMMAND)
    failures: list[str] = []
    for archive in chosen:
        path = tmp_path / "programma.stramien.zip"
        path.write_bytes(archive.data)
        before = Programme.objects.count()
        try:
            done = run_stramien(
                ["import", str(path), "--as", "lezer", "--data", str(tmp_path)],
                env,
                timeout=HANG_SECONDS + 15,
            )
        except Exception as exc:
            failures.append(f"{archive.label}: {type(exc).__name__}: {exc}")
            continue
        corpus.count(f"cli import: {archive.family}")
        created = Programme.objects.count() - before
        if "Traceback" in done.stderr or done.returncode not in (0, 1, 2):
            failures.append(f"{archive.label}: exit {done.returncode}: {done.stderr[-600:]}")
            continue
        if archive.expect == "ok" and (done.returncode != 0 or created != 1):
            failures.append(f"{archive.label}: not imported: {done.stderr[:300]}")
        if archive.expect == "refuse":
            if done.returncode == 0 or created:
                failures.append(f"{archive.label}: imported, though it should be refused")
            for line in done.stderr.splitlines():
                reasons = not_dutch(line.split(": ", 1)[-1])
                if reasons:
                    failures.append(f"{archive.label}: {reasons}: {line[:300]}")
    assert not failures, "\n" + "\n".join(failures)


# --- The Logboek CSV ---------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@")


def _formula_cells(body: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    return [cell for row in rows[1:] for cell in row[1:] if cell.startswith(FORMULA_START)]


@pytest.mark.django_db
def test_audit_csv_defuses_formulas_from_an_archive(
    rich_programme: Any, people: dict[str, Any]
) -> None:
    """User names and actions an archive brings along land in the Logboek CSV."""
    data = export_data(rich_programme)
    names = [text for family, text in corpus.payloads() if family == "csv"]
    for index, entry in enumerate(data["audit"]):
        entry["actor"] = names[index % len(names)]
    data["audit"].append(
        {
            "actor": names[0],
            "action": names[0],
            "revision_number": 1,
            "details": {"bericht": names[1]},
            "created_at": None,
        }
    )
    for index, row in enumerate(data["revisions"]):
        row["author"] = names[index % len(names)]
    raw = corpus._rewrite(data)
    client = client_for(people["regisseur"])
    upload = SimpleUploadedFile("p.stramien.zip", raw, "application/zip")
    response = client.post(reverse("programmes:create"), {"start": "archive", "upload": upload})
    assert response.status_code == 302
    slug = response["Location"].strip("/").split("/")[-1]
    exported = client.get(reverse("programmes:audit_csv", args=[slug]))
    assert exported.status_code == 200
    corpus.count("csv export: archive with formulas")
    assert _formula_cells(b"".join(exported.streaming_content)) == []


@pytest.mark.django_db
def test_audit_csv_defuses_formulas_in_user_names(programme: Any, people: dict[str, Any]) -> None:
    """Registering accepts user names of letters, digits and @ . + - _: such a name can
    start like a formula, and the Logboek shows who did what."""
    from stramien.web.programmes import actions

    for name in ("-2+3", "+31612345678", "@SOM"):
        user = make_user(name)
        Membership.objects.create(programme=programme, user=user, role="regisseur")
        actions.add_comment(
            acting_user=user, programme=programme, section="ambitie", body=f"Opmerking van {name}"
        )
    exported = client_for(people["regisseur"]).get(
        reverse("programmes:audit_csv", args=[programme.slug])
    )
    corpus.count("csv export: user names", 3)
    assert _formula_cells(b"".join(exported.streaming_content)) == []
