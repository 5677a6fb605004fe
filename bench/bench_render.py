"""Benchmark: the large example in every format, cold and warm, beside LibreOffice.

    .venv/bin/python bench/bench_render.py [--repeat N]

Cold = a new Python process that imports Stramien, loads the file and writes one format.
Warm = the same call again inside one process (median of N). The baseline, measured in
the same run, is LibreOffice converting our own DOCX to PDF (the route people take
without Stramien); ratios are baseline / ours. Peak memory is the child's max RSS.
Goals (rendering issue): PDF cold <= 0.5 s, warm <= 0.05 s, >= 3x faster than LibreOffice.
"""

from __future__ import annotations

import argparse
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
# The child reports its own peak RSS (KiB on Linux), so each format is measured on its own.
COLD = """
import resource, sys
from stramien.io import load_agreement
from stramien.render import render
render(load_agreement(sys.argv[1]), sys.argv[2])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run_child(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one Stramien child process."""
    started = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return seconds, int(done.stdout.split()[-1]) / 1024


def libreoffice_seconds(docx: bytes) -> float | None:
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
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    agreement = load_agreement(LARGE)
    print(f"large example, {args.repeat} warm runs per format")
    print(f"{'format':7} {'cold s':>8} {'peak MiB':>9} {'warm s':>8} {'bytes':>11}")
    results: dict[str, float] = {}
    docx = b""
    for fmt in FORMATS:
        cold, peak = run_child([sys.executable, "-c", COLD, str(LARGE), fmt])
        samples = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            data = render(agreement, fmt)
            samples.append(time.perf_counter() - started)
        warm = statistics.median(samples)
        results[fmt] = cold
        docx = data if fmt == "docx" else docx
        print(f"{fmt:7} {cold:8.2f} {peak:9.0f} {warm:8.2f} {len(data):11,}")
    office = libreoffice_seconds(docx)
    if office is None:
        print("LibreOffice not installed: no baseline ratio")
        return
    print(f"baseline: LibreOffice DOCX -> PDF {office:.2f} s")
    print(f"ratio LibreOffice / Stramien PDF (cold): {office / results['pdf']:.2f}x")


if __name__ == "__main__":
    main()
