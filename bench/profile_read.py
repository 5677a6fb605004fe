"""Profile: where the CPU of a read goes, in one process (the overview and section editors).

    .venv/bin/python bench/profile_read.py [--database-url URL] [--pages overview,ambitie,doelen]
        [--requests 50] [--rounds 3] [--top 40] [--sort tottime|cumulative] [--no-profile]

Fills a fresh PostgreSQL database (default ``stramien_bench_profile``; only a database whose
name says "bench" is ever dropped) with the large example, logs in as its procesregisseur
with Django's test client and, per page, warms the caches with a few requests and then
makes ``--requests`` GETs with the browser's Accept-Encoding, ``--rounds`` times. Printed per
page: CPU ms per request (``time.process_time``, without the profiler; the least of the
rounds, the one other work on the machine disturbed least), SQL queries per request and the
templates rendered per request (Django's ``template_rendered`` signal counts every
``{% include %}``); then, unless ``--no-profile``, the ``cProfile`` of the same requests,
the ``--top`` functions by ``--sort``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/stramien_bench_profile"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--pages", default="overview,ambitie,doelen")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()

    from bench_serve import page_url, prepare

    with tempfile.TemporaryDirectory(prefix="stramien-profile-") as folder:
        secret = "bench-" + os.urandom(16).hex()
        slug, cookie = prepare(args.database_url, Path(folder), secret)
        from django.db import connection
        from django.test import Client
        from django.test.signals import template_rendered
        from django.test.utils import (
            CaptureQueriesContext,
            setup_test_environment,
            teardown_test_environment,
        )

        client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br", HTTP_ACCEPT="text/html")
        client.cookies["sessionid"] = cookie.split("=", 1)[1]
        templates: Counter[str] = Counter()

        def count(sender: Any, template: Any, **kwargs: Any) -> None:
            templates[template.name] += 1

        for page in args.pages.split(","):
            url = page_url("", slug, page)
            for _ in range(5):
                assert client.get(url).status_code == 200
            rounds = []
            for _ in range(args.rounds):
                started = time.process_time()
                for _ in range(args.requests):
                    client.get(url)
                rounds.append((time.process_time() - started) * 1000 / args.requests)
            cpu_ms = min(rounds)  # the least disturbed round
            templates.clear()
            setup_test_environment()  # instruments Template._render, so the signal is sent
            template_rendered.connect(count)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            template_rendered.disconnect(count)
            teardown_test_environment()
            print(
                f"{page}: {cpu_ms:.1f} CPU ms/request, {len(queries)} queries, "
                f"{sum(templates.values())} templates rendered, "
                f"{len(response.content)} bytes (compressed)",
                flush=True,
            )
            for query in queries.captured_queries:
                print("   ", query["sql"][:160])
            print("   templates:", ", ".join(f"{n} x{c}" for n, c in templates.most_common(12)))
            if args.no_profile:
                continue
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.requests):
                client.get(url)
            profile.disable()
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out)
            stats.sort_stats(args.sort).print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
