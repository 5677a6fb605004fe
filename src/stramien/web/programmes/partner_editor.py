"""The page where a partner edits its own organisation card and its own contributions."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from pydantic import ValidationError

from stramien.model import Agreement
from stramien.web import schemaform

from . import actions, permissions
from .editor import extra_rows_from
from .models import Programme
from .sections import EditorSection, section_model
from .store import document_at

PREFIX = "s"

OWN = EditorSection(
    "eigen",
    "§2 · §4.5",
    "",
    (),
    "",
)


def _own_parts(document: dict[str, Any], party_id: str) -> dict[str, Any]:
    partners = document.get("partnership", {}).get("partners", [])
    contributions = document.get("finance", {}).get("contributions", [])
    return {
        "partnership": {"partners": [p for p in partners if p.get("id") == party_id]},
        "finance": {"contributions": [c for c in contributions if c.get("partner") == party_id]},
    }


def _merge_own(document: dict[str, Any], own: dict[str, Any], party_id: str) -> dict[str, Any]:
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
def _model() -> Any:
    from pydantic import ConfigDict, Field, create_model

    from stramien.model.partnership import Partner
    from stramien.model.programme import Contribution

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
    return create_model(
        "OwnParts",
        __config__=ConfigDict(extra="forbid"),
        partnership=(partners, Field(title=_("Partnerkaart"))),
        finance=(finance, Field(title=_("Bijdragen in geld en in natura"))),
    )


def _editable(path: tuple[Any, ...]) -> bool:
    # The card's id and a contribution's partner are fixed: they tie the data to this partner.
    if path[:2] == ("partnership", "partners") and path[-1:] == ("id",) and len(path) == 4:
        return False
    return not (path[:2] == ("finance", "contributions") and path[-1:] == ("partner",))


def partner_page(request: HttpRequest, programme: Programme) -> HttpResponse:
    member = permissions.membership(request.user, programme)
    assert member is not None
    party_id = member.party_id
    model = _model()
    errors: dict[str, list[str]] = {}
    extra_rows: dict[str, int] = {}
    base = programme.head_number
    document = programme.head_document
    data = _own_parts(document, party_id)
    if request.method == "POST":
        try:
            base = int(request.POST.get("base_revision", ""))
        except ValueError:
            base = programme.head_number
        base = min(max(base, 1), programme.head_number)
        base_document = document_at(programme, base)
        original = _own_parts(base_document, party_id)
        data = schemaform.parse(
            model, request.POST, prefix=PREFIX, original=original, editable=_editable
        )
        document = _merge_own(base_document, data, party_id)
        extra_rows = extra_rows_from(request.POST)
        if not extra_rows:
            try:
                validated = Agreement.model_validate(document)
            except ValidationError as exc:
                own_errors = schemaform.errors_from(exc, document, prefix=PREFIX)
                errors = _own_error_names(own_errors, document, party_id)
                messages.error(request, _("Niet opgeslagen: verbeter de gemarkeerde velden."))
            else:
                outcome = actions.save_document(
                    acting_user=request.user,
                    programme=programme,
                    document=document,
                    base_number=base,
                    section="eigen",
                    message=request.POST.get("message", ""),
                    validated=validated,
                )
                from .views import announce_saved

                if announce_saved(request, outcome):
                    return redirect("programmes:own", slug=programme.slug)
                messages.warning(
                    request,
                    _(
                        "Iemand anders heeft intussen dezelfde gegevens gewijzigd. Uw invoer staat "
                        "nog in het formulier; controleer en sla opnieuw op."
                    ),
                )
                base = outcome.head_number
    node = schemaform.build(
        model,
        data,
        prefix=PREFIX,
        errors=errors,
        choices=schemaform.choices_from(document),
        editable=_editable,
        extra_rows=extra_rows,
    )
    from .views import _context

    return render(
        request,
        "programmes/own.html",
        _context(
            request,
            programme,
            form_html=schemaform.render(node),
            base=base,
            party_id=party_id,
            active="own",
            general_errors=errors.get("__all__", []),
        ),
    )


def _own_error_names(
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


__all__ = ["partner_page", "section_model"]
