"""Benchmark: the large example in every format, cold and warm, beside LibreOffice.

    .venv/bin/python bench/bench_render.py [--repeat N] [--revisions N] [--formats pdf,docx]

Every number is measured in this run, each a median of N (--repeat) measurements:

* cold, empty cache: a new Python process that imports Stramien, loads the file and
  writes one format, with an empty figure cache directory (STRAMIEN_FIGURE_CACHE_DIR);
* cold, disk cache: a new process again, with the cache directory the first one filled
  (a web application keeps one), so no figure is drawn;
* warm, same doc: the identical render again inside one process (median of N); Stramien
  then returns the document it made before;
* warm, 1 field: inside that process, N renders each with one text field changed
  (programme summary): the honest warm number, the document has to be made again;
* warm, chart field: N renders each with one risk's likelihood changed, so the risk
  chart is drawn again as well.

The baseline is LibreOffice converting our own DOCX to PDF (the route people take without
Stramien; median of N conversions after one that builds its profile); "x LO" is
LibreOffice's time divided by ours (higher is faster). Peak memory is
the child's high-water mark (VmHWM), cold and after all warm renders. With --revisions,
one process renders N successive revisions (one field and the timestamp changed) as PDF
and prints time and memory after each: memory should stay flat.
Goals (rendering issue): PDF cold <= 0.5 s, warm <= 0.05 s, >= 3x faster than LibreOffice.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stramien.io import load_agreement
from stramien.render import FORMATS, render

LARGE = Path(__file__).resolve().parents[1] / "examples" / "large.yaml"
PDF_COLD_GOAL = 0.5
PDF_WARM_GOAL = 0.05
RATIO_GOAL = 3.0

_PEAK = """
def peak_mib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""
# One cold render. VmHWM, unlike ru_maxrss, starts afresh at exec: it is this process's own.
COLD = (
    _PEAK
    + """
import sys
from stramien.io import load_agreement
from stramien.render import render
render(load_agreement(sys.argv[1]), sys.argv[2])
print(peak_mib())
"""
)
WARM = (
    _PEAK
    + """
import json, statistics, sys, time
from stramien.io import load_agreement
from stramien.render import render
agreement = load_agreement(sys.argv[1])
fmt, repeat = sys.argv[2], int(sys.argv[3])
render(agreement, fmt)

def timed(make):
    samples = []
    for index in range(repeat):
        changed = make(index)
        started = time.perf_counter()
        render(changed, fmt)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)

def text_field(index):
    changed = agreement.model_copy(deep=True)
    changed.programme.summary += f" (wijziging {index + 1})"
    return changed

def chart_field(index):
    changed = agreement.model_copy(deep=True)
    risk = changed.risks.items[index % len(changed.risks.items)]
    risk.likelihood = risk.likelihood % 5 + 1
    return changed

result = {
    "same": timed(lambda index: agreement),
    "field": timed(text_field),
    "chart": timed(chart_field),
    "peak": peak_mib(),
}
print(json.dumps(result))
"""
)
REVISIONS = (
    _PEAK
    + """
import datetime as dt, sys, time
from stramien.io import load_agreement
from stramien.render import RevisionMeta, content_hash, render
agreement = load_agreement(sys.argv[1])
def rss_mib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0
for index in range(int(sys.argv[2])):
    changed = agreement.model_copy(deep=True)
    changed.programme.summary += f" (revisie {index + 1})"
    meta = RevisionMeta(
        revision=str(index + 1),
        hash=content_hash(changed),
        timestamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=index),
    )
    started = time.perf_counter()
    render(changed, "pdf", meta)
    seconds = time.perf_counter() - started
    print(f"{index + 1} {seconds:.3f} {rss_mib():.0f} {peak_mib():.0f}", flush=True)
"""
)


def child(script: str, *args: str, cache_dir: Path) -> tuple[float, str]:
    """Wall seconds and the last line of output of one Stramien child process."""
    env = {**os.environ, "STRAMIEN_FIGURE_CACHE_DIR": str(cache_dir)}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, *args], check=True, capture_output=True, text=True, env=env
    )
    return time.perf_counter() - started, done.stdout.strip().splitlines()[-1]


def libreoffice_seconds(docx: bytes, repeat: int) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "large.docx"
        source.write_bytes(docx)
        profile = Path(folder) / "profile"
        command = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        subprocess.run(command, check=True, capture_output=True)  # first start builds the profile
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            samples.append(time.perf_counter() - started)
        return statistics.median(samples)


def cell(seconds: float, office: float | None) -> str:
    ratio = f"{office / seconds:7.1f}x" if office else "      -"
    return f"{seconds:7.3f} {ratio}"


def pdf_pages(data: bytes) -> int | None:
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(io.BytesIO(data)).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="warm renders per measurement")
    parser.add_argument("--revisions", type=int, default=6, help="PDF revisions in one process")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated formats")
    args = parser.parse_args()
    formats = [fmt for fmt in args.formats.split(",") if fmt]
    agreement = load_agreement(LARGE)

    docx = render(agreement, "docx")
    office = libreoffice_seconds(docx, args.repeat)
    pages = pdf_pages(render(agreement, "pdf"))
    print(f"large example ({pages or '?'} PDF pages), every time a median of {args.repeat} runs")
    if office is None:
        print("LibreOffice not installed: no baseline, no ratios")
    else:
        print(f"baseline, this run: LibreOffice DOCX -> PDF {office:.2f} s; x LO = LO s / ours")
    header = (
        f"{'format':7} {'cold, empty cache':>17} {'cold, disk cache':>17} "
        f"{'warm, same doc':>17} {'warm, 1 field':>17} {'warm, chart field':>17} "
        f"{'peak MiB cold/warm':>19}"
    )
    print(header)
    print("-" * len(header))
    results: dict[str, dict[str, float]] = {}
    for fmt in formats:
        empties: list[float] = []
        disks: list[float] = []
        peaks: list[float] = []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="stramien-bench-cache-") as folder:
                cache = Path(folder)
                seconds, peak_empty = child(COLD, str(LARGE), fmt, cache_dir=cache)
                empties.append(seconds)
                seconds, peak_disk = child(COLD, str(LARGE), fmt, cache_dir=cache)
                disks.append(seconds)
                peaks += [float(peak_empty), float(peak_disk)]
        empty, disk = statistics.median(empties), statistics.median(disks)
        with tempfile.TemporaryDirectory(prefix="stramien-bench-cache-") as folder:
            _, line = child(WARM, str(LARGE), fmt, str(args.repeat), cache_dir=Path(folder))
        warm = json.loads(line)
        results[fmt] = {"empty": empty, "disk": disk, **warm}
        peak = max(peaks)
        print(
            f"{fmt:7} {cell(empty, office)} {cell(disk, office)} {cell(warm['same'], office)} "
            f"{cell(warm['field'], office)} {cell(warm['chart'], office)} "
            f"{peak:9.0f}/{warm['peak']:<9.0f}"
        )

    if "pdf" in results:
        pdf = results["pdf"]
        print()
        print("goals (PDF):")
        print(
            f"  cold <= {PDF_COLD_GOAL} s: empty cache {pdf['empty']:.2f} s, "
            f"disk cache {pdf['disk']:.2f} s -> "
            + ("met" if max(pdf["empty"], pdf["disk"]) <= PDF_COLD_GOAL else "NOT met")
        )
        print(
            f"  warm <= {PDF_WARM_GOAL} s: same doc {pdf['same']:.3f} s "
            f"({'met' if pdf['same'] <= PDF_WARM_GOAL else 'NOT met'}), "
            f"one field changed {pdf['field']:.3f} s "
            f"({'met' if pdf['field'] <= PDF_WARM_GOAL else 'NOT met'}), "
            f"chart field changed {pdf['chart']:.3f} s "
            f"({'met' if pdf['chart'] <= PDF_WARM_GOAL else 'NOT met'})"
        )
        if office is not None:
            ratio = office / pdf["empty"]
            print(
                f"  >= {RATIO_GOAL:.0f}x LibreOffice, cold with an empty cache: {ratio:.1f}x -> "
                + ("met" if ratio >= RATIO_GOAL else "NOT met")
            )

    if args.revisions > 0:
        print()
        print(f"{args.revisions} successive PDF revisions in one process (memory should stay flat)")
        print(f"{'revision':>8} {'s':>7} {'RSS MiB':>8} {'peak MiB':>9}")
        with tempfile.TemporaryDirectory(prefix="stramien-bench-cache-") as folder:
            env = {**os.environ, "STRAMIEN_FIGURE_CACHE_DIR": folder}
            done = subprocess.run(
                [sys.executable, "-c", REVISIONS, str(LARGE), str(args.revisions)],
                check=True,
                capture_output=True,
                text=True,
                env=env,
            )
        for line in done.stdout.split("\n"):
            if line.strip():
                number, taken, rss, peak_now = line.split()
                print(f"{number:>8} {taken:>7} {rss:>8} {peak_now:>9}")


if __name__ == "__main__":
    main()
