"""Benchmark: twenty people editing one programme at once, against one person alone.

    .venv/bin/python bench/bench_reliability.py [--edits 1000] [--editors 20]
        [--baseline-edits 200] [--database-url URL] [--seed N]

Runs the scenario of ``tests/reliability/test_concurrent_editors.py`` outside pytest:
``stramien serve`` in a process of its own (8 threads) on a fresh database, browsers that
GET a form, change one or two text fields and POST it with the base revision the form came
with, follow the redirect and read the message (see ``tests/reliability/_editors.py``).

First the baseline, in the same run and on the same server: one editor alone (the
procesregisseur on the same four section pages), so every save is a plain save. Then the
crowd: ``--editors`` at once, mixing same-field edits (conflicts) and different-field edits
(merges). Reported per run: POSTs, saves, conflicts, merges, 5xx, lost edits (the same
check as the test), saves per second, and the server time of a POST (p50/p95, ms, as the
client measured it); the ratio column is crowd / baseline. Other work on the machine slows
every figure; the load average is printed with the results.

The database is SQLite in a temporary folder unless ``--database-url`` names PostgreSQL;
that database is dropped and made anew, so its name must contain "bench"
(e.g. ``postgres://postgres@127.0.0.1:5432/stramien_bench_reliability``).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] if ordered else float("nan")


def fresh_postgres(url: str) -> None:
    from psycopg import sql

    from bench_web import admin_connection

    admin, name = admin_connection(url)
    if "bench" not in name:
        sys.exit(f"refusing to drop database {name!r}: its name does not say 'bench'")
    with admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(url: str, data_dir: Path, secret: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "stramien.web.settings"
    os.environ["DATABASE_URL"] = url
    os.environ["STRAMIEN_DATA_DIR"] = str(data_dir)
    os.environ["SECRET_KEY"] = secret
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def run(label: str, scenario: Any, server: Any, edits: int, seed: int) -> dict[str, Any]:
    from reliability._editors import lost_edits, run_editors, summary
    from reliability._scenario import plan
    from stramien.web.programmes.store import document_at

    editors, assignment = plan(scenario, server.url)
    ledger, seconds = run_editors(
        editors, base_url=server.url, assignment=assignment, total=edits, seed=seed
    )
    programme = scenario.programme
    programme.refresh_from_db()
    verdict = lost_edits(ledger, lambda n: document_at(programme, n), programme.head_document)
    counts = summary(ledger)
    times = [a.seconds * 1000 for a in ledger if a.status]
    return {
        "label": label,
        "editors": len(editors),
        "posts": counts["posts"],
        "saved": counts.get("saved", 0),
        "conflict": counts.get("conflict", 0),
        "merged": counts["merged"],
        "5xx": counts["5xx"],
        "lost": len(verdict.lost) + len(verdict.silent),
        "saves/s": counts.get("saved", 0) / seconds if seconds else 0.0,
        "p50": statistics.median(times) if times else float("nan"),
        "p95": p95(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--edits", type=int, default=1000, help="POSTs of the crowd")
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--baseline-edits", type=int, default=200, help="POSTs of one alone")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", type=int, default=20250611)
    args = parser.parse_args()

    from reliability._serve import Server, server_environment

    with tempfile.TemporaryDirectory(prefix="stramien-bench-") as folder:
        data = Path(folder)
        url = args.database_url or f"sqlite:///{data / 'bench.sqlite3'}"
        if dj_database_url.parse(url)["ENGINE"].endswith("postgresql"):
            fresh_postgres(url)
        secret = "bench-" + os.urandom(16).hex()
        setup_django(url, data, secret)
        from reliability._scenario import set_up

        (data / "server").mkdir()
        server = Server(
            data / "server",
            server_environment(data / "server", database=url, SECRET_KEY=secret),
            threads=8,
        ).start()
        try:
            rows = [
                run("one editor", set_up(1, "alone"), server, args.baseline_edits, args.seed),
                run(f"{args.editors} editors", set_up(args.editors, "crowd"), server,
                    args.edits, args.seed),
            ]
        finally:
            server.stop()
        tracebacks = server.tracebacks()

    base, crowd = rows
    print(f"database: {dj_database_url.parse(url)['ENGINE'].rsplit('.', 1)[-1]}; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'run':<12} {'POSTs':>6} {'saved':>6} {'confl.':>6} {'merged':>6} {'5xx':>4} "
          f"{'lost':>4} {'saves/s':>8} {'p50 ms':>7} {'p95 ms':>7}")
    for row in rows:
        print(f"{row['label']:<12} {row['posts']:>6} {row['saved']:>6} {row['conflict']:>6} "
              f"{row['merged']:>6} {row['5xx']:>4} {row['lost']:>4} {row['saves/s']:>8.1f} "
              f"{row['p50']:>7.1f} {row['p95']:>7.1f}")
    print(f"ratio crowd / one editor: saves/s {crowd['saves/s'] / base['saves/s']:.2f}, "
          f"p50 {crowd['p50'] / base['p50']:.2f}, p95 {crowd['p95'] / base['p95']:.2f}")
    print(f"tracebacks in the server log: {len(tracebacks)}")
    if crowd["lost"] or crowd["5xx"] or base["lost"] or tracebacks:
        sys.exit(1)


if __name__ == "__main__":
    main()
