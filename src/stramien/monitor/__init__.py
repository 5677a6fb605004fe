"""Pure computations on the agreement and its measurements (no Django, no I/O).

Measurements are records beside the document, keyed by its stable ids; everything here is
computed from them when read, never stored: periods and deadlines (``periods``), which
measurements count at a moment (``measurements``), combining over a breakdown and over time
(``aggregate``), the planned path (``trajectory``), on track or not (``status``) and the goal
tree (``rollup``). Values are ``Decimal`` throughout; the same input gives the same output.
"""

from __future__ import annotations

from .aggregate import (
    Value,
    breakdown,
    combine,
    combine_breakdown,
    combine_over_time,
    measured,
    period_value,
    period_values,
    value_to_date,
)
from .effects import CaseEffect, case_effects, scenario_cost
from .finance import (
    NO_GOAL,
    DeliveryEntry,
    Line,
    Scope,
    SpendingEntry,
    budget_by_goal,
    budget_by_partner,
    budget_by_year,
    current_records,
    goals_of_cost_items,
    in_kind_by_partner,
    orphaned_deliveries,
    orphaned_spending,
)
from .measurements import (
    Measurement,
    MeasurementError,
    MeasurementStatus,
    counting,
    field_problems,
    measurement_problems,
    orphaned,
)
from .milestones import (
    MilestoneEntry,
    MilestoneReport,
    Progress,
    Timeliness,
    milestone_reports,
    orphaned_milestone_entries,
)
from .periods import (
    DEFAULT_DAYS_TO_REPORT,
    Period,
    PeriodError,
    indicator_periods,
    last_closed,
    parse_period,
    period_of,
    periods_between,
    reporting_deadline,
)
from .rollup import GoalStatus, Rollup, combine_statuses, reference_period, rollup
from .status import PeriodStatus, Status, band, classify, history, period_status, shortfall
from .trajectory import TargetPoint, anchors, target_for, trajectory

__all__ = [
    "DEFAULT_DAYS_TO_REPORT",
    "NO_GOAL",
    "CaseEffect",
    "DeliveryEntry",
    "GoalStatus",
    "Line",
    "Measurement",
    "MeasurementError",
    "MeasurementStatus",
    "MilestoneEntry",
    "MilestoneReport",
    "Period",
    "PeriodError",
    "PeriodStatus",
    "Progress",
    "Rollup",
    "Scope",
    "SpendingEntry",
    "Status",
    "TargetPoint",
    "Timeliness",
    "Value",
    "anchors",
    "band",
    "breakdown",
    "budget_by_goal",
    "budget_by_partner",
    "budget_by_year",
    "case_effects",
    "classify",
    "combine",
    "combine_breakdown",
    "combine_over_time",
    "combine_statuses",
    "counting",
    "current_records",
    "field_problems",
    "goals_of_cost_items",
    "history",
    "in_kind_by_partner",
    "indicator_periods",
    "last_closed",
    "measured",
    "measurement_problems",
    "milestone_reports",
    "orphaned",
    "orphaned_deliveries",
    "orphaned_milestone_entries",
    "orphaned_spending",
    "parse_period",
    "period_of",
    "period_status",
    "period_value",
    "period_values",
    "periods_between",
    "reference_period",
    "reporting_deadline",
    "rollup",
    "scenario_cost",
    "shortfall",
    "target_for",
    "trajectory",
    "value_to_date",
]
