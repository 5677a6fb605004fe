"""Every state change of a programme, one function each (atomic, with its audit row).

Views call these and nothing else to change data. Each takes keyword-only arguments and the
acting user, checks permission itself, and writes its audit row (``audit.actions.record``) in
the same transaction, so the audit trail can never miss a change. Apps above this one hear
of new revisions through :data:`.signals.revision_added`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pydantic import ValidationError

from stramien import images, revisions
from stramien.model import Agreement
from stramien.web.audit.actions import AuditAction, record
from stramien.web.compiled import CompiledQuery
from stramien.web.errors import ActionError
from stramien.web.users import AnyUser, User

from . import notifications, permissions, selectors
from .models import Attachment, Comment, Membership, Programme, Revision, Role
from .signals import revision_added
from .store import Document, build_revision, document_at, load_head, remember_document

__all__ = [
    "ActionError",
    "MayChange",
    "SaveOutcome",
    "add_comment",
    "attach_artist_impression",
    "create_programme",
    "image_refusal",
    "resolve_comment",
    "restore_revision",
    "save_document",
    "store_attachment",
    "unique_slug",
]


@dataclass
class SaveOutcome:
    revision: Revision | None = None
    # Set when concurrent work touched the same fields: nothing was saved.
    conflicts: list[revisions.Conflict] = field(default_factory=list)
    # The document to show the user after a conflict: everything merged, their own values
    # in the conflicting places, to be saved on top of ``head_number``.
    proposal: Document | None = None
    # After a conflict: the revision holding the rest of the edit (the conflicting fields
    # left as the other saved them), when that rest changed anything and is valid.
    partly_saved: Revision | None = None
    # After a conflict: the newest version when the edit came in (the other's work).
    conflict_head: int = 0
    # After a conflict: the rest of the edit was not valid without the conflicting fields,
    # so nothing was saved and all of it waits in the proposal.
    rest_kept: bool = False
    head_number: int = 0
    merged: bool = False
    unchanged: bool = False
    invalid: ValidationError | None = None

    @property
    def saved(self) -> bool:
        return self.revision is not None


def unique_slug(name: str) -> str:
    base = slugify(name)[:60] or "programma"
    slug, counter = base, 2
    while Programme.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


@transaction.atomic
def create_programme(
    *, acting_user: AnyUser, agreement: Agreement, message: str = "", source: str = "leeg"
) -> Programme:
    """A new programme with ``agreement`` as revision 1; the creator is its procesregisseur."""
    if not isinstance(acting_user, User) or not acting_user.is_authenticated:
        raise PermissionDenied
    document = agreement.model_dump(mode="json")
    programme = Programme.objects.create(
        slug=unique_slug(agreement.programme.name),
        name=agreement.programme.name,
        created_by=acting_user,
    )
    Membership.objects.create(programme=programme, user=acting_user, role=Role.REGISSEUR)
    revision = _append_revision(
        programme,
        document=document,
        author=acting_user,
        message=message or "Programma aangemaakt",
    )
    record(
        programme=programme,
        actor=acting_user,
        action=AuditAction.PROGRAMME_CREATE,
        revision_number=revision.number,
        source=source,
    )
    return programme


# The queries of every save, built once (see stramien.web.compiled).
_LOCKED = CompiledQuery(Programme, lambda pk: Programme.objects.select_for_update().filter(pk=pk))
_REVISION = CompiledQuery(
    Revision,
    lambda programme_id, number: Revision.objects.filter(programme_id=programme_id, number=number),
)


def _append_revision(
    locked: Programme,
    *,
    document: Document,
    author: User,
    message: str,
    section: str = "",
    content_hash: str | None = None,
    merged_from: int | None = None,
    restored_from: int | None = None,
    canonical: bytes | None = None,
) -> Revision:
    """Add ``document`` as the newest revision of the locked programme and move its head.

    Receivers of :data:`revision_added` run in this transaction (an open approval round is
    voided when the content changed; the new version's documents are made after the commit).
    """
    parent = _REVISION.get(locked.pk, locked.head_number) if locked.head_number else None
    before = load_head(locked) if parent is not None else None
    revision = build_revision(
        programme=locked,
        parent=parent,
        parent_document=before,
        document=document,
        author=author,
        message=message,
        section=section,
        created_at=timezone.now(),
        content_hash=content_hash,
        canonical=canonical,
    )
    revision.merged_from = merged_from
    revision.restored_from = restored_from
    revision.save()
    # Content-addressed, so right even if this transaction rolls back: the next read of the
    # new head (here or after the commit) needs no patches applied.
    remember_document(revision.content_hash, document)
    locked.head_number = revision.number
    locked.head_content_hash = revision.content_hash
    name = document.get("programme", {}).get("name", locked.name)
    fields = ["head_number", "head_content_hash"]
    if name != locked.name:
        locked.name = name
        fields.append("name")
    locked.save(update_fields=fields)
    revision_added.send(sender=Programme, programme=locked, revision=revision, parent=parent)
    if before is not None:
        notices = notifications.note_card_changes(locked, revision, before, document)
        if notices:
            transaction.on_commit(lambda: notifications.card_changed(notices))
    return revision


#: An app's own say on a change it makes (``before`` and ``after``): True allows it even
#: when the user's role does not edit the whole agreement (a monitor's effect measurement).
MayChange = Callable[[Document, Document], bool]


def _check_edit_permission(
    user: AnyUser,
    programme: Programme,
    before: Document,
    after: Document,
    may_change: MayChange | None = None,
) -> None:
    if permissions.can_edit_all(user, programme):
        return
    if may_change is not None and may_change(before, after):
        return
    member = permissions.membership(user, programme)
    if (
        member is not None
        and member.role == Role.PARTNER
        and member.party_id
        and permissions.partner_change_allowed(before, after, member.party_id)
    ):
        return
    raise PermissionDenied


@transaction.atomic
def save_document(
    *,
    acting_user: User,
    programme: Programme,
    document: Document,
    base_number: int,
    section: str = "",
    message: str = "",
    validated: Agreement | None = None,
    may_change: MayChange | None = None,
) -> SaveOutcome:
    """Save ``document``, written from revision ``base_number``, as a new revision.

    When others saved in the meantime, their work and this edit are merged three-way by the
    document's stable ids. Edits of the same field are a conflict: nothing is saved and the
    outcome carries both versions. ``validated`` is the caller's validation of ``document``,
    reused when nothing had to be merged. ``may_change`` lets the calling app allow a change
    the role alone would not (see :data:`MayChange`); it is asked again after a merge.
    """
    # The locked row names the newest version; its document comes from the cache by hash.
    locked = _LOCKED.get(programme.pk)
    head_number = locked.head_number
    if not 1 <= base_number <= head_number:
        raise ActionError(
            _("De versie waarop u werkte bestaat niet (meer). Laad de pagina opnieuw.")
        )
    base_document = document_at(locked, base_number)
    _check_edit_permission(acting_user, locked, base_document, document, may_change)
    head_document = load_head(locked)
    merged = base_number != head_number
    if merged:
        result = revisions.merge3(base_document, document, head_document)
        if result.conflicts:
            return _save_all_but_conflicts(
                acting_user,
                programme,
                locked,
                result,
                base_number=base_number,
                section=section,
                message=message,
                may_change=may_change,
            )
        new_document = result.document
    else:
        new_document = document
    if validated is not None and not merged:
        agreement = validated
    else:
        try:
            agreement = Agreement.model_validate(new_document)
        except ValidationError as exc:
            return SaveOutcome(invalid=exc, head_number=head_number, proposal=new_document)
    new_document = agreement.model_dump(mode="json")
    # Made once: the content hash, and the snapshot when this revision is one.
    canonical = revisions.canonical_json(new_document)
    new_hash = revisions.canonical_hash(canonical)
    if merged:
        # The merge must not let a partner reach outside its own parts either.
        _check_edit_permission(acting_user, locked, head_document, new_document, may_change)
    if new_hash == locked.head_content_hash:
        return SaveOutcome(unchanged=True, head_number=head_number)
    revision = _append_revision(
        locked,
        document=new_document,
        author=acting_user,
        message=message.strip()[:500],
        section=section,
        content_hash=new_hash,
        merged_from=base_number if merged else None,
        canonical=canonical,
    )
    for name in ("head_number", "head_content_hash", "name"):
        setattr(programme, name, getattr(locked, name))
    transaction.on_commit(lambda: selectors.remember_agreement(new_hash, agreement))
    record(
        programme=locked,
        actor=acting_user,
        action=AuditAction.REVISION_SAVE,
        revision_number=revision.number,
        section=section,
        merged_from=base_number if merged else None,
    )
    return SaveOutcome(revision=revision, head_number=revision.number, merged=merged)


def _save_all_but_conflicts(
    acting_user: User,
    programme: Programme,
    locked: Programme,
    result: revisions.MergeResult,
    *,
    base_number: int,
    section: str,
    message: str,
    may_change: MayChange | None = None,
) -> SaveOutcome:
    """Save what did not conflict (the conflicting fields as the other left them), so the
    user's other work is never waiting; the proposal puts their own values back in place.

    When that rest is not a valid document on its own, nothing is saved and all of the edit
    stays in the proposal.
    """
    head_number = locked.head_number
    rest: Document = result.document
    revision = None
    try:
        agreement: Agreement | None = Agreement.model_validate(rest)
    except ValidationError:
        agreement = None
    if agreement is not None:
        rest = agreement.model_dump(mode="json")
        rest_hash = revisions.content_hash(rest)
        _check_edit_permission(acting_user, locked, load_head(locked), rest, may_change)
        if rest_hash != locked.head_content_hash:
            revision = _append_revision(
                locked,
                document=rest,
                author=acting_user,
                message=message.strip()[:500],
                section=section,
                content_hash=rest_hash,
                merged_from=base_number,
            )
            for name in ("head_number", "head_content_hash", "name"):
                setattr(programme, name, getattr(locked, name))
            saved_agreement = agreement
            transaction.on_commit(lambda: selectors.remember_agreement(rest_hash, saved_agreement))
            record(
                programme=locked,
                actor=acting_user,
                action=AuditAction.REVISION_SAVE,
                revision_number=revision.number,
                section=section,
                merged_from=base_number,
                waiting=[revisions.format_path(c.path) for c in result.conflicts],
            )
    proposal = rest
    for conflict in result.conflicts:
        proposal = revisions.set_at(proposal, conflict.path, conflict.ours)
    return SaveOutcome(
        conflicts=result.conflicts,
        proposal=proposal,
        head_number=revision.number if revision is not None else head_number,
        partly_saved=revision,
        conflict_head=head_number,
        rest_kept=agreement is None,
    )


@transaction.atomic
def restore_revision(*, acting_user: User, programme: Programme, number: int) -> Revision:
    """Make the content of revision ``number`` the newest version, as a new revision."""
    if not permissions.can_manage(acting_user, programme):
        raise PermissionDenied
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if not 1 <= number <= locked.head_number:
        raise ActionError(_("Versie %(n)s bestaat niet.") % {"n": number})
    if number == locked.head_number:
        raise ActionError(_("Dit is al de nieuwste versie."))
    revision = _append_revision(
        locked,
        document=document_at(locked, number),
        author=acting_user,
        message=f"Versie {number} teruggezet",
        restored_from=number,
    )
    record(
        programme=locked,
        actor=acting_user,
        action=AuditAction.REVISION_RESTORE,
        revision_number=revision.number,
        restored_from=number,
    )
    return revision


@transaction.atomic
def add_comment(
    *,
    acting_user: User,
    programme: Programme,
    section: str,
    body: str,
    thread: Comment | None = None,
) -> Comment:
    if not permissions.can_comment(acting_user, programme):
        raise PermissionDenied
    text = body.strip()
    if not text:
        raise ActionError(_("Schrijf eerst een opmerking."))
    if len(text) > 5000:
        raise ActionError(_("Een opmerking is hoogstens 5000 tekens."))
    if thread is not None:
        if thread.programme_id != programme.pk or thread.section != section:
            raise ActionError(_("Deze discussie hoort niet bij dit onderdeel."))
        if thread.thread_id is not None:
            thread = thread.thread
    comment = Comment.objects.create(
        programme=programme,
        section=section,
        thread=thread,
        author=acting_user,
        body=text,
        revision_number=programme.head_number,
    )
    if thread is not None:
        transaction.on_commit(lambda: notifications.comment_reply(comment))
    record(
        programme=programme,
        actor=acting_user,
        action=AuditAction.COMMENT_REPLY if thread else AuditAction.COMMENT_ADD,
        revision_number=programme.head_number,
        comment=comment.pk,
        section=section,
    )
    return comment


@transaction.atomic
def resolve_comment(*, acting_user: User, comment: Comment, reopen: bool = False) -> Comment:
    programme = comment.programme
    if not permissions.can_comment(acting_user, programme):
        raise PermissionDenied
    if comment.thread_id is not None:
        raise ActionError(_("Alleen een hele discussie kan worden afgesloten."))
    if reopen:
        comment.resolved_at, comment.resolved_by = None, None
    else:
        comment.resolved_at, comment.resolved_by = timezone.now(), acting_user
    comment.save(update_fields=["resolved_at", "resolved_by"])
    record(
        programme=programme,
        actor=acting_user,
        action=AuditAction.COMMENT_REOPEN if reopen else AuditAction.COMMENT_RESOLVE,
        comment=comment.pk,
        section=comment.section,
    )
    return comment


MAX_IMAGE_BYTES = images.MAX_BYTES


def image_refusal(error: images.ImageError) -> str:
    """Why a picture is refused, in the language of the interface."""
    if error.code == "too_big":
        return _("Het bestand is te groot: hoogstens 5 MB.")
    if error.code == "too_many_pixels":
        return _("De afbeelding heeft te veel beeldpunten: hoogstens 40 miljoen.")
    if error.code == "damaged":
        return _(
            "De afbeelding is beschadigd of onvolledig en kan niet worden gelezen; sla haar "
            "opnieuw op als PNG of JPEG en probeer het nog eens."
        )
    return _("Alleen afbeeldingen in PNG- of JPEG-formaat kunnen worden geüpload.")


def attachment_name(original_name: str, picture: images.Picture) -> str:
    """The name a stored picture gets: from the uploaded name and the clean copy's content."""
    digest = hashlib.sha256(picture.data).hexdigest()
    stem = re.sub(r"[^a-z0-9]+", "-", original_name.rsplit(".", 1)[0].lower()).strip("-")[:40]
    return f"{stem or 'beeld'}-{digest[:12]}.{picture.extension}"


@transaction.atomic
def store_attachment(
    *, acting_user: User, programme: Programme, data: bytes, original_name: str
) -> Attachment:
    """Keep an uploaded image as a clean copy (see ``stramien.images``); its name is derived
    from that copy's content, so it never changes."""
    if not permissions.can_edit_all(acting_user, programme):
        raise PermissionDenied
    if len(data) > MAX_IMAGE_BYTES:
        raise ActionError(_("Het bestand is te groot: hoogstens 5 MB."))
    try:
        picture = images.normalise(data)
    except images.ImageError as exc:
        raise ActionError(image_refusal(exc)) from None
    data, content_type = picture.data, picture.content_type
    digest = hashlib.sha256(data).hexdigest()
    name = attachment_name(original_name, picture)
    attachment, created = Attachment.objects.get_or_create(
        programme=programme,
        name=name,
        defaults={
            "content_type": content_type,
            "sha256": digest,
            "data": data,
            "size": len(data),
            "uploaded_by": acting_user,
        },
    )
    if created:
        record(programme=programme, actor=acting_user, action=AuditAction.ATTACHMENT_ADD, name=name)
    return attachment


@transaction.atomic
def attach_artist_impression(
    *,
    acting_user: User,
    programme: Programme,
    data: bytes,
    original_name: str,
    alt_text: str,
    caption: str = "",
) -> SaveOutcome:
    """Store the image and name it in §3 as a new revision, both or neither.

    A save that does not go through (concurrent edits that conflict, an invalid result)
    raises :class:`ActionError`, and the stored image is rolled back with it.
    """
    attachment = store_attachment(
        acting_user=acting_user, programme=programme, data=data, original_name=original_name
    )
    base = programme.head_number
    document = dict(document_at(programme, base))
    realisation = dict(document.get("realisation") or {})
    realisation["artist_impression"] = {
        "file": attachment.name,
        "alt_text": alt_text,
        "caption": caption,
        "credit": "",
    }
    document["realisation"] = realisation
    outcome = save_document(
        acting_user=acting_user,
        programme=programme,
        document=document,
        base_number=base,
        section="realisatie",
        message=_("Artist impression toegevoegd"),
    )
    if not outcome.saved and not outcome.unchanged:
        raise ActionError(_("De artist impression kon niet worden opgeslagen."))
    return outcome
