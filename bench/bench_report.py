"""Benchmark: the progress report of the large example per format, beside the agreement.

    .venv/bin/python bench/bench_report.py [--repeat N] [--formats pdf,docx,odt,html]

The large example (50 indicators, 100 goals, 36 milestones, 6 years) gets an approved value
for every indicator and every quarter from 2026-Q1 to 2027-Q2 (made up, deterministic),
and the report of 2027-Q2 is made. Per format, each a median of N measurements in this
process, with the in-memory caches emptied before each (so every figure is drawn again and
nothing is answered from a finished document):

* agreement: ``stramien.render.render`` of the agreement itself;
* report: the snapshot (``stramien.monitor.report.snapshot``) plus the report file
  (``stramien.render.report.render_report``);
* snapshot: the snapshot alone (the same for every format);

and the ratio report / agreement (below 1: the report costs less than the agreement).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.monitor import Measurement, MeasurementStatus, indicator_periods, parse_period
from stramien.monitor.report import snapshot
from stramien.render import clear_caches, render
from stramien.render.report import REPORT_FORMATS, render_report

LARGE = Path(__file__).resolve().parents[1] / "examples" / "large.yaml"
PERIOD = parse_period("2027-Q2")
AS_OF = dt.datetime(2027, 7, 31, 12, tzinfo=dt.UTC)


def measurements(agreement: Agreement) -> list[Measurement]:
    """A value for every indicator and quarter up to the reported one, moving towards the
    target with a wobble, approved two weeks after the quarter."""
    found = []
    for number, indicator in enumerate(agreement.indicators):
        start = indicator.baseline if indicator.baseline is not None else Decimal(0)
        end = indicator.target if indicator.target is not None else start + 10
        periods = [p for p in indicator_periods(indicator, agreement.programme) if p <= PERIOD]
        for step, period in enumerate(periods, start=1):
            share = Decimal(step) / Decimal(24) * Decimal(0.6 + (number % 5) * 0.15)
            value = (start + (end - start) * share).quantize(Decimal("0.1"))
            moment = dt.datetime.combine(period.end, dt.time(12), dt.UTC) + dt.timedelta(days=14)
            found.append(
                Measurement(
                    id=f"{indicator.id}-{period.key}",
                    indicator=indicator.id,
                    period=period.key,
                    entered_at=moment - dt.timedelta(days=3),
                    value=value,
                    status=MeasurementStatus.APPROVED,
                    approved_at=moment,
                    note="Gemeten volgens de afgesproken methode." if step % 3 == 0 else "",
                )
            )
    return found


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        clear_caches()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", default=",".join(REPORT_FORMATS))
    args = parser.parse_args()
    agreement = load_agreement(LARGE)
    records = measurements(agreement)
    print(f"large example: {len(agreement.indicators)} indicators, {len(records)} values")
    frozen = snapshot(agreement, PERIOD, AS_OF, records, version="versie 1")
    render_report(frozen, "html")  # start the chart engine once, outside the measurements
    seconds = median_seconds(lambda: snapshot(agreement, PERIOD, AS_OF, records), args.repeat)
    print(f"snapshot alone: {seconds:.3f} s")
    print(f"{'format':<6} {'agreement':>10} {'report':>8} {'report/agreement':>17}")
    for fmt in args.formats.split(","):
        whole = median_seconds(lambda fmt=fmt: render(agreement, fmt), args.repeat)
        report = median_seconds(
            lambda fmt=fmt: render_report(snapshot(agreement, PERIOD, AS_OF, records), fmt),
            args.repeat,
        )
        print(f"{fmt:<6} {whole:>9.2f}s {report:>7.2f}s {report / whole:>17.2f}")


if __name__ == "__main__":
    main()
