"""What every programme page needs from a request: the programme (if the user may see it),
the shared template context, the version a form was based on, and the save message.

Shared by the views of every app; it reads and announces, it never writes.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import F, FilteredRelation, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from stramien import images
from stramien.web.compiled import CompiledQuery
from stramien.web.errors import ActionError

from . import permissions
from .actions import SaveOutcome
from .models import Attachment, Membership, Programme
from .sections import SECTIONS


def programme_for(request: HttpRequest, slug: str, *, with_document: bool = False) -> Programme:
    """The programme, if this user may see it; 404 otherwise (no hint that it exists).

    The row names the newest version by number and content hash, read together; its document
    comes from ``store.load_head`` (cached by that hash), so the two belong to the same
    version even while others save. ``with_document`` is kept for callers that said they show
    the document; the row is the same either way.
    """
    del with_document
    user = request.user
    pk = user.pk  # None for an anonymous user: no membership to read
    programme = _ROW.first(slug) if pk is None else _ROW_AND_MEMBERSHIP.first(slug, pk)
    if programme is None:
        raise Http404
    if pk is not None:
        permissions.remember_membership(user, programme, _membership_read_with(programme, user))
    if not permissions.can_view(request.user, programme):
        raise Http404
    return programme


# The row, and the row with the user's membership of it in one query (every programme page).
_ROW = CompiledQuery(Programme, lambda slug: Programme.objects.filter(slug=slug))
_ROW_AND_MEMBERSHIP = CompiledQuery(
    Programme,
    lambda slug, user_id: (
        Programme.objects.annotate(
            mine=FilteredRelation("memberships", condition=Q(memberships__user_id=user_id))
        )
        .annotate(
            mine_id=F("mine__id"),
            mine_role=F("mine__role"),
            mine_party=F("mine__party_id"),
            mine_created=F("mine__created_at"),
        )
        .filter(slug=slug)
    ),
)


def _membership_read_with(programme: Programme, user: Any) -> Membership | None:
    """The membership ``programme_for`` read together with the row (None: not a member)."""
    member_id = getattr(programme, "mine_id", None)
    if member_id is None:
        return None
    found = Membership(
        id=member_id,
        programme=programme,
        user_id=user.pk,
        role=programme.mine_role,  # type: ignore[attr-defined]
        party_id=programme.mine_party,  # type: ignore[attr-defined]
        created_at=programme.mine_created,  # type: ignore[attr-defined]
    )
    found._state.adding = False
    found._state.db = programme._state.db
    return found


def page_context(request: HttpRequest, programme: Programme, **extra: Any) -> dict[str, Any]:
    """The context every page of a programme shares (navigation, role, what the user may do)."""
    member = permissions.membership(request.user, programme)
    return {
        "programme": programme,
        "sections": SECTIONS,
        "membership": member,
        "role": member.role if member else None,
        "can_edit_all": permissions.can_edit_all(request.user, programme),
        "can_edit_own": permissions.can_edit_own(request.user, programme),
        "can_comment": permissions.can_comment(request.user, programme),
        "can_manage": permissions.can_manage(request.user, programme),
        **extra,
    }


def absolute_url(request: HttpRequest, path: str) -> str:
    """``path`` as a whole address for an e-mail or to pass on: on the public address when
    ``STRAMIEN_PUBLIC_URL`` is set (behind a proxy the request may name an inner host)."""
    if settings.STRAMIEN_PUBLIC_URL:
        return settings.STRAMIEN_PUBLIC_URL + path
    return request.build_absolute_uri(path)


def base_number(request: HttpRequest, programme: Programme) -> int:
    """The version a submitted form was made from; refused when it is not a version."""
    try:
        base = int(request.POST.get("base_revision", ""))
    except ValueError:
        base = 0
    if not 1 <= base <= programme.head_number:
        raise ActionError(
            _("Het formulier hoort bij een onbekende versie. Laad de pagina opnieuw.")
        )
    return base


def announce_saved(request: HttpRequest, outcome: SaveOutcome) -> bool:
    """Tell the user a save went through (or changed nothing); False when it did not."""
    if outcome.saved:
        text = _("Opgeslagen als versie %(number)s.") % {"number": outcome.head_number}
        if outcome.merged:
            text += " " + _("Wijzigingen die anderen intussen maakten zijn samengevoegd.")
        messages.success(request, text)
        return True
    if outcome.unchanged:
        messages.info(request, _("Er was niets gewijzigd; er is geen nieuwe versie gemaakt."))
        return True
    return False


def show_value(value: Any) -> str:
    """A document value as a person reads it in a diff or a conflict."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1)


#: Sent with every attachment: whatever the file is, the browser runs nothing in it.
ATTACHMENT_CSP = "default-src 'none'; sandbox"


def attachment_response(attachment: Attachment) -> HttpResponse:
    """A stored file as the browser gets it: shown when it is a picture type Stramien
    accepts (PNG, JPEG), otherwise only as a download; never as a page or a script."""
    content_type = attachment.content_type
    if content_type in images.CONTENT_TYPES:
        disposition = "inline"
    else:  # a row from before pictures were checked: never shown in the browser
        content_type, disposition = "application/octet-stream", "attachment"
    response = HttpResponse(bytes(attachment.data), content_type=content_type)
    safe_name = "".join(c for c in attachment.name if c.isalnum() or c in "._-") or "bijlage"
    response["Content-Disposition"] = f'{disposition}; filename="{safe_name}"'
    response["Content-Security-Policy"] = ATTACHMENT_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
