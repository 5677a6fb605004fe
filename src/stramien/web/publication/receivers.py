"""Connects publishing to what the lower apps announce (see ``apps.ready``)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from stramien.web.agreeing.models import ApprovalRound
from stramien.web.agreeing.signals import programme_adopted
from stramien.web.monitoring.models import Measurement
from stramien.web.programmes.models import Programme
from stramien.web.programmes.signals import revision_added

from .prerender import schedule_after_commit


def _approved(*, instance: Measurement, **_signal: Any) -> None:
    """An approved value changes appendix 1 of the downloaded agreement: render it anew."""
    if instance.status == Measurement.Status.APPROVED:
        schedule_after_commit(programme=instance.programme)


def connect() -> None:
    revision_added.connect(
        schedule_after_commit, sender=Programme, dispatch_uid="publication.prerender.revision"
    )
    programme_adopted.connect(
        schedule_after_commit, sender=ApprovalRound, dispatch_uid="publication.prerender.adopt"
    )
    post_save.connect(
        _approved, sender=Measurement, dispatch_uid="publication.prerender.measurement"
    )
