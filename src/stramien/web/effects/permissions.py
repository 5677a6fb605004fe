"""Who may do what with the effect measurement (on top of ``programmes.permissions``, which
decides who sees a programme at all).

The measurement is the programme's analysis: the procesregisseur and the monitor role
(the programme's analysts and data owners) keep the price lists and the cases; everyone who
may see the programme reads the results.
"""

from __future__ import annotations

import copy
from typing import Any

from stramien.web.programmes import permissions
from stramien.web.programmes.models import Programme, Role
from stramien.web.users import AnyUser

#: The part of the document these pages change.
FIELD = "effect_measurement"
EDITORS = (Role.REGISSEUR, Role.MONITOR)


def can_view(user: AnyUser, programme: Programme) -> bool:
    return permissions.can_view(user, programme)


def can_edit(user: AnyUser, programme: Programme) -> bool:
    return permissions.role_of(user, programme) in EDITORS


def outside_effects(document: dict[str, Any]) -> dict[str, Any]:
    """The document without its effect measurement."""
    rest = copy.copy(document)
    rest.pop(FIELD, None)
    return rest


def only_effects_changed(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether ``after`` differs from ``before`` in the effect measurement only."""
    return outside_effects(before) == outside_effects(after)
