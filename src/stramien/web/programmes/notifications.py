"""E-mail about comments and about changed organisation cards (see
``stramien.web.accounts.notifications`` for who gets mail)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from stramien import formatting
from stramien.web.accounts.notifications import send_to
from stramien.web.accounts.selectors import card_changes_enabled

from .models import CardNotice, Comment, Membership, Programme, Revision, Role
from .partner_parts import own_parts


def comment_reply(reply: Comment) -> int:
    thread = reply.thread
    if thread is None:
        return 0
    people = {c.author.pk: c.author for c in [thread, *thread.replies.all()]}
    people.pop(reply.author.pk, None)
    return send_to(
        people.values(),
        f"Reactie op uw opmerking: {reply.programme.name}",
        f"{reply.author.get_full_name() or reply.author.get_username()} reageerde:\n\n"
        f"{reply.body}\n",
    )


def changed_cards(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    """The partners whose card or contributions differ between two versions of the document
    (a card that was removed counts too)."""
    old_partnership, new_partnership = before.get("partnership", {}), after.get("partnership", {})
    old_finance, new_finance = before.get("finance", {}), after.get("finance", {})
    if old_partnership.get("partners") == new_partnership.get("partners") and old_finance.get(
        "contributions"
    ) == new_finance.get("contributions"):
        return set()
    parties = {
        str(p["id"])
        for document in (before, after)
        for p in document.get("partnership", {}).get("partners", [])
        if isinstance(p, dict) and p.get("id")
    }
    return {party for party in parties if own_parts(before, party) != own_parts(after, party)}


def note_card_changes(
    programme: Programme, revision: Revision, before: dict[str, Any], after: dict[str, Any]
) -> list[CardNotice]:
    """A notice for every partner representative whose card ``revision`` changed, unless they
    made the change themselves. Called inside the transaction that saves the revision."""
    parties = changed_cards(before, after)
    if not parties:
        return []
    members = (
        Membership.objects.filter(programme=programme, role=Role.PARTNER, party_id__in=parties)
        .exclude(user_id=revision.author_id)
        .only("user_id", "party_id")
    )
    return CardNotice.objects.bulk_create(
        [
            CardNotice(
                programme=programme,
                user_id=member.user_id,
                party_id=member.party_id,
                revision_number=revision.number,
                author_name=revision.author_name,
                created_at=revision.created_at,
            )
            for member in members
        ],
        ignore_conflicts=True,
    )


def notice_text(notice: CardNotice, programme_name: str) -> str:
    moment = timezone.localtime(notice.created_at)
    return _(
        "%(author)s heeft op %(date)s om %(time)s de gegevens van uw organisatie in "
        "%(programme)s gewijzigd (versie %(number)s). Kijk bij Onze organisatie of alles klopt."
    ) % {
        "author": notice.author_name,
        "date": formatting.long_date(moment.date()),
        "time": moment.strftime("%H:%M"),
        "programme": programme_name,
        "number": notice.revision_number,
    }


def card_changed(notices: list[CardNotice]) -> int:
    """Mail each notice's person, if they want mail about their card; the mails sent."""
    sent = 0
    for notice in notices:
        user = notice.user
        if not card_changes_enabled(user):
            continue
        name = notice.programme.name
        sent += send_to(
            [user],
            _("Uw organisatiekaart is gewijzigd: %(programme)s") % {"programme": name},
            notice_text(notice, name) + "\n",
        )
    return sent
