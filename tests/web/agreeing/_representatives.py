"""Helpers shared by the approval tests."""

from __future__ import annotations

from typing import Any

from stramien.web.programmes.models import Membership

from ..conftest import make_user


def representatives(programme: Any) -> dict[str, Any]:
    """One representative per partner of the programme's head version, made where missing."""
    found = {
        m.party_id: m.user for m in Membership.objects.filter(programme=programme, role="partner")
    }
    for partner in programme.head_document["partnership"]["partners"]:
        if partner["id"] not in found:
            user = make_user(f"rep-{partner['id']}")
            Membership.objects.create(
                programme=programme, user=user, role="partner", party_id=partner["id"]
            )
            found[partner["id"]] = user
    return found
