"""Benchmark: the IATI 2.03 export of the large example with many approved values.

    .venv/bin/python bench/bench_iati.py [--cells 20] [--repeat 5]

Every indicator of the large example gets a breakdown by wijk with ``--cells`` values and one
approved value per cell in each of its reporting periods (about 24,000 values with the
default), then ``stramien.monitor.iati.iati_activities`` writes the export. Reports the
median time, and the baseline measured in the same run: ``Agreement.model_validate`` of the
large example (as in bench_check.py); the ratio column is time / baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from stramien.model import Agreement, MeasureType
from stramien.monitor import Measurement, MeasurementStatus, indicator_periods
from stramien.monitor.iati import iati_activities

LARGE = Path(__file__).resolve().parents[1] / "examples" / "large.yaml"
MOMENT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def median_ms(step: Callable[[], Any], repeat: int) -> float:
    step()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def with_breakdown(data: dict[str, Any], cells: int) -> Agreement:
    wijken = [f"Wijk {number}" for number in range(1, cells + 1)]
    for indicator in data["indicators"]:
        indicator["dimensions"] = [{"key": "wijk", "name": "Wijk", "values": wijken}]
    return Agreement.model_validate(data)


def values(agreement: Agreement) -> list[Measurement]:
    found: list[Measurement] = []
    for indicator in agreement.indicators:
        wijken = indicator.dimensions[0].values
        for period in indicator_periods(indicator, agreement.programme):
            for number, wijk in enumerate(wijken):
                ratio = indicator.measure is MeasureType.PERCENTAGE
                found.append(
                    Measurement(
                        id=str(len(found) + 1),
                        indicator=indicator.id,
                        period=period.key,
                        entered_at=MOMENT,
                        value=None if ratio else Decimal(number + 1),
                        numerator=Decimal(number) if ratio else None,
                        denominator=Decimal(100) if ratio else None,
                        dimensions={"wijk": wijk},
                        status=MeasurementStatus.APPROVED,
                        approved_at=MOMENT,
                    )
                )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cells", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = yaml.safe_load(LARGE.read_text(encoding="utf-8"))
    agreement = with_breakdown(data, args.cells)
    measured = values(agreement)
    generated = dt.datetime(2031, 1, 1, tzinfo=dt.UTC)

    def export() -> bytes:
        return iati_activities(
            agreement,
            organisation_ref="NL-KVK-00000001",
            programme_id="groot",
            generated_at=generated,
            measurements=measured,
        )

    baseline = median_ms(lambda: Agreement.model_validate(data), args.repeat)
    took = median_ms(export, args.repeat)
    size = len(export())
    print(f"{'step':<52} {'ms':>9} {'ratio':>7}")
    print(f"{'baseline: Agreement.model_validate(large)':<52} {baseline:>9.1f} {1:>7.1f}")
    label = f"iati_activities: {len(agreement.indicators)} indicators, {len(measured):,} values"
    print(f"{label:<52} {took:>9.1f} {took / baseline:>7.1f}")
    print(f"export size: {size:,} bytes")


if __name__ == "__main__":
    main()
