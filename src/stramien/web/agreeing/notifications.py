"""E-mail about approval rounds (see ``stramien.web.accounts.notifications``)."""

from __future__ import annotations

from stramien.web.accounts.notifications import send_to
from stramien.web.programmes.models import Membership, Role
from stramien.web.users import User

from .models import ApprovalRound


def _partners(current: ApprovalRound) -> list[User]:
    members = Membership.objects.filter(
        programme=current.programme, role=Role.PARTNER, party_id__in=list(current.parties)
    ).select_related("user")
    return [m.user for m in members]


def approval_requested(current: ApprovalRound) -> int:
    name = current.programme.name
    return send_to(
        _partners(current),
        f"Ter vaststelling: {name}",
        f"Versie {current.revision_number} van de samenwerkingsovereenkomst {name} ligt ter "
        "vaststelling voor. Keur haar goed of af namens uw organisatie in Stramien, op de "
        "pagina Vaststelling van het programma.\n",
    )


def approval_voided(current: ApprovalRound) -> int:
    name = current.programme.name
    regisseurs = Membership.objects.filter(
        programme=current.programme, role=Role.REGISSEUR
    ).select_related("user")
    people = {u.pk: u for u in [*_partners(current), *(m.user for m in regisseurs)]}
    return send_to(
        people.values(),
        f"Vaststelling vervallen: {name}",
        f"De vaststelling van versie {current.revision_number} van {name} is vervallen: "
        f"{current.void_reason} Eerdere goedkeuringen gelden niet meer; de procesregisseur "
        "legt een nieuwe versie voor.\n",
    )
