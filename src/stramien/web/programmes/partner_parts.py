"""What a partner edits on its own page: its organisation card and its own contributions,
cut out of the whole document and put back into it."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, create_model

from stramien.model.finance import Contribution
from stramien.model.partnership import Partner
from stramien.web.schemaform import Node

PREFIX = "s"

#: The section key a partner's own saves are recorded under.
OWN_SECTION = "eigen"


def own_parts(document: dict[str, Any], party_id: str) -> dict[str, Any]:
    partners = document.get("partnership", {}).get("partners", [])
    contributions = document.get("finance", {}).get("contributions", [])
    return {
        "partnership": {"partners": [p for p in partners if p.get("id") == party_id]},
        "finance": {"contributions": [c for c in contributions if c.get("partner") == party_id]},
    }


def merge_own(document: dict[str, Any], own: dict[str, Any], party_id: str) -> dict[str, Any]:
    """``document`` with the partner's card and contributions replaced by ``own``."""
    card = (own.get("partnership", {}).get("partners") or [None])[0]
    new_contributions = [
        {**c, "partner": party_id} for c in own.get("finance", {}).get("contributions", [])
    ]
    partnership = dict(document.get("partnership") or {})
    partnership["partners"] = [
        card if (p.get("id") == party_id and card is not None) else p
        for p in partnership.get("partners", [])
    ]
    finance = dict(document.get("finance") or {})
    others = [c for c in finance.get("contributions", []) if c.get("partner") != party_id]
    finance["contributions"] = others + new_contributions
    return {**document, "partnership": partnership, "finance": finance}


@cache
def own_model() -> type[BaseModel]:
    """The form's model: one partner card and a list of contributions."""
    partners = create_model(
        "OwnPartnership",
        __config__=ConfigDict(extra="forbid"),
        partners=(list[Partner], Field(default_factory=list, title=_("Onze organisatie"))),
    )
    finance = create_model(
        "OwnFinance",
        __config__=ConfigDict(extra="forbid"),
        contributions=(
            list[Contribution],
            Field(default_factory=list, title=_("Onze bijdragen")),
        ),
    )
    model: type[BaseModel] = create_model(
        "OwnParts",
        __config__=ConfigDict(extra="forbid"),
        partnership=(partners, Field(title=_("Partnerkaart"))),
        finance=(finance, Field(title=_("Bijdragen in geld en in natura"))),
    )
    return model


def own_editable(path: tuple[Any, ...]) -> bool:
    # The card's id and a contribution's partner are fixed: they tie the data to this partner.
    if path[:2] == ("partnership", "partners") and path[-1:] == ("id",) and len(path) == 4:
        return False
    return not (path[:2] == ("finance", "contributions") and path[-1:] == ("partner",))


def own_error_names(
    errors: dict[str, list[str]], document: dict[str, Any], party_id: str
) -> dict[str, list[str]]:
    """Errors located in the whole document, renamed to the fields of this smaller form."""
    partners = document.get("partnership", {}).get("partners", [])
    contributions = document.get("finance", {}).get("contributions", [])
    card_index = next((i for i, p in enumerate(partners) if p.get("id") == party_id), None)
    own_indices = [i for i, c in enumerate(contributions) if c.get("partner") == party_id]
    renamed: dict[str, list[str]] = {}
    for name, messages_ in errors.items():
        target = "__all__"
        card_prefix = f"{PREFIX}-partnership-partners-{card_index}-"
        if card_index is not None and name.startswith(card_prefix):
            target = f"{PREFIX}-partnership-partners-0-" + name[len(card_prefix) :]
        for position, index in enumerate(own_indices):
            own_prefix = f"{PREFIX}-finance-contributions-{index}-"
            if name.startswith(own_prefix):
                target = f"{PREFIX}-finance-contributions-{position}-" + name[len(own_prefix) :]
        renamed.setdefault(target, []).extend(messages_)
    return renamed


def flatten_card(root: Node) -> Node:
    """The form of the own page with the card's fields at the top, in no box: the card is one
    item of a one-item list in a group, and the partner can neither add nor delete it."""
    flat: list[Node] = []
    for part in root.children:
        if part.path == ("partnership",):
            for partners in part.children:
                for card in partners.children:
                    flat.extend(card.children)
                    # Errors on the boxes that go are shown at the top of the form.
                    root.errors.extend(card.errors)
                root.errors.extend(partners.errors)
            root.errors.extend(part.errors)
        elif part.path == ("finance",):
            flat.extend(part.children)
        else:
            flat.append(part)
    root.children = flat
    return root
