"""Benchmark: read throughput of ``stramien serve --workers N`` under 64 connections.

    .venv/bin/python bench/bench_serve.py [--database-url URL] [--workers 2] [--threads 8]
        [--connections 64] [--seconds 30] [--pages overview,ambitie,doelen] [--no-baseline]
        [--baseline-source DIR] [--repeat N]

Fills a fresh PostgreSQL database (default ``stramien_bench_serve``; only a database whose
name says "bench" is ever dropped) with the large example, then starts ``stramien serve``
twice in a process of its own on it, each time loaded by a load generator that is a separate
process (this script with ``--load``: asyncio, keep-alive HTTP/1.1 connections, the
browser's Accept-Encoding, a logged-in session), for ``--seconds`` per page:

* baseline: the same server with the in-process caches of point 2 turned off by settings
  (``STRAMIEN_DOCUMENT_CACHE=0``, ``STRAMIEN_FORM_CACHE=0``, ``STRAMIEN_FRAGMENT_CACHE=0``):
  each request derives the document from the stored snapshot and patches, and builds the
  section form and the pages' parts anew; or, with ``--baseline-source DIR``, the code of
  another checkout (``DIR/src``, e.g. an earlier commit exported with ``git archive``) with
  its default settings, on the same database (its migrations must be the same);
* cached: the default settings.

With ``--repeat N`` the two runs take N turns each (baseline, cached, baseline, ...), so
that other work on the machine weighs on both alike, and the medians are reported.

Per page and run: requests per second, p50 and p99 latency as the client measured it (ms),
errors (any status but 200, or a broken connection), and the ratio to the baseline; the
workers' CPU time per request (from /proc, so other work on the machine changes it least)
and what all cores could serve at that cost. After each run the resident memory (RSS) of
every worker process. The load generator shares the
machine's cores with the server; the load average is printed with the results.

Targets (issue 16, 64 connections, 30 s, large example, 2 cores): overview >= 300 req/s with
p99 <= 250 ms, a section editor >= 150 req/s with p99 <= 500 ms, 0 errors, RSS <= 200 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

import dj_database_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/stramien_bench_serve"
BROWSER_ENCODINGS = "gzip, deflate, br"


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


# --- The load generator (a process of its own) -----------------------------------------------


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Status of one response, read whole; and whether the connection stays open."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length, chunked, keep = 0, False, True
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _sep, value = line.decode("latin-1").partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif name == "connection" and value == "close":
            keep = False
    if chunked:
        while True:
            size = int((await reader.readline()).strip() or b"0", 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status, keep


async def _connection(
    host: str, port: int, request: bytes, until: float, times: list[float], errors: list[str]
) -> None:
    writer = None
    while time.monotonic() < until:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status, keep = await _read_response(reader)
            times.append((time.perf_counter() - started) * 1000)
            if status != 200:
                errors.append(str(status))
            if not keep:
                writer.close()
                writer = None
        except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError) as exc:
            errors.append(type(exc).__name__)
            if writer is not None:
                writer.close()
            writer = None
            await asyncio.sleep(0.05)
    if writer is not None:
        writer.close()


def load(url: str, cookie: str, connections: int, seconds: float) -> dict[str, Any]:
    parsed = urllib.parse.urlsplit(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    request = (
        f"GET {parsed.path} HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {cookie}\r\n"
        f"Accept-Encoding: {BROWSER_ENCODINGS}\r\nAccept: text/html\r\n"
        "Connection: keep-alive\r\n\r\n"
    ).encode("latin-1")
    times: list[float] = []
    errors: list[str] = []

    async def main() -> float:
        started = time.monotonic()
        until = started + seconds
        await asyncio.gather(
            *(_connection(host, port, request, until, times, errors) for _ in range(connections))
        )
        return time.monotonic() - started

    took = asyncio.run(main())
    return {
        "requests": len(times),
        "per_second": len(times) / took,
        "p50": statistics.median(times) if times else float("nan"),
        "p99": percentile(times, 0.99),
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:5],
    }


# --- The server under load --------------------------------------------------------------------


def processes_below(pid: int) -> list[int]:
    """Every process below ``pid`` (the gunicorn workers), or ``pid`` itself when none."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    below, todo = [], [pid]
    while todo:
        current = todo.pop()
        for child in children.get(current, []):
            below.append(child)
            todo.append(child)
    return below or [pid]


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes used so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for process in pids:
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def rss_of_workers(pid: int) -> list[float]:
    """RSS in MB of every process below ``pid`` (the gunicorn workers), or of ``pid`` itself."""

    def rss(process: int) -> float:
        try:
            for line in Path(f"/proc/{process}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    return [rss(p) for p in processes_below(pid)]


def prepare(url: str, data: Path, secret: str) -> tuple[str, str]:
    """A fresh database with the large example; its slug and a logged-in session cookie."""
    from bench_reliability import fresh_postgres, setup_django

    fresh_postgres(url)
    setup_django(url, data, secret)
    import yaml
    from django.contrib.auth import get_user_model
    from django.test import Client

    from stramien.model import Agreement
    from stramien.web.programmes import actions

    user = get_user_model().objects.create_user("bench-regisseur", password="bench-" + secret)
    agreement = Agreement.model_validate(
        yaml.safe_load((ROOT / "examples" / "large.yaml").read_text(encoding="utf-8"))
    )
    programme = actions.create_programme(acting_user=user, agreement=agreement)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return programme.slug, f"sessionid={client.cookies['sessionid'].value}"


def page_url(base: str, slug: str, page: str) -> str:
    if page == "overview":
        return f"{base}/programmas/{slug}/"
    return f"{base}/programmas/{slug}/onderdeel/{page}/"


def run_server(
    label: str,
    args: argparse.Namespace,
    data: Path,
    url: str,
    secret: str,
    slug: str,
    cookie: str,
    extra: dict[str, str],
    suffix: str = "",
) -> list[dict[str, Any]]:
    from reliability._serve import Server, server_environment

    folder = data / (label + suffix)
    folder.mkdir()
    env = server_environment(folder, database=url, SECRET_KEY=secret, **extra)
    server = Server(folder, env, threads=args.threads, workers=args.workers).start()
    rows = []
    try:
        for page in args.pages.split(","):
            target = page_url(server.url, slug, page)
            # Warm-up: every worker imports, compiles its templates and fills its caches.
            load_in_process(target, cookie, args.connections, 3.0)
            assert server.process is not None
            workers = processes_below(server.process.pid)
            cpu_before = cpu_seconds(workers)
            result = load_in_process(target, cookie, args.connections, args.seconds)
            cpu = cpu_seconds(workers) - cpu_before
            result.update(
                label=label,
                page=page,
                rss=rss_of_workers(server.process.pid),
                cpu_ms=cpu * 1000 / max(1, result["requests"]),
            )
            rows.append(result)
            print(
                f"  {label:<9} {page:<10} {result['per_second']:7.1f} req/s "
                f"p50 {result['p50']:6.1f} ms p99 {result['p99']:6.1f} ms "
                f"errors {result['errors']} RSS max {max(result['rss']):.0f} MB "
                f"CPU {result['cpu_ms']:.1f} ms/request",
                flush=True,
            )
    finally:
        server.stop()
    tracebacks = server.tracebacks()
    if tracebacks:
        print(f"  {label}: {len(tracebacks)} tracebacks in the server log:\n{tracebacks[0]}")
    return rows


def medians(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per run and page: the median of each figure over the turns (RSS: the most;
    errors: all of them)."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault((row["label"], row["page"]), []).append(row)
    merged = []
    for (label, page), turns in grouped.items():
        row = {"label": label, "page": page, "rss": [max(max(t["rss"]) for t in turns)]}
        for name in ("requests", "per_second", "p50", "p99", "cpu_ms"):
            row[name] = statistics.median(t[name] for t in turns)
        row["errors"] = sum(t["errors"] for t in turns)
        merged.append(row)
    return merged


def load_in_process(url: str, cookie: str, connections: int, seconds: float) -> dict[str, Any]:
    """Run the load generator as a process of its own and read its JSON answer."""
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--load",
            url,
            "--cookie",
            cookie,
            "--connections",
            str(connections),
            "--seconds",
            str(seconds),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 120,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--pages", default="overview,ambitie,doelen")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=1, help="turns of baseline and cached; medians reported"
    )
    parser.add_argument(
        "--baseline-source",
        help="a checkout whose src/ serves the baseline, with its default settings",
    )
    parser.add_argument("--load", help=argparse.SUPPRESS)
    parser.add_argument("--cookie", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        print(json.dumps(load(args.load, args.cookie, args.connections, args.seconds)))
        return
    if not dj_database_url.parse(args.database_url)["ENGINE"].endswith("postgresql"):
        sys.exit("--database-url must name PostgreSQL")
    with tempfile.TemporaryDirectory(prefix="stramien-bench-") as folder:
        data = Path(folder)
        secret = "bench-" + os.urandom(16).hex()
        slug, cookie = prepare(args.database_url, data, secret)
        print(
            f"{args.workers} workers x {args.threads} threads, {args.connections} connections, "
            f"{args.seconds:.0f} s per page, {os.cpu_count()} cores",
            flush=True,
        )
        rows: list[dict[str, Any]] = []
        before: dict[str, str] | None = None
        if not args.no_baseline:
            if args.baseline_source:
                source = Path(args.baseline_source).resolve() / "src"
                if not (source / "stramien").is_dir():
                    sys.exit(f"--baseline-source: no stramien package in {source}")
                before = {"PYTHONPATH": str(source)}
            else:
                before = {
                    "STRAMIEN_DOCUMENT_CACHE": "0",
                    "STRAMIEN_FORM_CACHE": "0",
                    "STRAMIEN_FRAGMENT_CACHE": "0",
                }
        # Taking turns, so that other work on the machine weighs on both runs alike.
        for turn in range(args.repeat):
            suffix = f"-{turn + 1}" if args.repeat > 1 else ""
            if before is not None:
                rows += run_server(
                    "baseline", args, data, args.database_url, secret, slug, cookie, before, suffix
                )
            rows += run_server(
                "cached", args, data, args.database_url, secret, slug, cookie, {}, suffix
            )
        rows = medians(rows)
    print(f"\nload average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    cores = os.cpu_count() or 1
    print(
        f"{'page':<10} {'run':<9} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
        f"{'RSS MB':>7} {'x req/s':>8} {'x p99':>6} {'CPU ms':>7} {'x CPU':>6} {'cap/s':>6}"
    )
    base = {row["page"]: row for row in rows if row["label"] == "baseline"}
    for row in rows:
        ref = base.get(row["page"])
        ratio_rate = row["per_second"] / ref["per_second"] if ref else float("nan")
        ratio_p99 = row["p99"] / ref["p99"] if ref else float("nan")
        ratio_cpu = row["cpu_ms"] / ref["cpu_ms"] if ref else float("nan")
        print(
            f"{row['page']:<10} {row['label']:<9} {row['per_second']:7.1f} {row['p50']:7.1f} "
            f"{row['p99']:7.1f} {row['errors']:>6} {max(row['rss']):7.0f} "
            f"{ratio_rate:8.2f} {ratio_p99:6.2f} {row['cpu_ms']:7.1f} {ratio_cpu:6.2f} "
            f"{cores * 1000 / max(0.001, row['cpu_ms']):6.0f}"
        )
    print(
        "CPU ms: the workers' CPU time per request (what other work on the machine changes "
        "least); cap/s: requests per second all cores could serve at that cost, with no load "
        "generator beside them."
    )


if __name__ == "__main__":
    main()
