"""Connects the agreeing app to what the programmes app announces (see ``apps.ready``)."""

from __future__ import annotations

from stramien.web.programmes.models import Programme
from stramien.web.programmes.signals import revision_added

from .actions import void_after_change


def connect() -> None:
    revision_added.connect(void_after_change, sender=Programme, dispatch_uid="agreeing.void")
