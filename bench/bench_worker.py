"""Benchmark: the background worker's memory over many successive versions of the large
example (issue 16, point 4: flat within ±10 % over 100 revisions).

    .venv/bin/python bench/bench_worker.py [--revisions 100] [--database-url URL]
        [--tasks-per-life N]

Sets up a fresh database (SQLite in a temporary folder unless ``--database-url`` names a
PostgreSQL database whose name says "bench"), creates the large example, and starts
``stramien worker`` as a process of its own. Then it saves ``--revisions`` versions one by
one (a sentence added to the summary each time), each of which queues a PDF render, waits
until the worker has made it, and reads the worker's resident memory (VmRSS, Linux).

Reported: the render time per version (median, max) and the worker's RSS after the first
ten renders (the baseline, measured in the same run) and after the last ten; the ratio
last / first is the figure to hold within 0.9–1.1. ``--tasks-per-life 0`` runs the worker
without its periodic fresh start, to see what that start buys.
"""

from __future__ import annotations

import argparse
import copy
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def rss_mb(pid: int) -> float:
    """The resident memory of ``pid``; while the worker starts afresh (exec) it reads 0 for
    a moment: then wait for the new interpreter."""
    for _ in range(100):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:") and int(line.split()[1]) > 0:
                return int(line.split()[1]) / 1024
        time.sleep(0.05)
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--revisions", type=int, default=100)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--tasks-per-life", type=int, default=None)
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        sys.exit("reads the worker's memory from /proc: Linux only")

    data = Path(tempfile.mkdtemp(prefix="stramien-bench-worker-"))
    url = args.database_url or f"sqlite:///{data / 'stramien.sqlite3'}"
    if args.database_url:
        from bench_reliability import fresh_postgres

        fresh_postgres(url)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "STRAMIEN_DATA_DIR": str(data),
        "SECRET_KEY": secrets.token_urlsafe(40),
        "STRAMIEN_RENDER_CACHE_DIR": str(data / "render-cache"),
        "STRAMIEN_PRERENDER": "pdf",
        "DJANGO_SETTINGS_MODULE": "stramien.web.settings",
    }
    os.environ.update(env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)

    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from stramien.io import load_agreement
    from stramien.web import worker as worker_module
    from stramien.web.programmes import actions
    from stramien.web.users import User

    user = User.objects.create_user("bench", password=secrets.token_urlsafe(12))
    programme = actions.create_programme(
        acting_user=user, agreement=load_agreement(ROOT / "examples" / "large.yaml")
    )
    if args.tasks_per_life is not None:
        env["STRAMIEN_WORKER_TASKS_PER_LIFE"] = str(args.tasks_per_life)
    child = subprocess.Popen(
        [sys.executable, "-m", "stramien.cli", "worker", "--parent", str(os.getpid())],
        env=env,
    )

    def wait_done(count: int) -> None:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            finished = DBTaskResult.objects.filter(
                status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
            ).count()
            if finished >= count:
                return
            time.sleep(0.05)
        raise SystemExit("the worker did not finish in 10 minutes")

    try:
        wait_done(1)  # version 1, made when the programme was created
        seconds: list[float] = []
        memory: list[float] = []
        for number in range(2, args.revisions + 2):
            programme.refresh_from_db()
            document = copy.deepcopy(programme.head_document)
            document["programme"]["summary"] += f" Zin {number}."
            started = time.monotonic()
            actions.save_document(
                acting_user=user,
                programme=programme,
                document=document,
                base_number=programme.head_number,
            )
            wait_done(number)
            seconds.append(time.monotonic() - started)
            memory.append(rss_mb(child.pid))
            print(f"  versie {number}: {seconds[-1]:.2f} s, worker {memory[-1]:.0f} MB", flush=True)
        failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count()
    finally:
        child.terminate()
        child.wait(timeout=30)
    first = statistics.median(memory[:10])
    last = statistics.median(memory[-10:])
    print()
    print(f"revisions            {len(seconds)} (failed tasks: {failed})")
    middle = statistics.median(seconds)
    print(f"render per version   median {middle:.2f} s, max {max(seconds):.2f} s")
    print(f"worker RSS first 10  {first:.0f} MB (baseline)")
    print(f"worker RSS last 10   {last:.0f} MB")
    print(f"worker RSS min, max  {min(memory):.0f} MB, {max(memory):.0f} MB")
    steady = memory[len(memory) // 4 :]
    print(
        f"after the first 25 % {min(steady):.0f}-{max(steady):.0f} MB, "
        f"spread {max(steady) / statistics.median(steady) - 1:+.1%} / "
        f"{min(steady) / statistics.median(steady) - 1:+.1%} of the median"
    )
    print(f"ratio last / first   {last / first:.3f}  (target 0.90-1.10)")
    print(f"tasks per life       {worker_module.tasks_per_life()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
