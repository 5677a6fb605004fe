"""Findings, sections and the registry every check adds itself to."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from stramien.model.numbering import annex, paragraph

if TYPE_CHECKING:
    from .context import Context

Severity = Literal["error", "warning", "tip"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "tip")
SEVERITY_LABELS: dict[Severity, str] = {"error": "fout", "warning": "waarschuwing", "tip": "tip"}


class Section(StrEnum):
    """The parts of the stramien that findings and readiness are grouped by."""

    AMBITION = "ambition"
    PARTNERSHIP = "partnership"
    REALISATION = "realisation"
    PROGRAMME = "programme"
    ORGANISATION = "organisation"
    APPENDICES = "appendices"

    @property
    def label(self) -> str:
        return SECTION_LABELS[self]


# The numbers and titles of the one table (``stramien.model.numbering``).
SECTION_LABELS: dict[Section, str] = {
    Section.AMBITION: paragraph("1").heading,
    Section.PARTNERSHIP: paragraph("2").heading,
    Section.REALISATION: paragraph("3").heading,
    Section.PROGRAMME: paragraph("4").heading,
    Section.ORGANISATION: f"{annex('4')}: inrichting van het programma",
    Section.APPENDICES: paragraph("5").heading,
}


# One step of a path as ``format_path`` writes it: ``.name`` or ``[3]``.
_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def parse_path(text: str) -> tuple[str | int, ...]:
    """The steps of a path written as ``partnership.partners[0].role`` (the inverse of
    ``stramien.model.format_path``)."""
    return tuple(int(index) if index else name for index, name in _STEP.findall(text))


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check reports: where, what is wrong, and optionally a specific hint."""

    path: str
    message: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    section: Section
    path: str
    message: str
    hint: str

    @property
    def steps(self) -> tuple[str | int, ...]:
        """The path as steps: ``("partnership", "partners", 0, "role")``."""
        return parse_path(self.path)

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "section": self.section.value,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
        }


CheckFunction = Callable[["Context"], Iterable[Hit]]
AppliesFunction = Callable[["Context"], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    section: Section
    severity: Severity
    title: str
    hint: str
    check: CheckFunction
    applies: AppliesFunction | None = None

    def run(self, ctx: Context) -> list[Finding]:
        return [
            Finding(
                rule=self.id,
                severity=self.severity,
                section=self.section,
                path=hit.path,
                message=hit.message,
                hint=hit.hint or self.hint,
            )
            for hit in self.check(ctx)
        ]


RULES: list[Rule] = []


def rule(
    rule_id: str,
    section: Section,
    severity: Severity,
    title: str,
    hint: str,
    applies: AppliesFunction | None = None,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check. ``applies`` says when the rule is relevant at all (for readiness)."""

    def register(check: CheckFunction) -> CheckFunction:
        if any(existing.id == rule_id for existing in RULES):
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES.append(Rule(rule_id, section, severity, title, hint, check, applies))
        return check

    return register
