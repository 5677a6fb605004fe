"""Evidence for a measurement: which files we take, how they are kept and how they are served.

The rule: a picture (PNG or JPEG) under the artist impression's rules (``stramien.images``:
decoded completely, kept as a clean copy, at most 5 MB), or a PDF (a scanned report is the
usual evidence) of at most 10 MB that pypdf opens, with at least one page and no password.
A PDF is kept as it was handed in and only ever served as a download, never shown inline.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from stramien import images
from stramien.web.audit.actions import AuditAction, record
from stramien.web.errors import ActionError
from stramien.web.programmes.actions import image_refusal
from stramien.web.programmes.models import Attachment, Programme
from stramien.web.programmes.pages import ATTACHMENT_CSP, attachment_response, programme_for
from stramien.web.users import User

from . import permissions
from .models import Measurement

PDF_TYPE = "application/pdf"
MAX_PDF_BYTES = 10 * 1024 * 1024

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Upload:
    """A file as the form hands it over: its bytes and the name it had."""

    data: bytes
    name: str


@dataclass(frozen=True)
class Accepted:
    data: bytes
    extension: str
    content_type: str


def _pdf(data: bytes) -> Accepted:
    if len(data) > MAX_PDF_BYTES:
        raise ActionError(_("Het bewijsstuk is te groot: een PDF is hoogstens 10 MB."))
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ActionError(
                _("Het bewijsstuk is een PDF met een wachtwoord; lever het zonder wachtwoord aan.")
            )
        pages = len(reader.pages)
    except ActionError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        logger.info("evidence PDF refused: %s", type(exc).__name__)
        pages = 0
    if pages < 1:
        raise ActionError(_("Het bewijsstuk is een beschadigde PDF die niet kan worden gelezen."))
    return Accepted(data, "pdf", PDF_TYPE)


def accept(upload: Upload) -> Accepted:
    """The file as it will be kept; ActionError (Dutch) when it is not evidence we take."""
    if upload.data.startswith(b"%PDF-"):
        return _pdf(upload.data)
    if len(upload.data) > images.MAX_BYTES:
        raise ActionError(_("Het bewijsstuk is te groot: een afbeelding is hoogstens 5 MB."))
    try:
        picture = images.normalise(upload.data)
    except images.ImageError as exc:
        if exc.code == "not_an_image":
            raise ActionError(
                _("Een bewijsstuk is een PDF of een afbeelding in PNG- of JPEG-formaat.")
            ) from None
        raise ActionError(image_refusal(exc)) from None
    return Accepted(picture.data, picture.extension, picture.content_type)


@transaction.atomic
def store_evidence(
    *, acting_user: User, programme: Programme, accepted: Accepted, name: str
) -> Attachment:
    """Keep an accepted file as an attachment of the programme (content-addressed: the same
    file twice is kept once). Called by ``actions.record_measurement``, which checks who
    may enter the value."""
    digest = hashlib.sha256(accepted.data).hexdigest()
    stem = re.sub(r"[^a-z0-9]+", "-", name.rsplit(".", 1)[0].lower()).strip("-")[:40]
    stored_name = f"{stem or 'bewijs'}-{digest[:12]}.{accepted.extension}"
    attachment, created = Attachment.objects.get_or_create(
        programme=programme,
        name=stored_name,
        defaults={
            "content_type": accepted.content_type,
            "sha256": digest,
            "data": accepted.data,
            "size": len(accepted.data),
            "uploaded_by": acting_user,
        },
    )
    if created:
        record(
            programme=programme,
            actor=acting_user,
            action=AuditAction.ATTACHMENT_ADD,
            name=stored_name,
        )
    return attachment


def evidence_response(attachment: Attachment) -> HttpResponse:
    """A picture as the artist impression is served; a PDF only as a download."""
    if attachment.content_type != PDF_TYPE:
        return attachment_response(attachment)
    response = HttpResponse(bytes(attachment.data), content_type=PDF_TYPE)
    safe_name = "".join(c for c in attachment.name if c.isalnum() or c in "._-") or "bewijs.pdf"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response["Content-Security-Policy"] = ATTACHMENT_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@login_required
def evidence(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The evidence of one measurement, for everyone who may see the programme."""
    programme = programme_for(request, slug)
    if not permissions.can_read(request.user, programme):
        raise Http404
    measurement = get_object_or_404(
        Measurement.objects.select_related("evidence"), programme=programme, pk=pk
    )
    if measurement.evidence is None:
        raise Http404
    response = evidence_response(measurement.evidence)
    response["Cache-Control"] = "private, max-age=300"
    return response
