"""The annex of a concept version: the errors and warnings that are still open.

A steering committee that reads a concept sees at a glance what is not settled yet. An
adopted version never has it; nor does a concept without open errors or warnings. Tips are
advice, not open points, and stay out.
"""

from __future__ import annotations

import datetime as dt

from stramien import revisions
from stramien.model import Agreement
from stramien.rules import Finding, Section, check
from stramien.rules.registry import SEVERITY_LABELS

from .blocks import PageBreak, RevisionMeta
from .outline_builder import OutlineBuilder

TITLE = "Openstaande punten"


def open_findings(agreement: Agreement, today: dt.date | None = None) -> list[Finding]:
    """The errors and warnings of ``agreement``, in the order of the checks."""
    return [f for f in check(agreement, today) if f.severity in ("error", "warning")]


def count_line(findings: list[Finding]) -> str:
    """``3 fouten en 5 waarschuwingen staan nog open`` (singular where it is one)."""
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    parts = []
    if errors:
        parts.append(f"{errors} {'fout' if errors == 1 else 'fouten'}")
    if warnings:
        parts.append(f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")
    verb = "staat" if len(findings) == 1 else "staan"
    return f"{' en '.join(parts)} {verb} nog open."


def open_points(b: OutlineBuilder, meta: RevisionMeta, today: dt.date | None = None) -> None:
    """The annex, at the very end of a concept version that still has open points."""
    if meta.status != "concept":
        return
    findings = open_findings(b.agreement, today)
    if not findings:
        return
    document = b.agreement.model_dump(mode="json")
    b.add(PageBreak())
    b.heading(1, TITLE, "openstaande-punten")
    b.text(
        f"{count_line(findings)} Deze bijlage hoort bij de conceptversie: zij laat zien wat "
        "nog niet geregeld is. De vastgestelde versie heeft haar niet.",
        "note",
    )
    for section in Section:
        found = [f for f in findings if f.section is section]
        if not found:
            continue
        b.heading(2, section.label, f"openstaande-punten-{section.value}")
        b.table(
            f"Openstaande punten {section.label}",
            ("Waar", "Soort", "Wat staat open"),
            (
                (
                    revisions.location(f.steps, document),
                    SEVERITY_LABELS[f.severity],
                    f.message,
                )
                for f in found
            ),
            widths=(2.5, 1.5, 4),
        )
