"""The demo programme and its accounts (import after Django is set up)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from stramien import images
from stramien.model import Agreement
from stramien.monitor import trajectory
from stramien.web.monitoring import actions as monitoring_actions
from stramien.web.monitoring import progress_actions
from stramien.web.monitoring.models import Spending
from stramien.web.programmes import actions
from stramien.web.programmes import selectors as programme_selectors
from stramien.web.programmes.examples import example_agreement, example_pictures
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
    agreement, impression = _with_impression(agreement)
    programme = actions.create_programme(
        acting_user=users["regisseur"], agreement=agreement, source="demo"
    )
    if impression is not None:
        actions.store_attachment(acting_user=users["regisseur"], programme=programme, **impression)
    Membership.objects.create(
        programme=programme, user=users["partner"], role="partner", party_id=partner_ids[0]
    )
    Membership.objects.create(
        programme=programme, user=users["partner2"], role="partner", party_id=partner_ids[1]
    )
    Membership.objects.create(programme=programme, user=users["lezer"], role="lezer")
    Membership.objects.create(programme=programme, user=users["monitor"], role="monitor")
    demo_measurements(programme, monitor=users["monitor"], regisseur=users["regisseur"])
    demo_progress(
        programme,
        monitor=users["monitor"],
        partners={partner_ids[0]: users["partner"], partner_ids[1]: users["partner2"]},
    )
    return {"programme": programme, "created": True}


def _with_impression(agreement: Agreement) -> tuple[Agreement, dict[str, Any] | None]:
    """The example with its artist impression named as Stramien stores an upload, and that
    upload; the factsheet and the documents of the demo then show the picture."""
    image = agreement.realisation.artist_impression
    data = example_pictures(agreement).get(image.file) if image is not None else None
    if image is None or data is None:
        return agreement, None
    name = actions.attachment_name(image.file, images.normalise(data))
    realisation = agreement.realisation.model_copy(
        update={"artist_impression": image.model_copy(update={"file": name})}
    )
    upload = {"data": data, "original_name": image.file}
    return agreement.model_copy(update={"realisation": realisation}), upload


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


def _quarter_ends(year: int, last: dt.date) -> list[dt.date]:
    """The last days of the quarters of ``year`` that end on or before ``last``."""
    ends = [dt.date(year, month, day) for month, day in ((3, 31), (6, 30), (9, 30), (12, 31))]
    return [end for end in ends if end <= last]


def demo_progress(
    programme: Programme,
    *,
    monitor: Any,
    partners: dict[str, Any],
    today: dt.date | None = None,
) -> int:
    """Milestone statuses, and two years of spending and in-kind deliveries up to ``today``:
    milestones reached on time but one delayed past its date, spending per quarter near each
    partner's money contribution (the second partner over its year's share), deliveries in
    kind a little behind, one spending corrected. Partners with a demo account enter their
    own."""
    agreement = programme_selectors.head_agreement(programme)
    # Nothing can be entered for a day that is still to come.
    day = min(today or timezone.localdate(), timezone.localdate())
    made = _demo_milestones(programme, agreement, monitor, day)
    partner_ids = [p.id for p in agreement.partnership.partners]
    over = partner_ids[1] if len(partner_ids) > 1 else ""
    items: dict[int, list[str]] = {}
    for cost in agreement.finance.cost_items:
        items.setdefault(cost.year, []).append(cost.id)
    for number, contribution in enumerate(agreement.finance.contributions):
        if day.year - 1 <= contribution.year <= day.year:
            user = partners.get(contribution.partner, monitor)
            made += _demo_contribution(
                programme, contribution, user, day, over, items.get(contribution.year, []), number
            )
    return made


def _demo_milestones(programme: Programme, agreement: Any, monitor: Any, day: dt.date) -> int:
    """Every milestone passed reached a few days early, except one delayed past its date;
    those of the coming three months under way."""
    passed = [m for m in agreement.planning.milestones if m.date < day]
    coming = [m for m in agreement.planning.milestones if day <= m.date <= day + _QUARTER]
    for position, milestone in enumerate(passed):
        if position == len(passed) - 2:
            update = progress_actions.MilestoneUpdate(
                milestone.id,
                "delayed",
                actual_date=milestone.date + dt.timedelta(days=75),
                explanation="De vergunning laat op zich wachten; nieuwe datum in overleg.",
            )
        else:
            early = dt.timedelta(days=int(3 + 3 * _wobble(milestone.id)))
            update = progress_actions.MilestoneUpdate(
                milestone.id, "done", actual_date=milestone.date - early
            )
        progress_actions.record_milestone_status(
            acting_user=monitor, programme=programme, update=update
        )
    for milestone in coming:
        progress_actions.record_milestone_status(
            acting_user=monitor,
            programme=programme,
            update=progress_actions.MilestoneUpdate(milestone.id, "in_progress"),
        )
    return len(passed) + len(coming)


_QUARTER = dt.timedelta(days=90)


def _demo_contribution(
    programme: Programme,
    contribution: Any,
    user: Any,
    day: dt.date,
    over: str,
    cost_items: list[str],
    number: int,
) -> int:
    """One record per quarter passed of one contribution: a delivery when it is in kind,
    spending on its cost item (or the year's items in turn) when it is money. The very first
    spending of the demo is entered with a typing error and corrected."""
    quarters = _quarter_ends(contribution.year, day)
    if not quarters or not (contribution.kind.in_kind or cost_items):
        return 0
    if contribution.kind.in_kind:
        part = contribution.amount * Decimal("0.85") / 4
    elif contribution.partner == over:
        part = contribution.amount * Decimal("1.12") / len(quarters)
    else:
        part = contribution.amount * Decimal("0.9") / 4
    for quarter, end in enumerate(quarters, 1):
        amount = (part * (1 + _wobble(contribution.id, quarter) / 10)).quantize(Decimal(1))
        if contribution.kind.in_kind:
            entry = progress_actions.DeliveryInput(
                contribution.id,
                end,
                amount,
                quantity=f"{quarter}e kwartaal",
                explanation=contribution.valuation[:300],
            )
            progress_actions.record_in_kind_delivery(
                acting_user=user, programme=programme, entry=entry
            )
            continue
        item_id = contribution.cost_item or cost_items[(number + quarter) % len(cost_items)]
        spent = progress_actions.SpendingInput(
            item_id, contribution.partner, end, amount, explanation="Volgens de administratie."
        )
        first = not Spending.objects.filter(programme=programme).exists()
        if first:
            typo = replace(spent, amount=amount * 10)
            wrong = progress_actions.record_spending(
                acting_user=user, programme=programme, entry=typo
            )
            fixed = replace(spent, explanation="Tikfout in het bedrag verbeterd (een nul te veel).")
            progress_actions.record_spending(
                acting_user=user, programme=programme, entry=fixed, replaces=wrong
            )
        else:
            progress_actions.record_spending(acting_user=user, programme=programme, entry=spent)
    return len(quarters)
