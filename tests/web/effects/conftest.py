"""A programme with a monitor, a price list version and one case with both scenarios."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from stramien.model import PriceItem, PriceList
from stramien.web.programmes import actions
from stramien.web.programmes.models import Membership, Programme

from ..people import make_user

GOAL = "g-schulden"
STAKEHOLDER = "gem-apeldoorn"


def price_list_2026() -> PriceList:
    return PriceList(
        id="prijzen-2026",
        title="Prijzen 2026",
        year=2026,
        source="Voorbeeldbron (illustratief)",
        items=[
            PriceItem(
                id="schuldhulp",
                activity="Schuldhulptraject",
                unit="per traject",
                price=Decimal("1500"),
                stakeholder=STAKEHOLDER,
                illustrative=True,
            ),
            PriceItem(
                id="huisuitzetting",
                activity="Huisuitzetting",
                unit="per keer",
                price=Decimal("8000"),
                payer="Woningcorporatie",
                uncertain=True,
                illustrative=True,
            ),
        ],
    )


def add_effects(programme: Programme, user: Any) -> Programme:
    """The small example with the 2026 list and only the case 'Schulden voorkomen'."""
    document = copy.deepcopy(programme.head_document)
    measurement = document.setdefault("effect_measurement", {})
    # Plain assumptions, so the amounts can be checked by hand: nothing discounted or cut.
    measurement.update(
        {"deadweight": 0, "attribution": 100, "drop_off": 0, "discount_rate": 0, "horizon": 10}
    )
    measurement["price_lists"] = [price_list_2026().model_dump(mode="json")]
    measurement["cases"] = [
        {
            "id": "casus-schulden",
            "title": "Schulden voorkomen",
            "goals": [GOAL],
            "count": 10,
            "price_list": "prijzen-2026",
            "intervention": [
                {
                    "month": 0,
                    "kind": "activiteit",
                    "description": "Schuldhulp",
                    "price_item": "schuldhulp",
                }
            ],
            "reference": [
                {
                    "month": 6,
                    "kind": "gebeurtenis",
                    "description": "Uitzetting",
                    "price_item": "huisuitzetting",
                }
            ],
        }
    ]
    outcome = actions.save_document(
        acting_user=user, programme=programme, document=document, base_number=programme.head_number
    )
    assert outcome.saved, outcome
    return Programme.objects.get(pk=programme.pk)


@pytest.fixture
def monitor(programme: Programme) -> Any:
    user = make_user("monitor")
    Membership.objects.create(programme=programme, user=user, role="monitor")
    return user


@pytest.fixture
def effects_programme(programme: Programme, people: dict[str, Any], monitor: Any) -> Programme:
    return add_effects(programme, people["regisseur"])
