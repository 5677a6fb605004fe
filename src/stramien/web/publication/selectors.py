"""Reads for publishing: what a document says about its version, what the public sees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from stramien import images
from stramien.formatting import long_date
from stramien.model import Agreement, DatePrecision, Milestone
from stramien.model.dates import plan_date, sort_key
from stramien.render.blocks import RevisionMeta
from stramien.web.agreeing.models import ApprovalRound
from stramien.web.agreeing.selectors import (
    AdoptedVersion,
    adopted_rounds,
    amendment_of,
    approval_lines,
)
from stramien.web.monitoring.reporting import monitoring_stand
from stramien.web.programmes.models import Attachment, Programme, Revision
from stramien.web.programmes.store import document_at


def meta_for(
    programme: Programme, revision: Revision, agreement: Agreement | None = None
) -> RevisionMeta:
    """What a rendered document says about the revision it shows.

    An adopted revision says *vastgesteld* and carries each partner's approval, so the
    final document's signature page lists who approved, for whom, when and which hash.
    With ``agreement`` (the revision's content), appendix 1 also shows the latest approved
    value of each indicator (``monitoring_stand``). A revision adopted after the first
    adoption is an amendment: the document says "Vastgesteld, wijziging n".
    """
    version = amendment_of(programme, revision.number)
    adopted = version.round if version is not None else None
    return RevisionMeta(
        status="vastgesteld" if adopted else "concept",
        revision=f"versie {revision.number}",
        hash=revision.hash,
        # Whole seconds: PDF metadata has no place for fractions.
        timestamp=revision.created_at.replace(microsecond=0),
        approvals=tuple(sorted(approval_lines(adopted).items())) if adopted else (),
        monitoring=None if agreement is None else monitoring_stand(programme, agreement),
        amendment=version.amendment if version is not None else None,
    )


def shown_adoption(programme: Programme, number: int) -> AdoptedVersion | None:
    """The adoption of the version the public sees, with its amendment number."""
    return amendment_of(programme, number)


def public_programme(slug: str) -> Programme:
    """The programme whose public page is switched on; 404 otherwise."""
    programme = get_object_or_404(Programme, slug=slug)
    if not programme.public:
        raise Http404
    return programme


def shown_version(programme: Programme) -> tuple[Agreement, int, ApprovalRound | None]:
    """What the public sees: the adopted version if there is one, else the newest (draft)."""
    adopted = adopted_rounds(programme)
    if adopted:
        number = adopted[0].revision_number
        return Agreement.model_validate(document_at(programme, number)), number, adopted[0]
    return Agreement.model_validate(programme.head_document), programme.head_number, None


def public_picture(programme: Programme, agreement: Agreement) -> Attachment | None:
    """The artist impression the shown version names, when it is stored as a picture the
    browser can show; otherwise None, and the factsheet shows no image at all."""
    image = agreement.realisation.artist_impression
    if image is None:
        return None
    return programme.attachments.filter(
        name=image.file, content_type__in=images.CONTENT_TYPES
    ).first()


@dataclass(frozen=True, slots=True)
class PublicMilestone:
    """A public milestone as the factsheet and the calendar show it."""

    milestone: Milestone
    when: str  # "12 maart 2026", "3e kwartaal 2026", "medio 2027"
    past: bool  # its whole period lies before today

    @property
    def title(self) -> str:
        return self.milestone.title

    @property
    def first_day(self) -> dt.date:
        return self.milestone.window[0]

    @property
    def in_period(self) -> bool:
        return self.milestone.precision is not DatePrecision.DAY

    @property
    def calendar_title(self) -> str:
        """The title in a calendar, which shows a period as its first day: say the period."""
        return f"{self.title} ({self.when})" if self.in_period else self.title

    @property
    def calendar_description(self) -> str:
        if not self.in_period:
            return self.milestone.description
        first, last = self.milestone.window
        note = f"Gepland in {self.when} ({long_date(first)} tot en met {long_date(last)})."
        return f"{note}\n\n{self.milestone.description}" if self.milestone.description else note


def public_milestones(agreement: Agreement, today: dt.date) -> list[PublicMilestone]:
    """The milestones marked public, in date order, each with the date as people say it."""
    public = sorted(
        (m for m in agreement.planning.milestones if m.public),
        key=lambda m: (*sort_key(m.date, m.precision), m.id),
    )
    return [PublicMilestone(m, plan_date(m.date, m.precision), m.window[1] < today) for m in public]
