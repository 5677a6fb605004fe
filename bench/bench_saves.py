"""Benchmark: what one small save writes, and how long a save takes on a large table.

    .venv/bin/python bench/bench_saves.py [--database-url URL] [--edits 100]
        [--programmes 100] [--revisions 100] [--samples 100]

    full scale (issue 16): --programmes 1000 --revisions 100

On a fresh PostgreSQL database (default ``stramien_bench_saves``; only a database whose name
says "bench" is ever dropped):

1. Bytes per save. One programme from the large example gets ``--edits`` one-field edits,
   each through ``actions.save_document`` (the real path: the revision, with a snapshot every
   ``STRAMIEN_SNAPSHOT_EVERY`` revisions, the programme's head, the audit row). Measured with
   PostgreSQL's own statistics around those saves: the growth of every table
   (``pg_total_relation_size``, indexes and TOAST included), the rows written
   (``pg_stat_user_tables``) and the WAL written (``pg_current_wal_lsn`` difference). The
   baseline in the same run is what the old design wrote on top of that at every save: the
   whole document into the programme row's compressed JSON column, replayed into a scratch
   table of the same column type.
2. Save time at scale. ``--programmes`` programmes of ``--revisions`` revisions each (one
   history, made through the real saves, copied to every programme in SQL), then
   ``--samples`` one-field saves on programmes spread over the table, each in a process
   whose document cache is empty for that programme (as a worker that has not served it
   yet); p50/p95 in ms. Also per save: the CPU time of the process, and the wall time less
   the garbage collector's pauses inside that save (a full collection walks every object
   the process keeps, the cached documents and agreements included, and lands on whichever
   save happens to allocate at that moment); the number and length of full collections.
   Measured twice in the same run: with the web worker's collector settings
   (``stramien.web.process.tune_gc``, as ``stramien serve`` and the WSGI entry point set them)
   and, as the baseline, with CPython's defaults (``--no-baseline`` skips it). Each starts
   with the caches of a worker that has served 64 other programmes.

Goals: <= 4 kB into the tables per save on average (snapshots included); save p95 <= 50 ms
at 1,000 programmes x 100 revisions. Other work on the machine slows every time; the load
average is printed with the results.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/stramien_bench_saves"
DEFAULT_THRESHOLDS = gc.get_threshold()  # CPython's, before anything tunes them


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] if ordered else float("nan")


def p95(samples: list[float]) -> float:
    return percentile(samples, 0.95)


def scalar(query: str, params: list[Any] | None = None) -> Any:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query, params or [])
        return cursor.fetchone()[0]


def table_bytes() -> int:
    return int(
        scalar(
            "SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_stat_user_tables "
            "WHERE relname NOT LIKE 'bench_%%'"
        )
    )


def rows_written() -> int:
    scalar("SELECT pg_stat_clear_snapshot()")
    return int(
        scalar(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0) FROM pg_stat_user_tables "
            "WHERE relname NOT LIKE 'bench_%%'"
        )
    )


class Collections:
    """The garbage collector's pauses, by generation: (count, seconds) since ``reset``."""

    def __init__(self) -> None:
        self.started = 0.0
        self.reset()
        gc.callbacks.append(self._callback)

    def reset(self) -> None:
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}

    def total(self) -> float:
        return sum(sum(pauses) for pauses in self.pauses.values())

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self.started = time.perf_counter()
        else:
            self.pauses[info["generation"]].append(time.perf_counter() - self.started)


COLLECTIONS = Collections()


def one_field_saves(
    programme: Any,
    user: Any,
    edits: Any,
    count: int,
    seed: int,
    cpu: list[float] | None = None,
    collecting: list[float] | None = None,
) -> list[float]:
    """``count`` one-field saves; wall ms each (CPU ms and GC ms appended to the lists)."""
    from stramien.web.programmes import actions
    from stramien.web.programmes.store import load_head

    rng = random.Random(seed)
    times = []
    for index in range(count):
        edit = edits.one_field[index % len(edits.one_field)]
        new, key, message = edit(load_head(programme), rng, f"s{index}")
        COLLECTIONS.reset()
        cpu_started = time.process_time()
        started = time.perf_counter()
        outcome = actions.save_document(
            acting_user=user,
            programme=programme,
            document=new,
            base_number=programme.head_number,
            section=key,
            message=message,
        )
        times.append((time.perf_counter() - started) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - cpu_started) * 1000)
        if collecting is not None:
            collecting.append(COLLECTIONS.total() * 1000)
        if not outcome.saved:
            sys.exit(f"save {index} was not saved: {outcome}")
    return times


def bytes_per_save(user: Any, edits: Any, agreement: Any, count: int) -> dict[str, float]:
    from django.db import connection

    from stramien.web.programmes import actions

    programme = actions.create_programme(acting_user=user, agreement=agreement)
    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")
    tables, rows = table_bytes(), rows_written()
    wal = scalar("SELECT pg_current_wal_lsn()::text")
    one_field_saves(programme, user, edits, count, seed=1)
    time.sleep(1)  # the statistics collector reports after a short delay
    result = {
        "tables": (table_bytes() - tables) / count,
        "rows": (rows_written() - rows) / count,
        "wal": float(scalar("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), %s)", [wal])) / count,
    }
    # Baseline: the old design also rewrote the whole document on the programme row.
    from stramien.web.programmes.store import load_head

    document = load_head(programme)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_head (id serial PRIMARY KEY, doc jsonb COMPRESSION lz4)")
        before = scalar("SELECT pg_total_relation_size('bench_head')")
        wal = scalar("SELECT pg_current_wal_lsn()::text")
        import json

        text = json.dumps(document)
        for _ in range(count):
            cursor.execute("INSERT INTO bench_head (doc) VALUES (%s::jsonb)", [text])
        result["old_head"] = (
            scalar("SELECT pg_total_relation_size('bench_head')") - before
        ) / count
        result["old_head_wal"] = (
            float(scalar("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), %s)", [wal])) / count
        )
        cursor.execute("DROP TABLE bench_head")
    return result


def copy_history(source_pk: int, copies: int, user_pk: int) -> None:
    """``copies`` more programmes with the history of ``source_pk`` (hash chains hold: a
    revision's hash does not include its programme)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_map AS SELECT g AS copy, nextval(pg_get_serial_sequence("
            "'programmes_programme', 'id')) AS pk FROM generate_series(1, %s) g",
            [copies],
        )
        cursor.execute(
            "INSERT INTO programmes_programme (id, slug, name, created_at, created_by_id, "
            "head_number, head_content_hash, public) SELECT m.pk, p.slug || '-' || m.copy, "
            "p.name || ' ' || m.copy, p.created_at, p.created_by_id, p.head_number, "
            "p.head_content_hash, p.public FROM programmes_programme p, bench_map m "
            "WHERE p.id = %s",
            [source_pk],
        )
        cursor.execute(
            "INSERT INTO programmes_membership (programme_id, user_id, role, party_id, "
            "created_at) SELECT m.pk, %s, 'regisseur', '', now() FROM bench_map m",
            [user_pk],
        )
        cursor.execute(
            "INSERT INTO programmes_revision (programme_id, number, parent_id, author_id, "
            "author_name, created_at, message, section, content_hash, hash, kind, payload, "
            "merged_from, restored_from) SELECT m.pk, r.number, NULL, r.author_id, "
            "r.author_name, r.created_at, r.message, r.section, r.content_hash, r.hash, r.kind, "
            "r.payload, r.merged_from, r.restored_from FROM programmes_revision r, bench_map m "
            "WHERE r.programme_id = %s",
            [source_pk],
        )
        cursor.execute(
            "UPDATE programmes_revision c SET parent_id = p.id FROM programmes_revision p "
            "WHERE c.programme_id = p.programme_id AND p.number = c.number - 1 "
            "AND c.programme_id IN (SELECT pk FROM bench_map)"
        )
        cursor.execute("DROP TABLE bench_map")
        for table in ("programmes_programme", "programmes_revision", "programmes_membership"):
            cursor.execute(f"VACUUM ANALYZE {table}")


CACHE_FILL = 64  # the selectors cache of validated agreements holds this many


def time_saves(
    label: str,
    chosen: list[int],
    others: list[int],
    user: Any,
    edits: Any,
    default_gc: bool = False,
) -> None:
    """For each chosen programme a save with its document not cached (as in a worker that has
    not served it yet), then a second one (cached); wall and CPU p50/p95, the wall less the
    collector's pauses, and the full collections."""
    from stramien.web.process import tune_gc
    from stramien.web.programmes.models import Programme
    from stramien.web.programmes.selectors import forget_results, head_agreement
    from stramien.web.programmes.store import forget_documents

    forget_documents()
    forget_results()
    gc.unfreeze()
    gc.collect()
    if default_gc:
        gc.set_threshold(*DEFAULT_THRESHOLDS)
    else:
        tune_gc()
    for pk in others[:CACHE_FILL]:
        head_agreement(Programme.objects.get(pk=pk))
    times, warm = [], []
    cpu: dict[str, list[float]] = {"cold": [], "warm": []}
    collecting: dict[str, list[float]] = {"cold": [], "warm": []}
    full: list[float] = []
    for index, pk in enumerate(chosen):
        forget_documents()  # as a worker that has not served this programme yet
        programme = Programme.objects.get(pk=pk)
        times += one_field_saves(
            programme, user, edits, 1, 100 + index, cpu["cold"], collecting["cold"]
        )
        full += COLLECTIONS.pauses[2]
        warm += one_field_saves(
            programme, user, edits, 1, 500 + index, cpu["warm"], collecting["warm"]
        )
        full += COLLECTIONS.pauses[2]
    print(f"Save (actions.save_document), {len(times)} programmes spread over the table, {label}:")
    for name, walls in (("cold", times), ("warm", warm)):
        print(
            f"  {name} cache  p50 {statistics.median(walls):7.1f} ms  p95 {p95(walls):7.1f} ms"
            f"  p99 {percentile(walls, 0.99):7.1f} ms  max {max(walls):7.1f} ms"
        )
    print("  (goal: p95 <= 50 ms)")
    for name, walls in (("cold", times), ("warm", warm)):
        spent = cpu[name]
        without = [wall - pause for wall, pause in zip(walls, collecting[name], strict=True)]
        print(
            f"  {name}: CPU p50 {statistics.median(spent):5.1f} ms  p95 {p95(spent):5.1f} ms;"
            f" wall without GC pauses p50 {statistics.median(without):5.1f} ms"
            f"  p95 {p95(without):5.1f} ms"
        )
    print(
        f"  GC: {len(full)} full collections during the {2 * len(times)} saves, "
        f"{statistics.median(full) * 1000 if full else 0:.0f} ms each (median), "
        f"{len(gc.get_objects())} objects tracked, {gc.get_freeze_count()} frozen"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--programmes", type=int, default=100)
    parser.add_argument("--revisions", type=int, default=100)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip the saves with the default collector"
    )
    args = parser.parse_args()

    from bench_reliability import fresh_postgres, setup_django

    with tempfile.TemporaryDirectory(prefix="stramien-bench-") as folder:
        fresh_postgres(args.database_url)
        setup_django(args.database_url, Path(folder), "bench-" + os.urandom(16).hex())
        import yaml
        from django.conf import settings
        from django.contrib.auth import get_user_model

        from bench_web import Edits
        from stramien.model import Agreement
        from stramien.web.programmes import actions
        from stramien.web.programmes.models import Programme

        user = get_user_model().objects.create_user("bench-regisseur")
        agreement = Agreement.model_validate(
            yaml.safe_load((ROOT / "examples" / "large.yaml").read_text(encoding="utf-8"))
        )
        edits = Edits(agreement.model_dump(mode="json"))

        written = bytes_per_save(user, edits, agreement, args.edits)
        every = settings.STRAMIEN_SNAPSHOT_EVERY
        print(f"Bytes per one-field save over {args.edits} saves (snapshot every {every}):")
        print(f"  into the tables  {written['tables']:9.0f} B  (goal <= 4096)")
        print(f"  rows written     {written['rows']:9.1f}")
        print(f"  WAL              {written['wal']:9.0f} B")
        print(
            f"  baseline, the whole document on the row as before: {written['old_head']:.0f} B "
            f"into the table, {written['old_head_wal']:.0f} B WAL; ratio tables now / that "
            f"{written['tables'] / written['old_head']:.3f}"
        )

        started = time.perf_counter()
        source = actions.create_programme(acting_user=user, agreement=agreement)
        one_field_saves(source, user, edits, args.revisions - 1, seed=2)
        copy_history(source.pk, args.programmes - 1, user.pk)
        print(
            f"\nFilled {args.programmes} programmes x {args.revisions} revisions in "
            f"{time.perf_counter() - started:.0f} s"
        )
        pks = list(Programme.objects.order_by("pk").values_list("pk", flat=True))
        rng = random.Random(3)
        chosen = rng.sample(pks, min(args.samples, len(pks)))
        others = sorted(set(pks) - set(chosen))
        # The web worker's collector (process.tune_gc: objects of the start-up frozen out of
        # the collections, higher thresholds) against CPython's defaults, in the same run.
        # Each starts as a worker that has served CACHE_FILL other programmes, so the caches
        # of validated agreements and documents are full, as in a worker under way.
        time_saves("the web worker's collector (process.tune_gc)", chosen, others, user, edits)
        if not args.no_baseline:
            time_saves("CPython's default collector (baseline)", chosen, others, user, edits, True)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
