"""Connects publishing to what the lower apps announce (see ``apps.ready``)."""

from __future__ import annotations

from stramien.web.agreeing.models import ApprovalRound
from stramien.web.agreeing.signals import programme_adopted
from stramien.web.programmes.models import Programme
from stramien.web.programmes.signals import revision_added

from .prerender import schedule_after_commit


def connect() -> None:
    revision_added.connect(
        schedule_after_commit, sender=Programme, dispatch_uid="publication.prerender.revision"
    )
    programme_adopted.connect(
        schedule_after_commit, sender=ApprovalRound, dispatch_uid="publication.prerender.adopt"
    )
