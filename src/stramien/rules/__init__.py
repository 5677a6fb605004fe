"""Checks and advice: pure functions of an Agreement, no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stramien.model import Agreement

from . import (
    ambition,
    amendments,
    appendices,
    effects,
    hierarchy,
    organisation,
    partnership,
    programme,
    programme_finance,
    programme_risks,
    realisation,
)
from .advice import (
    ApproachAdvice,
    ComplexityAdvice,
    StructureAdvice,
    TeamSize,
    TrackAdvice,
    advice_as_dict,
    advise_approach,
    advise_approach_per_track,
    advise_complexity,
    advise_structure,
    project_teams,
    track_summary,
)
from .context import Context
from .registry import (
    RULES,
    SECTION_LABELS,
    SEVERITIES,
    Finding,
    Rule,
    Section,
    Severity,
    parse_path,
)

# Imported for their side effect: each module registers its rules.
_RULE_MODULES = (
    ambition,
    partnership,
    realisation,
    programme,
    effects,
    programme_finance,
    programme_risks,
    organisation,
    hierarchy,
    appendices,
    amendments,
)

# How much an unmet rule weighs in a section's readiness; tips are advice, not gaps.
READINESS_WEIGHTS: dict[Severity, int] = {"error": 3, "warning": 1, "tip": 0}

_SEVERITY_ORDER = {severity: index for index, severity in enumerate(SEVERITIES)}
_SECTION_ORDER = {section: index for index, section in enumerate(Section)}


@dataclass(frozen=True)
class Report:
    findings: list[Finding]
    readiness: dict[Section, int]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def check(agreement: Agreement, today: dt.date | None = None) -> list[Finding]:
    """Every finding for ``agreement``, ordered by section, severity and path."""
    return evaluate(agreement, today).findings


def evaluate(agreement: Agreement, today: dt.date | None = None) -> Report:
    """Run every rule once; return the findings and the readiness per section (0-100).

    ``today`` is the day the checks are made for (default: the real today)."""
    ctx = Context(agreement) if today is None else Context(agreement, today)
    findings: list[Finding] = []
    earned = dict.fromkeys(Section, 0)
    possible = dict.fromkeys(Section, 0)
    for current in RULES:
        if current.applies is not None and not current.applies(ctx):
            continue
        found = current.run(ctx)
        findings.extend(found)
        weight = READINESS_WEIGHTS[current.severity]
        possible[current.section] += weight
        if not found:
            earned[current.section] += weight
    findings.sort(key=lambda f: (_SECTION_ORDER[f.section], _SEVERITY_ORDER[f.severity], f.path))
    readiness = {
        section: 100 if possible[section] == 0 else round(100 * earned[section] / possible[section])
        for section in Section
    }
    return Report(findings, readiness)


__all__ = [
    "READINESS_WEIGHTS",
    "RULES",
    "SECTION_LABELS",
    "SEVERITIES",
    "ApproachAdvice",
    "ComplexityAdvice",
    "Finding",
    "Report",
    "Rule",
    "Section",
    "Severity",
    "StructureAdvice",
    "TeamSize",
    "TrackAdvice",
    "advice_as_dict",
    "advise_approach",
    "advise_approach_per_track",
    "advise_complexity",
    "advise_structure",
    "check",
    "evaluate",
    "parse_path",
    "project_teams",
    "track_summary",
]
