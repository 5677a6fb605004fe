"""The checks panel: the findings of the document the user is looking at, each with its place
in words and a link to its field.

A page shown again with the user's input (another row asked for, a save refused or merged)
is checked as the form shows it, never as the stored version: a field just filled in is not
reported missing. Reads only.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from stramien.model import Agreement
from stramien.model.ids import fill_missing_ids
from stramien.rules import Report, evaluate

from . import editor, selectors
from .field_links import LinkedFinding, linked_findings
from .models import Programme
from .sections import EditorSection, section_findings
from .store import Document, load_head

# The overview lists this many findings at most (the count above it covers them all).
OVERVIEW_FINDINGS = 50


def section_panel(
    programme: Programme, section: EditorSection, document: Document, *, edited: bool
) -> dict[str, Any]:
    """Template context of ``_checks.html`` for ``document``: the stored newest version
    (``edited`` False, its checks computed once per version) or the user's edit of it."""
    if edited:
        # As a save does: a new item's missing id is made from its name, never reported.
        document = fill_missing_ids(document)
        try:
            agreement = Agreement.model_validate(document)
        except ValidationError as exc:
            problems = [m for ms in editor.errors_of(exc, document).values() for m in ms]
            return {"problems": problems, "findings": [], "summary": None}
        report = evaluate(agreement)
    else:
        agreement, report = selectors.head_with_report(programme)
    return {
        "problems": [],
        "findings": linked_findings(
            programme.slug, section_findings(report.findings, section.key), document
        ),
        "summary": selectors.section_summary(section.key, agreement),
    }


def overview_findings(
    programme: Programme, agreement: Agreement, report: Report
) -> list[LinkedFinding]:
    """The first findings of the newest version for the overview, linked to their fields.

    The links are worked out on the stored document (the newest version as a dict, cached by
    its hash), not on a fresh dump of ``agreement``: that dump costs more than the page."""
    shown = report.findings[:OVERVIEW_FINDINGS]
    if not shown:
        return []
    return linked_findings(programme.slug, shown, load_head(programme))
