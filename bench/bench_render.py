"""Benchmark: the large example in every format, cold and warm, beside LibreOffice.

    .venv/bin/python bench/bench_render.py [--repeat N] [--revisions N] [--formats pdf,docx]

Every number is measured in this run, each a median of N (--repeat) measurements:

* cold, empty cache: ``stramien render`` in a new Python process (import, load the file,
  write one format) with an empty cache directory (STRAMIEN_RENDER_CACHE_DIR);
* cold, figures cached: a new process renders the file with one text field changed
  (programme summary), with the cache the first one filled: a new version of the
  document, but no figure has to be drawn again;
* cold, rendered before: a new process renders the unchanged file again: the document
  comes from the cache (``stramien render`` does not even parse the file);
* warm, same doc: the identical render again inside one process (median of N); Stramien
  then returns the document it made before;
* warm, 1 field: inside that process, N renders each with one text field changed
  (programme summary): the honest warm number, the document has to be made again;
* warm, chart field: N renders each with one risk's likelihood changed, so the risk
  chart is drawn again as well;
* warm, from disk: the document another process made (a web application's background
  worker, after each save) read from the cache directory: what a download then costs.

The cold runs take turns: each round renders every format once in every cold case, so
"x PDF cold" (DOCX and ODT cold with an empty cache against PDF cold, below the table) is
the median of ratios of runs made one after the other, wall and CPU (user + system, the
helper processes and Graphviz included). The load average is printed before and after.

The baseline is LibreOffice converting our own DOCX to PDF (the route people take without
Stramien; median of N conversions after one that builds its profile); "x LO" is
LibreOffice's time divided by ours (higher is faster). Peak memory is
the child's high-water mark (VmHWM), cold and after all warm renders. With --revisions,
one process renders N successive revisions (one field and the timestamp changed) as PDF
and prints time and memory after each: memory should stay flat.
Goals (rendering issue): PDF cold <= 0.5 s, warm <= 0.05 s, >= 3x faster than LibreOffice;
(issue 16) PDF cold with an empty cache <= 1.2 s, DOCX and ODT cold no slower than PDF cold.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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
PDF_EMPTY_COLD_GOAL = 1.2

_PEAK = """
def peak_mib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""
# One cold `stramien render`. VmHWM, unlike ru_maxrss, starts afresh at exec: it is this
# process's own.
COLD = (
    _PEAK
    + """
import sys
from stramien.cli import main
status = main(["render", sys.argv[1], "--format", sys.argv[2], "-o", sys.argv[3]])
print(peak_mib() if status == 0 else "failed")
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

def from_disk():
    from stramien.render import clear_caches
    samples = []
    for _ in range(repeat):
        clear_caches()  # nothing in memory: read the file another process left
        started = time.perf_counter()
        render(agreement, fmt)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)

result = {
    "same": timed(lambda index: agreement),
    "field": timed(text_field),
    "chart": timed(chart_field),
    "disk": from_disk(),
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


def child(script: str, *args: str, cache_dir: Path) -> tuple[float, str, float]:
    """Wall seconds, the last line of output and the CPU seconds (user + system, with
    every process it waited for) of one Stramien child process."""
    env = {**os.environ, "STRAMIEN_RENDER_CACHE_DIR": str(cache_dir)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, *args], check=True, capture_output=True, text=True, env=env
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, done.stdout.strip().splitlines()[-1], cpu


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "?"


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
    print(f"load average before: {load_average()} ({os.cpu_count()} cores)")
    if office is None:
        print("LibreOffice not installed: no baseline, no ratios")
    else:
        print(f"baseline, this run: LibreOffice DOCX -> PDF {office:.2f} s; x LO = LO s / ours")
    header = (
        f"{'format':7} {'cold, empty cache':>17} {'cold, figs cached':>17} "
        f"{'cold, made before':>17} {'warm, same doc':>17} {'warm, 1 field':>17} "
        f"{'warm, chart field':>17} {'warm, from disk':>17} {'peak MiB cold/warm':>19}"
    )
    print(header)
    print("-" * len(header))
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="stramien-bench-input-") as inputs:
        source, changed = Path(inputs) / "large.yaml", Path(inputs) / "large-changed.yaml"
        text = LARGE.read_text(encoding="utf-8")
        source.write_text(text, encoding="utf-8")
        changed.write_text(
            text.replace("  summary: ", "  summary: Gewijzigd. ", 1), encoding="utf-8"
        )
        output = Path(inputs) / "output"
        cold: dict[str, dict[str, list[float]]] = {
            fmt: {"empty": [], "figures": [], "before": []} for fmt in formats
        }
        cold_cpu: dict[str, list[float]] = {fmt: [] for fmt in formats}
        peaks: dict[str, list[float]] = {fmt: [] for fmt in formats}
        for _ in range(args.repeat):
            for fmt in formats:  # the formats take turns: their ratios are of one moment
                with tempfile.TemporaryDirectory(prefix="stramien-bench-cache-") as folder:
                    for name, path in (("empty", source), ("figures", changed), ("before", source)):
                        seconds, peak, cpu = child(
                            COLD, str(path), fmt, str(output), cache_dir=Path(folder)
                        )
                        cold[fmt][name].append(seconds)
                        peaks[fmt].append(float(peak))
                        if name == "empty":
                            cold_cpu[fmt].append(cpu)
        for fmt in formats:
            with tempfile.TemporaryDirectory(prefix="stramien-bench-cache-") as folder:
                _, line, _cpu = child(
                    WARM, str(LARGE), fmt, str(args.repeat), cache_dir=Path(folder)
                )
            warm = json.loads(line)
            results[fmt] = {name: statistics.median(values) for name, values in cold[fmt].items()}
            results[fmt]["empty_cpu"] = statistics.median(cold_cpu[fmt])
            results[fmt].update(warm)
            row = results[fmt]
            print(
                f"{fmt:7} {cell(row['empty'], office)} {cell(row['figures'], office)} "
                f"{cell(row['before'], office)} {cell(row['same'], office)} "
                f"{cell(row['field'], office)} {cell(row['chart'], office)} "
                f"{cell(row['disk'], office)} {max(peaks[fmt]):9.0f}/{warm['peak']:<9.0f}"
            )
    print(f"load average after: {load_average()}")

    print()
    print("cold, empty cache: wall and CPU s (median); x PDF cold = this format / PDF, paired")
    for fmt in formats:
        line = (
            f"  {fmt:5} wall {results[fmt]['empty']:6.3f} s  cpu {results[fmt]['empty_cpu']:6.3f} s"
        )
        if fmt != "pdf" and "pdf" in formats:
            wall = statistics.median(
                mine / base
                for mine, base in zip(cold[fmt]["empty"], cold["pdf"]["empty"], strict=True)
            )
            cpu = statistics.median(
                mine / base for mine, base in zip(cold_cpu[fmt], cold_cpu["pdf"], strict=True)
            )
            verdict = "met" if wall <= 1.0 else "NOT met"
            line += f"  x PDF cold: wall {wall:.2f}, cpu {cpu:.2f} (<= 1.00: {verdict})"
        print(line)

    if "pdf" in results:
        pdf = results["pdf"]
        print()
        print("goals (PDF):")
        cold_names = (
            ("empty", "empty cache"),
            ("figures", "figures cached"),
            ("before", "made before"),
        )
        met = "met" if pdf["empty"] <= PDF_EMPTY_COLD_GOAL else "NOT met"
        print(f"  cold, empty cache <= {PDF_EMPTY_COLD_GOAL} s: {pdf['empty']:.2f} s ({met})")
        print(
            f"  cold <= {PDF_COLD_GOAL} s: "
            + ", ".join(
                f"{label} {pdf[name]:.2f} s ({'met' if pdf[name] <= PDF_COLD_GOAL else 'NOT met'})"
                for name, label in cold_names
            )
        )
        warm_names = (
            ("same", "same doc"),
            ("field", "one field changed"),
            ("chart", "chart field changed"),
            ("disk", "from disk"),
        )
        print(
            f"  warm <= {PDF_WARM_GOAL} s: "
            + ", ".join(
                f"{label} {pdf[name]:.3f} s ({'met' if pdf[name] <= PDF_WARM_GOAL else 'NOT met'})"
                for name, label in warm_names
            )
        )
        if office is not None:
            print(
                f"  >= {RATIO_GOAL:.0f}x LibreOffice: "
                + ", ".join(
                    f"{label} {office / pdf[name]:.1f}x "
                    f"({'met' if office / pdf[name] >= RATIO_GOAL else 'NOT met'})"
                    for name, label in cold_names
                )
            )

    if args.revisions > 0:
        print()
        print(f"{args.revisions} successive PDF revisions in one process (memory should stay flat)")
        print(f"{'revision':>8} {'s':>7} {'RSS MiB':>8} {'peak MiB':>9}")
        with tempfile.TemporaryDirectory(prefix="stramien-bench-cache-") as folder:
            env = {**os.environ, "STRAMIEN_RENDER_CACHE_DIR": folder}
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
