"""Benchmark: the web application on PostgreSQL, with many programmes and long histories.

    .venv/bin/python bench/bench_web.py [--programmes 1000] [--revisions 100] [--samples 200]
        [--database-url URL] [--reuse] [--fill {bulk,actions}] [--no-follow] [--repeat N]

    quick run: --programmes 20 --revisions 30 --samples 5 --database-url .../stramien_bench_quick

Fills its own database (default ``stramien_bench``; dropped and filled anew unless
``--reuse`` finds a complete fill of the same size; only a database whose name says "bench"
is ever dropped) with N programmes, each created from the large example through
``actions.create_programme`` and given R-1 further revisions of one-section edits (a goal's
title or description, a risk's precautions or likelihood, a partner's role, the ambition, a
goal added or removed). ``--fill bulk`` (default) builds those revisions with the store's own
``build_revision`` and inserts them in bulk; ``--fill actions`` saves each one through
``actions.save_document`` (the real path, much slower). The measured saves always go through
the real code.

Then, on programmes spread over the table (a different set for each measurement):

* POST of one changed field to the section URL as the regisseur (Django's test client with
  the browser's Accept-Encoding: middleware, session, form parsing, validation, the
  revision, the redirect), and the GET of the page that redirect leads to, where the checks
  are shown (skip it with ``--no-follow``);
* ``actions.save_document`` alone, and the checks on the result (validate + evaluate);
* GET of the overview page: cold-ish (first hit for that programme in this process, so the
  document is validated and checked again) and warm (the next hit).

Times are server-side wall times in ms; p95 is nearest-rank. The baseline, measured in the
same run, is ``Agreement.model_validate`` of the large example (as in bench_check.py); the
ratio column is p95 / baseline. Storage: payload bytes of patches that changed one field
against full snapshots, the tables' size per revision, and the WAL one save writes.
Other work on the machine slows every row; the load average is printed with the results.

Goal (web issue): with 1,000 programmes x 100 revisions, p95 <= 50 ms for saving one section
(revision + checks), and for the programme overview page.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import dj_database_url
import psycopg
import yaml
from psycopg import sql

LARGE = Path(__file__).resolve().parents[1] / "examples" / "large.yaml"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/stramien_bench"
GOAL_MS = 50.0
USERNAME = "bench-regisseur"
# Sent with every request, as browsers do (so GZipMiddleware compresses as it would).
BROWSER_ENCODINGS = "gzip, deflate, br"

Document = dict[str, Any]
# An edit: (document, random, tag) -> (new document, section key, message).
Edit = Callable[[Document, random.Random, str], tuple[Document, str, str]]


# --- Timing -----------------------------------------------------------------------------------


def ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def median_ms(step: Callable[[], Any], repeat: int) -> float:
    step()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        samples.append(ms_since(started))
    return statistics.median(samples)


# --- The database -----------------------------------------------------------------------------


def admin_connection(url: str) -> tuple[psycopg.Connection[Any], str]:
    """An autocommit connection to the server's ``postgres`` database, and the bench db's name."""
    parsed = dj_database_url.parse(url)
    if parsed["ENGINE"] != "django.db.backends.postgresql":
        sys.exit(f"--database-url must point to PostgreSQL, not {parsed['ENGINE']}")
    conninfo = {
        "host": parsed.get("HOST") or None,
        "port": parsed.get("PORT") or None,
        "user": parsed.get("USER") or None,
        "password": parsed.get("PASSWORD") or None,
    }
    params = {key: value for key, value in conninfo.items() if value}
    return psycopg.connect(dbname="postgres", autocommit=True, **params), str(parsed["NAME"])


def stored_fill(url: str) -> dict[str, Any] | None:
    """What an earlier run recorded about its fill, if the database holds a complete one."""
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            row = conn.execute("SELECT to_regclass('bench_meta') IS NOT NULL").fetchone()
            if not row or not row[0]:
                return None
            found = conn.execute(
                "SELECT programmes, revisions, fill_mode, fill_seconds FROM bench_meta"
            ).fetchone()
    except psycopg.OperationalError:
        return None
    if found is None:
        return None
    return dict(zip(("programmes", "revisions", "fill_mode", "fill_seconds"), found, strict=True))


def prepare_database(args: argparse.Namespace) -> dict[str, Any] | None:
    """Create the bench database (dropping an old one unless reused); the fill it keeps."""
    admin, name = admin_connection(args.database_url)
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and args.reuse:
            fill = stored_fill(args.database_url)
            if fill and (fill["programmes"], fill["revisions"]) == (
                args.programmes,
                args.revisions,
            ):
                return fill
            print(f"database {name} holds no complete {args.programmes}x{args.revisions} fill")
        if exists:
            if "bench" not in name:
                sys.exit(f"refusing to drop database {name!r}: its name does not say 'bench'")
            print(f"dropping database {name}")
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        print(f"creating database {name}")
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return None


def setup_django(url: str, data_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "stramien.web.settings"
    os.environ["DATABASE_URL"] = url
    os.environ["STRAMIEN_DATA_DIR"] = data_dir
    import django
    from django.core.management import call_command

    django.setup()
    if os.environ.get("STRAMIEN_TUNE_GC", "1") != "0":
        from stramien.web.process import tune_gc

        tune_gc()  # as the server does (stramien.web.wsgi); STRAMIEN_TUNE_GC=0 measures without
    call_command("migrate", verbosity=0)


# --- Edits: copy-on-write, so unchanged parts stay shared (as a browser POST's would not) -----


def with_value(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    """``node`` with ``value`` at ``path``; only the containers on the path are copied."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    copied = node.copy()
    copied[head] = with_value(node[head], rest, value)
    return copied


GOAL_ENDINGS = (
    "voor alle kernen",
    "samen met inwoners",
    "vóór 2029",
    "in stad en dorp",
    "met de regionale partners",
    "stap voor stap",
    "zichtbaar in de wijk",
)
SENTENCES = (
    "Het programmabureau bespreekt dit ieder kwartaal in de regiegroep.",
    "De trekker meldt afwijkingen binnen twee weken aan de stuurgroep.",
    "Partners delen hun ervaringen in de jaarlijkse leerbijeenkomst.",
    "De aanpak wordt na de eerste fase geëvalueerd en zo nodig bijgesteld.",
    "Inwoners worden via de dorpsplatforms betrokken bij de uitwerking.",
    "Waar mogelijk sluiten we aan bij bestaande regelingen van provincie en Rijk.",
)


class Edits:
    """The one-section edits of the fill and of the measured saves, on the large example."""

    def __init__(self, original: Document) -> None:
        self.original = original
        self.goal_count = len(original["goals"])
        self.goal_ids = [goal["id"] for goal in original["goals"]]
        self.risk_count = len(original["risks"]["items"])
        self.partner_count = len(original["partnership"]["partners"])
        self.fill: list[tuple[int, Edit]] = [
            (25, self.goal_title),
            (10, self.goal_description),
            (15, self.risk_precautions),
            (10, self.risk_likelihood),
            (15, self.partner_role),
            (10, self.ambition_statement),
            (10, self.add_goal),
            (5, self.remove_goal),
        ]
        # The measured saves: one field each, through the section's form.
        self.one_field: list[Edit] = [
            self.goal_title,
            self.risk_precautions,
            self.partner_role,
            self.ambition_statement,
        ]

    def pick(self, rng: random.Random) -> Edit:
        weights = [weight for weight, _edit in self.fill]
        return rng.choices([edit for _weight, edit in self.fill], weights=weights)[0]

    @staticmethod
    def _different(current: str, make: Callable[[], str]) -> str:
        for _ in range(20):
            text = make()
            if text != current:
                return text
        return current + " (herzien)"

    def goal_title(self, doc: Document, rng: random.Random, tag: str) -> tuple[Document, str, str]:
        index = rng.randrange(self.goal_count)
        base = self.original["goals"][index]["title"]
        current = doc["goals"][index]["title"]
        title = self._different(current, lambda: f"{base}, {rng.choice(GOAL_ENDINGS)}"[:300])
        return with_value(doc, ("goals", index, "title"), title), "doelen", "Doel scherper"

    def goal_description(
        self, doc: Document, rng: random.Random, tag: str
    ) -> tuple[Document, str, str]:
        index = rng.randrange(self.goal_count)
        base = self.original["goals"][index]["description"]
        current = doc["goals"][index]["description"]
        text = self._different(current, lambda: f"{base} {rng.choice(SENTENCES)}".strip())
        return with_value(doc, ("goals", index, "description"), text), "doelen", ""

    def risk_precautions(
        self, doc: Document, rng: random.Random, tag: str
    ) -> tuple[Document, str, str]:
        index = rng.randrange(self.risk_count)
        base = self.original["risks"]["items"][index]["precautions"]
        current = doc["risks"]["items"][index]["precautions"]
        text = self._different(current, lambda: f"{base} {rng.choice(SENTENCES)}".strip())
        path = ("risks", "items", index, "precautions")
        return with_value(doc, path, text), "risicos", "Maatregelen aangevuld"

    def risk_likelihood(
        self, doc: Document, rng: random.Random, tag: str
    ) -> tuple[Document, str, str]:
        index = rng.randrange(self.risk_count)
        current = doc["risks"]["items"][index]["likelihood"]
        value = rng.choice([n for n in range(1, 6) if n != current])
        path = ("risks", "items", index, "likelihood")
        return with_value(doc, path, value), "risicos", "Kans opnieuw geschat"

    def partner_role(
        self, doc: Document, rng: random.Random, tag: str
    ) -> tuple[Document, str, str]:
        index = rng.randrange(self.partner_count)
        base = self.original["partnership"]["partners"][index]["role"]
        current = doc["partnership"]["partners"][index]["role"]
        text = self._different(current, lambda: f"{base} {rng.choice(SENTENCES)}".strip())
        path = ("partnership", "partners", index, "role")
        return with_value(doc, path, text), "partnerschap", "Rol aangepast"

    def ambition_statement(
        self, doc: Document, rng: random.Random, tag: str
    ) -> tuple[Document, str, str]:
        base = self.original["ambition"]["statement"]
        current = doc["ambition"]["statement"]
        text = self._different(current, lambda: f"{base} {rng.choice(SENTENCES)}".strip())
        return with_value(doc, ("ambition", "statement"), text), "ambitie", "Ambitie herschreven"

    def add_goal(self, doc: Document, rng: random.Random, tag: str) -> tuple[Document, str, str]:
        template = doc["goals"][-1]
        goal = {
            **template,
            "id": f"g-bench-{tag}",
            "title": f"Extra resultaat {tag} {rng.choice(GOAL_ENDINGS)}",
            "description": rng.choice(SENTENCES),
            "contributes_to_ambition": False,
            "contributes_to": [rng.choice(self.goal_ids)],
            "partners": [],
            "interests": [],
        }
        return with_value(doc, ("goals",), [*doc["goals"], goal]), "doelen", "Doel toegevoegd"

    def remove_goal(self, doc: Document, rng: random.Random, tag: str) -> tuple[Document, str, str]:
        if len(doc["goals"]) <= self.goal_count:  # only goals the fill added are removed
            return self.add_goal(doc, rng, tag)
        return with_value(doc, ("goals",), doc["goals"][:-1]), "doelen", "Doel verwijderd"


# --- The fill ---------------------------------------------------------------------------------


def fill(args: argparse.Namespace, edits: Edits, agreement: Any, user: Any) -> float:
    from django.db import connection, transaction
    from django.utils import timezone

    from stramien import revisions
    from stramien.model import Agreement
    from stramien.web.audit.models import AuditEntry
    from stramien.web.programmes import actions
    from stramien.web.programmes.models import Programme, Revision
    from stramien.web.programmes.store import build_revision

    width = max(4, len(str(args.programmes)))
    every = max(1, args.programmes // 20)
    started = time.perf_counter()
    for number in range(args.programmes):
        rng = random.Random(number * 7919 + 17)
        named = agreement.model_copy(
            update={
                "programme": agreement.programme.model_copy(
                    update={"name": f"Bench {number:0{width}d} {agreement.programme.name}"}
                )
            }
        )
        programme = actions.create_programme(
            acting_user=user, agreement=named, message="Uit het grote voorbeeld", source="bench"
        )
        doc: Document = programme.head_document
        if args.fill == "actions":
            for step in range(2, args.revisions + 1):
                new, section, message = edits.pick(rng)(doc, rng, f"{number}-{step}")
                outcome = actions.save_document(
                    acting_user=user,
                    programme=programme,
                    document=new,
                    base_number=programme.head_number,
                    section=section,
                    message=message,
                )
                if not outcome.saved:
                    sys.exit(f"fill: save {step} of programme {number} was not saved: {outcome}")
                doc = programme.head_document
        else:
            with transaction.atomic():
                parent = Revision.objects.get(programme=programme, number=1)
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT nextval(pg_get_serial_sequence('programmes_revision', 'id')) "
                        "FROM generate_series(1, %s)",
                        [max(0, args.revisions - 1)],
                    )
                    ids = [row[0] for row in cursor.fetchall()]
                rows, audits = [], []
                for step, pk in zip(range(2, args.revisions + 1), ids, strict=True):
                    new, section, message = edits.pick(rng)(doc, rng, f"{number}-{step}")
                    revision = build_revision(
                        programme=programme,
                        parent=parent,
                        parent_document=doc,
                        document=new,
                        author=user,
                        message=message,
                        section=section,
                        created_at=timezone.now(),
                    )
                    revision.pk = pk  # so the next revision can point to it as its parent
                    rows.append(revision)
                    audits.append(
                        AuditEntry(
                            programme=programme,
                            actor=user,
                            action="revision.save",
                            revision_number=step,
                            details={"section": section, "merged_from": None},
                        )
                    )
                    parent, doc = revision, new
                Revision.objects.bulk_create(rows, batch_size=200)
                AuditEntry.objects.bulk_create(audits, batch_size=500)
                # The head must be exactly what save_document would have stored.
                head = Agreement.model_validate(doc).model_dump(mode="json")
                if revisions.content_hash(head) != parent.content_hash:
                    sys.exit(f"fill: programme {number} ends in a non-canonical document")
                Programme.objects.filter(pk=programme.pk).update(
                    head_number=parent.number,
                    head_content_hash=parent.content_hash,
                    name=head["programme"]["name"],
                )
        done = number + 1
        if done % every == 0 or done == args.programmes:
            elapsed = time.perf_counter() - started
            left = elapsed / done * (args.programmes - done)
            print(
                f"  filled {done:>{width}}/{args.programmes} programmes, "
                f"{elapsed:7.1f} s, about {left:6.0f} s to go",
                flush=True,
            )
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        for table in ("programmes_programme", "programmes_revision", "programmes_auditentry"):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute(
            "CREATE TABLE bench_meta (programmes integer, revisions integer, fill_mode text, "
            "fill_seconds double precision, filled_at timestamptz DEFAULT now())"
        )
        cursor.execute(
            "INSERT INTO bench_meta (programmes, revisions, fill_mode, fill_seconds) "
            "VALUES (%s, %s, %s, %s)",
            [args.programmes, args.revisions, args.fill, seconds],
        )
    return seconds


def check_history(slugs: list[str]) -> None:
    """The store reads every filled history back to the head it ends in."""
    from stramien import revisions
    from stramien.web.programmes.models import Programme
    from stramien.web.programmes.store import document_at, forget_documents

    for slug in slugs:
        programme = Programme.objects.get(slug=slug)
        number = programme.head_number
        head_hash = programme.head_content_hash
        forget_documents()  # force document_at to replay snapshot + patches
        rebuilt = document_at(programme, number)
        if revisions.content_hash(rebuilt) != head_hash:
            sys.exit(f"history of {slug} does not replay to its head")


# --- Measurements -----------------------------------------------------------------------------


@dataclass
class Series:
    name: str
    samples: list[float] = field(default_factory=list)
    goal: bool = False


def form_for_change(
    slug: str, section: Any, document: Document, path: tuple[Any, ...]
) -> tuple[str, list[tuple[str, str]]]:
    """Where the app edits ``path`` (the section page, or an item page for a long list) and
    what a browser sends there, nothing changed yet."""
    from django.urls import reverse

    from stramien.io.errors import model_at
    from stramien.web import schemaform
    from stramien.web.programmes import editor

    data = editor.section_data(section, document)
    for list_path in editor.long_lists(data):
        if tuple(path[: len(list_path)]) == list_path and len(path) > len(list_path):
            item_path = tuple(path[: len(list_path) + 1])
            item: Any = document
            for step in item_path:
                item = item[step]
            model = model_at(item_path)
            assert model is not None
            root = schemaform.build(
                model,
                item,
                prefix=schemaform.field_name(editor.PREFIX, item_path),
                choices=schemaform.choices_from(document),
            )
            url = reverse("programmes:item", args=[slug, section.key, item["id"]])
            return url, pairs_of(root)
    link, unlinked = editor.item_links(data, lambda item_id: "#")
    root = schemaform.build(
        section.model,
        data,
        prefix=editor.PREFIX,
        choices=schemaform.choices_from(document),
        editable=unlinked,
        link=link,
    )
    return reverse("programmes:section", args=[slug, section.key]), pairs_of(root)


def pairs_of(root: Any) -> list[tuple[str, str]]:
    """The name/value pairs a browser sends for a form as shown."""
    pairs: list[tuple[str, str]] = []
    for node in root.walk():
        kind = node.kind
        if kind in ("group", "list", "item", "item-link"):
            continue
        if kind == "checkbox":
            if node.value and not node.readonly:
                pairs.append((node.name, "on"))
        elif kind == "multiselect":
            if not node.readonly:
                pairs.extend((node.name, str(value)) for value in node.value)
        elif kind in ("select", "nullable-bool"):
            if not node.readonly:
                pairs.append((node.name, str(node.value)))
        elif kind in ("textarea", "lines"):
            pairs.append((node.name, str(node.value).replace("\n", "\r\n")))
        else:
            pairs.append((node.name, "" if node.value is None else str(node.value)))
    return pairs


def changed_path(old: Any, new: Any, path: tuple[Any, ...] = ()) -> tuple[Any, ...]:
    """The path of the one value an edit replaced (edits copy only the containers on it)."""
    if old is new:
        raise ValueError("nothing changed")
    if isinstance(new, dict):
        keys = [key for key in new if new[key] is not old.get(key)]
        if len(keys) == 1:
            return changed_path(old[keys[0]], new[keys[0]], (*path, keys[0]))
    if isinstance(new, list) and len(new) == len(old):
        spots = [i for i, item in enumerate(new) if item is not old[i]]
        if len(spots) == 1:
            return changed_path(old[spots[0]], new[spots[0]], (*path, spots[0]))
    return path


def spread(count: int, usable: int, group: int, groups: int) -> list[int]:
    """``count`` programme numbers spread over ``usable``, interleaved with the other groups."""
    return [((groups * k + group) * usable) // (groups * count) for k in range(count)]


def measure_saves_via_view(
    slugs: list[str],
    edits: Edits,
    user: Any,
    series: dict[str, Series],
    per_section: dict[str, list[float]],
    follow: bool,
) -> list[int]:
    """POST one changed field (and GET the page it redirects to, if ``follow``).

    Returns the number of operations in each saved patch."""
    from django.test import Client

    from stramien import revisions
    from stramien.web.programmes.models import Programme, Revision
    from stramien.web.programmes.sections import BY_KEY

    client = Client(HTTP_ACCEPT_ENCODING=BROWSER_ENCODINGS)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    op_counts = []
    wal_start = wal_lsn()
    for index, slug in enumerate(slugs):
        programme = Programme.objects.get(slug=slug)
        head = programme.head_document
        rng = random.Random(index * 31 + 5)
        edit = edits.one_field[index % len(edits.one_field)]
        new, key, _message = edit(head, rng, f"m{index}")
        path = changed_path(head, new)
        section = BY_KEY[key]
        name = "-".join(["s", *(str(part) for part in path)])
        url, form_pairs = form_for_change(slug, section, head, path)
        pairs = [
            ("base_revision", str(programme.head_number)),
            *form_pairs,
            ("message", ""),
            ("save", "1"),
        ]
        value = new
        for part in path:
            value = value[part]
        assert sum(1 for k, _v in pairs if k == name) == 1, name
        text = str(value).replace("\n", "\r\n")
        body = urlencode([(k, text if k == name else v) for k, v in pairs])

        started = time.perf_counter()
        response = client.post(url, body, content_type="application/x-www-form-urlencoded")
        post_ms = ms_since(started)
        if response.status_code != 302 or response["Location"] != url:
            sys.exit(f"save via the view failed for {slug} ({key}): {response.status_code}")
        if follow:
            started = time.perf_counter()
            page = client.get(url)
            get_ms = ms_since(started)
            if page.status_code != 200:
                sys.exit(f"the section page after saving failed for {slug}: {page.status_code}")
            series["post_get"].samples.append(post_ms + get_ms)
            series["page_after"].samples.append(get_ms)
            per_section.setdefault(f"{key} page", []).append(get_ms)
        else:
            client.cookies.pop("messages", None)  # as if shown: keep the cookie from growing

        saved = Revision.objects.get(programme=programme, number=programme.head_number + 1)
        if saved.kind == Revision.Kind.PATCH:
            op_counts.append(len(revisions.patch_from_bytes(bytes(saved.payload))))
        series["post"].samples.append(post_ms)
        per_section.setdefault(f"{key} POST", []).append(post_ms)
    series["wal"].samples.append(wal_bytes_since(wal_start) / max(1, len(slugs)))
    return op_counts


def wal_lsn() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        return str(cursor.fetchone()[0])


def wal_bytes_since(start: str) -> float:
    """WAL the whole server wrote since ``start`` (our saves, and anything else writing)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), %s)", [start])
        return float(cursor.fetchone()[0])


def measure_saves_via_actions(
    slugs: list[str], edits: Edits, user_pk: int, series: dict[str, Series]
) -> None:
    from django.contrib.auth import get_user_model

    from stramien.model import Agreement
    from stramien.rules import evaluate
    from stramien.web.programmes import actions
    from stramien.web.programmes.models import Programme

    for index, slug in enumerate(slugs):
        programme = Programme.objects.get(slug=slug)
        user = get_user_model().objects.get(pk=user_pk)  # as a request would: no cached roles
        rng = random.Random(index * 37 + 11)
        edit = edits.one_field[index % len(edits.one_field)]
        new, key, message = edit(programme.head_document, rng, f"a{index}")

        started = time.perf_counter()
        outcome = actions.save_document(
            acting_user=user,
            programme=programme,
            document=new,
            base_number=programme.head_number,
            section=key,
            message=message,
        )
        save_ms = ms_since(started)
        started = time.perf_counter()
        report = evaluate(Agreement.model_validate(programme.head_document))
        check_ms = ms_since(started)
        if not outcome.saved or report is None:
            sys.exit(f"save_document did not save {slug} ({key})")
        series["save"].samples.append(save_ms)
        series["checks"].samples.append(check_ms)
        series["save_checks"].samples.append(save_ms + check_ms)


def measure_overview(slugs: list[str], user: Any, series: dict[str, Series]) -> None:
    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_ACCEPT_ENCODING=BROWSER_ENCODINGS)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    for slug in slugs:
        url = reverse("programmes:overview", args=[slug])
        for name in ("overview_cold", "overview_warm"):
            started = time.perf_counter()
            response = client.get(url)
            took = ms_since(started)
            if response.status_code != 200:
                sys.exit(f"overview of {slug} failed: {response.status_code}")
            series[name].samples.append(took)


def warm_up(slug: str, edits: Edits, user: Any) -> None:
    """Imports, template compilation and first connections, on a programme not measured."""
    names = ("post", "post_get", "page_after", "save", "checks", "save_checks", "wal")
    scratch = {name: Series(name) for name in (*names, "overview_cold", "overview_warm")}
    for _ in range(2):
        measure_saves_via_view([slug] * len(edits.one_field), edits, user, scratch, {}, True)
        measure_saves_via_actions([slug] * len(edits.one_field), edits, user.pk, scratch)
        measure_overview([slug], user, scratch)


# --- Storage ----------------------------------------------------------------------------------


def storage() -> dict[str, Any]:
    from django.db import connection

    from stramien import revisions
    from stramien.web.programmes.models import Revision

    one_field: list[int] = []
    patches = (
        Revision.objects.filter(kind=Revision.Kind.PATCH)
        .values_list("payload", flat=True)
        .iterator(chunk_size=5000)
    )
    for payload in patches:
        data = bytes(payload)
        ops = revisions.patch_from_bytes(data)
        if len(ops) == 1 and ops[0]["op"] == "set" and not isinstance(ops[0]["value"], dict | list):
            one_field.append(len(data))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind, count(*), avg(octet_length(payload)), avg(pg_column_size(r.*)) "
            "FROM programmes_revision r GROUP BY kind"
        )
        kinds = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT pg_total_relation_size('programmes_revision'), "
            "pg_total_relation_size('programmes_programme'), "
            "pg_total_relation_size('programmes_auditentry'), "
            "(SELECT count(*) FROM programmes_programme)"
        )
        revision_bytes, programme_bytes, audit_bytes, programmes = cursor.fetchone()
    total = sum(int(count) for count, _avg, _row in kinds.values())
    return {
        "one_field": one_field,
        "kinds": kinds,
        "revision_bytes": int(revision_bytes),
        "programme_bytes": int(programme_bytes),
        "audit_bytes": int(audit_bytes),
        "programmes": int(programmes),
        "revisions": total,
    }


# --- Main -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--programmes", type=int, default=1000)
    parser.add_argument("--revisions", type=int, default=100)
    parser.add_argument("--samples", type=int, default=200, help="per measurement")
    parser.add_argument("--reuse", action="store_true", help="keep a filled database")
    parser.add_argument("--fill", choices=("bulk", "actions"), default="bulk")
    parser.add_argument("--repeat", type=int, default=50, help="runs of the baseline")
    parser.add_argument(
        "--no-follow",
        action="store_true",
        help="do not GET the section page a save redirects to (the goal tree's page is slow)",
    )
    args = parser.parse_args()
    if args.programmes < 2 or args.revisions < 1 or args.samples < 1:
        parser.error("need at least 2 programmes, 1 revision and 1 sample")

    kept = prepare_database(args)
    data_dir = tempfile.mkdtemp(prefix="stramien-bench-")
    Path(data_dir, "static").mkdir()  # whitenoise warns about a missing STATIC_ROOT
    try:
        setup_django(args.database_url, data_dir)
        run(args, kept)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def run(args: argparse.Namespace, kept: dict[str, Any] | None) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from stramien.io import load_agreement
    from stramien.model import Agreement
    from stramien.web.programmes.models import Programme

    raw = yaml.safe_load(LARGE.read_text(encoding="utf-8"))
    agreement = load_agreement(LARGE)
    edits = Edits(agreement.model_dump(mode="json"))
    baseline = median_ms(lambda: Agreement.model_validate(raw), args.repeat)

    user, _created = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"first_name": "Bench", "last_name": "Regisseur"}
    )
    print(
        f"PostgreSQL {connection.pg_version // 10000}, database {connection.settings_dict['NAME']}"
        f", large example {LARGE.stat().st_size:,} bytes"
    )
    if kept is None:
        print(
            f"filling {args.programmes} programmes x {args.revisions} revisions "
            f"({args.fill}: "
            + (
                "revisions built with store.build_revision, inserted in bulk"
                if args.fill == "bulk"
                else "every revision through actions.save_document"
            )
            + ")",
            flush=True,
        )
        fill_seconds = fill(args, edits, agreement, user)
        fill_note = f"fill took {fill_seconds:.1f} s ({args.fill})"
    else:
        fill_note = (
            f"reused the fill of an earlier run ({kept['fill_mode']}, {kept['fill_seconds']:.1f} s)"
        )
    print(fill_note)

    slugs = list(
        Programme.objects.filter(slug__startswith="bench-")
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    check_history([slugs[0], slugs[len(slugs) // 2], slugs[-2]])
    stored = storage()

    usable = len(slugs) - 1  # the last one is for the warm-up
    if 3 * args.samples > usable:
        print(
            f"note: {3 * args.samples} samples on {usable} programmes: some programmes are "
            "measured more than once (overview 'cold' is then not cold)"
        )
    groups = [[slugs[n] for n in spread(args.samples, usable, g, 3)] for g in range(3)]
    warm_up(slugs[-1], edits, user)

    wal = Series("WAL per save via the view")
    series = {
        "wal": wal,
        "post": Series("save via the view: POST -> 302", goal=True),
        "page_after": Series("  section page it redirects to (GET)"),
        "post_get": Series("  POST + that page (user waits)"),
        "save": Series("actions.save_document (revision)"),
        "checks": Series("  checks: validate + evaluate"),
        "save_checks": Series("revision + checks", goal=True),
        "overview_cold": Series("overview page, cold-ish (GET)", goal=True),
        "overview_warm": Series("overview page, warm (GET)", goal=True),
    }
    per_section: dict[str, list[float]] = {}
    load_before = os.getloadavg()
    print(f"measuring {args.samples} samples each ...", flush=True)
    op_counts = measure_saves_via_view(
        groups[0], edits, user, series, per_section, not args.no_follow
    )
    measure_saves_via_actions(groups[1], edits, user.pk, series)
    measure_overview(groups[2], user, series)

    heads = Programme.objects.filter(slug__startswith="bench-").values_list(
        "head_number", flat=True
    )
    mean_head = statistics.mean(heads)
    print()
    print(
        f"{stored['programmes']} programmes, {stored['revisions']:,} revisions "
        f"(mean head {mean_head:.1f}); {fill_note}"
    )
    print(f"baseline: Agreement.model_validate(large example) median {baseline:.2f} ms")
    load_after = os.getloadavg()
    print(
        f"load average on {os.cpu_count()} CPUs: {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after measuring (other work on the machine slows every row)"
    )
    print()
    header = (
        f"{'measurement':38} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'p95/base':>9}"
    )
    print(header)
    print("-" * len(header))
    for item in series.values():
        values = item.samples
        if not values or item is wal:
            continue
        high = p95(values)
        print(
            f"{item.name:38} {len(values):4d} {statistics.median(values):8.1f} {high:8.1f} "
            f"{max(values):8.1f} {high / baseline:9.1f}"
        )
    print()
    print("save via the view, by section (the forms differ in size):")
    for key, values in sorted(per_section.items()):
        print(
            f"  {key:18} n={len(values):<4d} p50 {statistics.median(values):7.1f} ms  "
            f"p95 {p95(values):7.1f} ms  max {max(values):7.1f} ms"
        )
    if op_counts:
        print(
            f"  operations per saved one-field patch: {min(op_counts)}..{max(op_counts)} "
            "(1 = the form round trip changed nothing else)"
        )

    print()
    print("storage")
    one = stored["one_field"]
    kinds = stored["kinds"]
    snapshot = kinds.get("snapshot")
    if one:
        print(
            f"  one-field patch payload: mean {statistics.mean(one):.0f} B, "
            f"median {statistics.median(one):.0f} B (n={len(one):,})"
        )
    for kind, (count, payload, row) in sorted(kinds.items()):
        print(
            f"  {kind:8} n={int(count):>7,}  payload mean {float(payload):9,.0f} B  "
            f"row mean {float(row):9,.0f} B"
        )
    if one and snapshot:
        print(
            f"  one-field patch / snapshot payload: "
            f"{statistics.median(one) / float(snapshot[1]) * 100:.2f} %"
        )
    if wal.samples:
        print(
            f"  WAL written per save via the view: {wal.samples[0]:,.0f} B "
            "(server-wide during the measured saves)"
        )
    per_revision = stored["revision_bytes"] / max(1, stored["revisions"])
    print(
        f"  programmes_revision total {stored['revision_bytes'] / 2**20:,.1f} MiB = "
        f"{per_revision:,.0f} B per revision (with indexes and TOAST)"
    )
    print(
        f"  programmes_programme total {stored['programme_bytes'] / 2**20:,.1f} MiB = "
        f"{stored['programme_bytes'] / max(1, stored['programmes']):,.0f} B per programme "
        "(number and hash of the newest version; the document is derived, not stored here)"
    )
    print(
        f"  programmes_auditentry total {stored['audit_bytes'] / 2**20:,.1f} MiB = "
        f"{stored['audit_bytes'] / max(1, stored['revisions']):,.0f} B per revision"
    )

    print()
    print(f"goals: p95 <= {GOAL_MS:.0f} ms at {stored['programmes']} programmes")
    for item in series.values():
        if item.goal and item.samples:
            high = p95(item.samples)
            verdict = "MET" if high <= GOAL_MS else "NOT MET"
            print(f"  {item.name.strip():38} p95 {high:7.1f} ms  {verdict}")


if __name__ == "__main__":
    main()
