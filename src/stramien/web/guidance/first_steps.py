"""What to do next on a programme's overview: per section the most important open findings,
each a link to its field. The list shrinks as they are solved and is gone when none is left."""

from __future__ import annotations

from dataclasses import dataclass

from stramien.model import Agreement
from stramien.rules import Report
from stramien.web.programmes import store
from stramien.web.programmes.field_links import LinkedFinding, linked_findings
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import SECTIONS, EditorSection, section_findings

#: Findings shown per section, and sections shown at most: a short list, not a second report.
PER_SECTION = 2
MAX_SECTIONS = 5

#: Only what must or should be done; tips stay in the checks panel.
RANK = {"error": 0, "warning": 1}


@dataclass(frozen=True)
class Step:
    section: EditorSection
    findings: list[LinkedFinding]


def first_steps(programme: Programme, agreement: Agreement, report: Report) -> list[Step]:
    """The next steps for ``programme``: in each section its errors before its warnings.

    ``agreement`` is its newest version; the links are made on that version's stored document
    (cached by its hash) rather than on a fresh dump of it, which would cost more than the page.
    """
    document = store.load_head(programme)
    steps: list[Step] = []
    for section in SECTIONS:
        open_points = [
            f for f in section_findings(report.findings, section.key) if f.severity in RANK
        ]
        if not open_points:
            continue
        open_points.sort(key=lambda finding: RANK[finding.severity])
        steps.append(
            Step(section, linked_findings(programme.slug, open_points[:PER_SECTION], document))
        )
    # Sections with an error go before those with only warnings; shown in the stramien's order.
    chosen = sorted(steps, key=lambda step: step.findings[0].severity != "error")[:MAX_SECTIONS]
    return [step for step in steps if step in chosen]
