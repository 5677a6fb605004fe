"""The demo programme and its accounts (import after Django is set up)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from stramien.web.programmes import actions
from stramien.web.programmes.examples import example_agreement
from stramien.web.programmes.models import Membership, Programme

# One account per role. The passwords are printed by ``stramien demo``; demo use only.
DEMO_PASSWORD = "stramien-demo"
DEMO_ACCOUNTS = (
    ("regisseur", "Demo procesregisseur", "regisseur", ""),
    ("partner", "Demo partner-1", "partner", None),  # the first partner of the example
    ("partner2", "Demo partner-2", "partner", None),  # the second partner
    ("lezer", "Demo lezer", "lezer", ""),
)


def create_demo(*, verbose: bool = True) -> dict[str, Any]:
    """The demo programme with one account per role; does nothing when it already exists."""
    user_model = get_user_model()
    existing = Programme.objects.filter(created_by__username="regisseur").first()
    if existing is not None:
        return {"programme": existing, "created": False}
    agreement = example_agreement("large")
    partner_ids = [p.id for p in agreement.partnership.partners]
    users = {}
    for username, name, _role, _party in DEMO_ACCOUNTS:
        first, _, last = name.partition(" ")
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username=username,
                email=f"{username}@example.org",
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
            )
        users[username] = user
    programme = actions.create_programme(
        acting_user=users["regisseur"], agreement=agreement, source="demo"
    )
    Membership.objects.create(
        programme=programme, user=users["partner"], role="partner", party_id=partner_ids[0]
    )
    Membership.objects.create(
        programme=programme, user=users["partner2"], role="partner", party_id=partner_ids[1]
    )
    Membership.objects.create(programme=programme, user=users["lezer"], role="lezer")
    return {"programme": programme, "created": True}
