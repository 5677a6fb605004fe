"""What the agreeing app announces to the apps above it."""

from __future__ import annotations

from django.dispatch import Signal

#: Every partner approved: ``programme`` is adopted at ``round.revision_number``. Sent in
#: the transaction of the last approval.
programme_adopted = Signal()
