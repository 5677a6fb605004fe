"""Benchmark: load, check and advise on the large example.

    .venv/bin/python bench/bench_check.py [--repeat N]

Reports the median time of each step and its ratio to a baseline measured in the same
run: validating the already-parsed document with Pydantic (a fixed amount of work that
does not depend on our code). Goal from the foundation issue: all checks <= 10 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.rules import advise_approach, advise_structure, evaluate

LARGE = Path(__file__).resolve().parents[1] / "examples" / "large.yaml"


def median_ms(step: Callable[[], Any], repeat: int) -> float:
    step()  # warm-up: imports, caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    data = yaml.safe_load(LARGE.read_text(encoding="utf-8"))
    agreement = load_agreement(LARGE)
    baseline = median_ms(lambda: Agreement.model_validate(data), args.repeat)
    steps = {
        "load (read, parse, validate)": lambda: load_agreement(LARGE),
        "check (all rules + readiness)": lambda: evaluate(agreement),
        "advise (structure + approach)": lambda: (
            advise_structure(agreement),
            advise_approach(agreement),
        ),
    }
    print(f"large example: {LARGE.name}, {LARGE.stat().st_size:,} bytes, {args.repeat} runs")
    print(
        f"  {len(agreement.goals)} goals, {len(agreement.indicators)} indicators, "
        f"{len(agreement.finance.cost_items)} cost items, {len(agreement.risks.items)} risks"
    )
    print(f"{'step':34} {'median ms':>10} {'x baseline':>11}")
    print(f"{'baseline: pydantic validation':34} {baseline:10.2f} {1.0:11.2f}")
    for name, step in steps.items():
        ms = median_ms(step, args.repeat)
        print(f"{name:34} {ms:10.2f} {ms / baseline:11.2f}")


if __name__ == "__main__":
    main()
