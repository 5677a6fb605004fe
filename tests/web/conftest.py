"""Shared set-up for the web tests: users, programmes and a client per role."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from stramien.io import load_agreement
from stramien.web.programmes import actions
from stramien.web.programmes.models import Membership, Programme

from . import EXAMPLES
from .people import PASSWORD, client_for, make_user

__all__ = ["PASSWORD", "client_for", "make_user"]


@pytest.fixture(autouse=True)
def _dutch_to_begin_with() -> None:
    # A request activates its language in the thread and leaves it on; a test that calls an
    # action directly after another test's English request must still start in Dutch.
    translation.activate("nl")


@pytest.fixture(autouse=True)
def _no_login_lockout(settings: Any) -> None:
    # Fast hashing in tests; real runs use Argon2 (see settings.PASSWORD_HASHERS).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def small_agreement() -> Any:
    return load_agreement(EXAMPLES / "small.yaml")


@pytest.fixture
def people(db: Any) -> dict[str, Any]:
    return {
        name: make_user(name, is_staff=(name == "staff"))
        for name in ("regisseur", "partner", "other_partner", "lezer", "outsider", "staff")
    }


@pytest.fixture
def programme(people: dict[str, Any], small_agreement: Any) -> Programme:
    created = actions.create_programme(acting_user=people["regisseur"], agreement=small_agreement)
    partners = [p.id for p in small_agreement.partnership.partners]
    Membership.objects.create(
        programme=created, user=people["partner"], role="partner", party_id=partners[0]
    )
    Membership.objects.create(
        programme=created, user=people["other_partner"], role="partner", party_id=partners[1]
    )
    Membership.objects.create(programme=created, user=people["lezer"], role="lezer")
    return created
