"""Benchmark: monitoring with many measurements: a 100,000-row sheet import and the dashboard.

    .venv/bin/python bench/bench_monitoring.py [--indicators 50] [--periods 40] [--samples 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python \\
        bench/bench_monitoring.py          (uses its own database stramien_bench_monitoring)

Builds one programme from the large example with its indicators replaced by N quarterly
indicators over P periods (2020-2029), each broken down by wijk (5 values) and leeftijd
(10 values): 50 cells per period, so 50 x 40 x 50 = 100,000 approved measurements,
inserted in bulk. Then it measures:

* reading the sheet alone (``stramien.monitor.sheets.read_sheet``) of a 100,000-row CSV;
* ``import_measurements`` of that CSV into an empty programme (100,000 new values), into the
  filled one (100,000 corrections of approved values), and the same file again (nothing
  changes): the whole action, in its transaction, with its audit row;
* the dashboard: GET of the monitoring page through Django's test client as the
  procesregisseur, p95 (nearest rank) over ``--samples`` requests after one warm-up.

The baseline, measured in the same run, is ``Agreement.model_validate`` of the large example
(as in bench_check.py and bench_web.py); the ratio column is time / baseline, and the CPU
column is this process's CPU time (what a busy machine does not inflate). Goals (issue
12): the import <= 3 s, the dashboard p95 <= 150 ms. Other work on the machine slows every
row; the load average is printed with the results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
import yaml
from psycopg import sql

LARGE = Path(__file__).resolve().parents[1] / "examples" / "large.yaml"
BENCH_DATABASE = "stramien_bench_monitoring"
WIJKEN = ["Noord", "Oost", "Zuid", "West", "Centrum"]
LEEFTIJDEN = [f"{age}-{age + 9}" for age in range(0, 100, 10)]
IMPORT_GOAL_S = 3.0
DASHBOARD_GOAL_MS = 150.0


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


def bench_database(url: str) -> str:
    """The bench's own PostgreSQL database on the server of ``url``, created afresh."""
    parsed = dj_database_url.parse(url)
    params = {
        key: value
        for key, value in {
            "host": parsed.get("HOST"),
            "port": parsed.get("PORT"),
            "user": parsed.get("USER"),
            "password": parsed.get("PASSWORD"),
        }.items()
        if value
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(BENCH_DATABASE)
            )
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DATABASE)))
    user = f"{parsed['USER']}@" if parsed.get("USER") else ""
    port = f":{parsed['PORT']}" if parsed.get("PORT") else ""
    return f"postgres://{user}{parsed.get('HOST') or '127.0.0.1'}{port}/{BENCH_DATABASE}"


def setup_django(database_url: str | None, data_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "stramien.web.settings"
    os.environ["STRAMIEN_DATA_DIR"] = data_dir
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    from stramien.web.process import tune_gc

    tune_gc()  # as the server does
    call_command("migrate", verbosity=0)


def document(indicators: int, periods: int) -> dict[str, Any]:
    """The large example with N quarterly indicators, each in 50 cells, over P quarters."""
    data = yaml.safe_load(LARGE.read_text(encoding="utf-8"))
    start = dt.date(2020, 1, 1)
    end = dt.date(2019 + math.ceil(periods / 4), 12, 31)  # whole years of quarters
    data["programme"]["start"], data["programme"]["end"] = start.isoformat(), end.isoformat()
    goals = [goal["id"] for goal in data["goals"]]
    owner = data["partnership"]["partners"][0]["id"]
    data["indicators"] = [
        {
            "id": f"i-bench-{n:03d}",
            "name": f"Indicator {n}",
            "goal": goals[n % len(goals)],
            "unit": "personen",
            "baseline": 1000,
            "baseline_date": start.isoformat(),
            "target": 2000,
            "target_date": end.isoformat(),
            "owner": owner,
            "frequency": "quarterly",
            "dimensions": [
                {"key": "wijk", "name": "Wijk", "values": WIJKEN},
                {"key": "leeftijd", "name": "Leeftijd", "values": LEEFTIJDEN},
            ],
        }
        for n in range(indicators)
    ]
    return data


def sheet(indicators: list[Any], periods: list[str], shift: int) -> bytes:
    """A CSV with a value for every indicator, period and cell (Dutch notation)."""
    lines = ["indicator;periode;wijk;leeftijd;waarde;toelichting"]
    for indicator in indicators:
        for number, period in enumerate(periods):
            for wijk in WIJKEN:
                for age in LEEFTIJDEN:
                    value = 20 + number + shift
                    lines.append(f"{indicator.id};{period};{wijk};{age};{value},5;")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def fill(programme: Any, user: Any, periods: list[str]) -> int:
    """Approved values for every cell, inserted in bulk (the bench's set-up, not measured)."""
    from django.utils import timezone

    from stramien.web.monitoring.models import Measurement
    from stramien.web.programmes.selectors import head_agreement

    moment = timezone.now() - dt.timedelta(days=1)
    rng = random.Random(12)
    batch = []
    made = 0
    for indicator in head_agreement(programme).indicators:
        for number, period in enumerate(periods):
            for wijk in WIJKEN:
                for age in LEEFTIJDEN:
                    batch.append(
                        Measurement(
                            programme=programme,
                            indicator_id=indicator.id,
                            period=period,
                            dimensions={"wijk": wijk, "leeftijd": age},
                            value=Decimal(20 + number + rng.randint(0, 3)),
                            status=Measurement.Status.APPROVED,
                            entered_by=user,
                            entered_at=moment,
                            submitted_at=moment,
                            reviewed_by=user,
                            reviewed_at=moment,
                        )
                    )
            if len(batch) >= 20000:
                Measurement.objects.bulk_create(batch, batch_size=5000)
                made += len(batch)
                batch = []
    Measurement.objects.bulk_create(batch, batch_size=5000)
    return made + len(batch)


def timed_s(step: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall and CPU seconds of this process (the CPU time is what a busy machine does not
    inflate; on PostgreSQL the server's own work is not in it)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = step()
    return time.perf_counter() - started, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--indicators", type=int, default=50)
    parser.add_argument("--periods", type=int, default=40)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=30, help="runs of the baseline")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    database_url = bench_database(url) if url else None
    data_dir = tempfile.mkdtemp(prefix="stramien-bench-monitoring-")
    Path(data_dir, "static").mkdir()
    try:
        setup_django(database_url, data_dir)
        run(args)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from stramien.model import Agreement
    from stramien.monitor import indicator_periods
    from stramien.monitor.sheets import read_sheet
    from stramien.web.monitoring.models import Measurement
    from stramien.web.monitoring.sheets import import_measurements
    from stramien.web.programmes import actions
    from stramien.web.programmes.models import Membership
    from stramien.web.programmes.selectors import head_agreement

    raw = yaml.safe_load(LARGE.read_text(encoding="utf-8"))
    baseline = median_ms(lambda: Agreement.model_validate(raw), args.repeat)
    users = get_user_model().objects
    regisseur = users.create_user(username="bench-regisseur", password="bench-wachtwoord-1")
    monitor = users.create_user(username="bench-monitor", password="bench-wachtwoord-1")
    agreement = Agreement.model_validate(document(args.indicators, args.periods))
    filled = actions.create_programme(acting_user=regisseur, agreement=agreement)
    empty = actions.create_programme(acting_user=regisseur, agreement=agreement)
    for programme in (filled, empty):
        Membership.objects.create(programme=programme, user=monitor, role="monitor")
    indicators = head_agreement(filled).indicators
    periods = [p.key for p in indicator_periods(indicators[0], agreement.programme)]
    seconds, _cpu, made = timed_s(lambda: fill(filled, regisseur, periods))
    engine = connection.vendor
    if engine == "postgresql":
        engine = f"PostgreSQL {connection.pg_version // 10000}"
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"{engine}; {len(indicators)} indicators x {len(periods)} periods x "
        f"{len(WIJKEN) * len(LEEFTIJDEN)} cells = {made:,} approved measurements "
        f"(filled in {seconds:.1f} s)"
    )

    data = sheet(indicators, periods, shift=7)
    rows = data.count(b"\n") - 1
    results: list[tuple[str, float, float | None, float]] = []  # name, ms, CPU ms, goal ms

    def imported(programme: Any) -> Any:
        return import_measurements(
            acting_user=monitor, programme=programme, data=data, filename="bench.csv"
        )

    seconds, cpu, _parsed = timed_s(lambda: read_sheet(data, "bench.csv", indicators))
    name = f"read_sheet, {rows:,}-row CSV ({len(data) / 1e6:.1f} MB)"
    results.append((name, seconds * 1000, cpu * 1000, 0))
    for name, programme in (
        ("import into an empty programme (all new)", empty),
        ("import over approved values (all corrections)", filled),
        ("the same file again (nothing changes)", filled),
    ):
        seconds, cpu, result = timed_s(lambda programme=programme: imported(programme))
        counts = f"{result.added:,}/{result.corrected:,}/{result.unchanged:,}"
        results.append((f"{name}: {counts}", seconds * 1000, cpu * 1000, IMPORT_GOAL_S * 1000))
    total = Measurement.objects.filter(programme=filled).count()
    print(f"after the imports the filled programme holds {total:,} records")

    client = Client()
    client.force_login(regisseur, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("programmes:monitoring", args=[filled.slug])
    samples = []
    for attempt in range(args.samples + 1):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = ms_since(started)
        if response.status_code != 200:
            sys.exit(f"dashboard answered {response.status_code}")
        if attempt:
            samples.append(elapsed)
        else:
            first = elapsed  # nothing kept yet: the roll-up of every value is computed
    results.append(("dashboard GET, first after the imports (computes all)", first, None, 0))
    name = f"dashboard GET p95 ({args.samples} requests)"
    results.append((name, p95(samples), None, DASHBOARD_GOAL_MS))
    results.append((f"dashboard GET median ({args.samples})", statistics.median(samples), None, 0))

    print(f"{'step':62} {'ms':>9} {'cpu ms':>9} {'x base':>8} {'goal':>8}")
    print(
        f"{'baseline: Agreement.model_validate(large example)':62} {baseline:9.1f} {'':9} {1:8.1f}"
    )
    for name, ms, cpu_ms, goal in results:
        verdict = "" if not goal else ("ok" if ms <= goal else "MISSED")
        goal_text = f"{goal:.0f}" if goal else ""
        cpu_text = f"{cpu_ms:9.1f}" if cpu_ms is not None else " " * 9
        print(f"{name:62} {ms:9.1f} {cpu_text} {ms / baseline:8.1f} {goal_text:>8} {verdict}")
    print(f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
