"""The demo programme and its accounts (import after Django is set up)."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from stramien.monitor import trajectory
from stramien.web.monitoring import actions as monitoring_actions
from stramien.web.programmes import actions
from stramien.web.programmes import selectors as programme_selectors
from stramien.web.programmes.examples import example_agreement
from stramien.web.programmes.models import Membership, Programme

# One account per role. The passwords are printed by ``stramien demo``; demo use only.
DEMO_PASSWORD = "stramien-demo"
DEMO_ACCOUNTS = (
    ("regisseur", "Demo procesregisseur", "regisseur", ""),
    ("partner", "Demo partner-1", "partner", None),  # the first partner of the example
    ("partner2", "Demo partner-2", "partner", None),  # the second partner
    ("lezer", "Demo lezer", "lezer", ""),
    ("monitor", "Demo monitor", "monitor", ""),
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
    Membership.objects.create(programme=programme, user=users["monitor"], role="monitor")
    demo_measurements(programme, monitor=users["monitor"], regisseur=users["regisseur"])
    return {"programme": programme, "created": True}


def _wobble(*parts: object) -> Decimal:
    """A fixed pseudo-random number from -1 to 1 (the same demo every time)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return Decimal(int.from_bytes(digest[:4], "big")) / Decimal(2**31) - 1


def demo_measurements(
    programme: Programme, *, monitor: Any, regisseur: Any, today: dt.date | None = None
) -> int:
    """Plausible values for every indicator and every period that has ended, up to two
    years: close to the path with some noise, one indicator off track and one at risk, the
    newest period
    partly still missing, one value returned and one waiting for review."""
    agreement = programme_selectors.head_agreement(programme)
    day = today or timezone.localdate()
    made = 0
    for number, indicator in enumerate(agreement.indicators):
        points = [
            p
            for p in trajectory(indicator, agreement.programme)
            if p.period.end < day and p.target is not None
        ][-8:]
        for position, point in enumerate(points):
            last = position == len(points) - 1
            if last and number % 4 == 3:
                continue  # not delivered yet
            assert point.target is not None
            span = abs((indicator.target or point.target) - (indicator.baseline or point.target))
            # Behind the path by a share of the whole way: one indicator clearly off track,
            # one at risk (the band is a tenth of the way), the rest near their path.
            share = {2: Decimal("0.4"), 6: Decimal("0.15")}.get(
                number, Decimal("0.03") * (1 + _wobble(indicator.id, point.period.key))
            )
            behind = -1 if indicator.direction.value == "increase" else 1
            value = point.target + behind * span * share
            entry = monitoring_actions.Entry(
                indicator.id,
                point.period.key,
                value=value.quantize(Decimal("0.1")),
                explanation="Uit de registratie van de eigenaar.",
            )
            measurement = monitoring_actions.record_measurement(
                acting_user=monitor, programme=programme, entry=entry, submit=True
            )
            made += 1
            if last and number == 1:
                monitoring_actions.return_measurement(
                    acting_user=regisseur,
                    measurement=measurement,
                    reason="Dit wijkt sterk af van het vorige kwartaal; klopt de bron?",
                )
            elif not (last and number == 5):
                monitoring_actions.approve_measurement(
                    acting_user=regisseur, measurement=measurement
                )
    return made
