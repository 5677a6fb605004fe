"""The programme's IATI 2.03 export from the web application's data (reads only).

The document is the newest version, the measurements are the approved ones at the moment of
the export, the budget status says committed once a version was adopted, and the document
links are the published documents: the adopted agreement (PDF) and, when it is switched
on, the public page. ``stramien.monitor.iati`` writes the XML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from stramien.monitor.iati import DocumentLink, IatiError, iati_activities
from stramien.web.agreeing.selectors import adopted_rounds
from stramien.web.programmes.models import Programme
from stramien.web.programmes.selectors import head_agreement

from .selectors import records


def _not_configured() -> str:
    return _(
        "De IATI-organisatie-id is nog niet ingesteld. De beheerder zet die in de omgeving "
        "als STRAMIEN_IATI_ORGANISATION, bijvoorbeeld NL-KVK-12345678."
    )


def organisation_ref() -> str:
    return str(settings.STRAMIEN_IATI_ORGANISATION)


def published_documents(
    programme: Programme, absolute: Callable[[str], str] | None
) -> list[DocumentLink]:
    """The adopted agreement and the public page, as whole addresses (none without
    ``absolute``: a link without a host is no use to an IATI reader)."""
    if absolute is None:
        return []
    links: list[DocumentLink] = []
    adopted = adopted_rounds(programme)
    if adopted:
        latest = adopted[0]
        path = reverse("programmes:download", args=[programme.slug, latest.revision_number, "pdf"])
        day = latest.closed_at.date() if latest.closed_at is not None else None
        links.append(
            DocumentLink(
                url=absolute(path),
                media_type="application/pdf",
                title=f"Samenwerkingsovereenkomst, vastgestelde versie {latest.revision_number}",
                category="A09",
                day=day,
            )
        )
    if programme.public:
        links.append(
            DocumentLink(
                url=absolute(reverse("public:factsheet", args=[programme.slug])),
                media_type="text/html",
                title="Openbare pagina van het programma",
                category="A12",
            )
        )
    return links


def iati_export(
    programme: Programme,
    *,
    generated_at: dt.datetime,
    absolute: Callable[[str], str] | None,
    organisation: str | None = None,
) -> bytes:
    """The ``iati-activities`` XML of the programme; IatiError (Dutch) when it cannot be."""
    ref = organisation if organisation is not None else organisation_ref()
    if not ref:
        raise IatiError(_not_configured())
    return iati_activities(
        head_agreement(programme),
        organisation_ref=ref,
        programme_id=programme.slug,
        generated_at=generated_at,
        measurements=records(programme),
        adopted=bool(adopted_rounds(programme)),
        documents=published_documents(programme, absolute),
        organisation_name=str(settings.STRAMIEN_IATI_ORGANISATION_NAME),
    )
