"""What the programmes app announces to the apps above it, which connect in their ``ready()``.

Both are sent inside the transaction of the change, so a receiver's writes commit or roll
back with it; work for after the commit goes through ``transaction.on_commit``.
"""

from __future__ import annotations

from django.dispatch import Signal

#: A revision was appended. Arguments: ``programme`` (locked, head already moved),
#: ``revision`` and ``parent`` (``None`` for a programme's first revision).
revision_added = Signal()
