"""The API's endpoints. Thin, like the web pages: find the programme the user may see
(``programmes.permissions``), read through selectors, write through actions."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from stramien.web.programmes import permissions
from stramien.web.programmes.models import Membership, Programme, Revision
from stramien.web.programmes.store import document_at

from . import serializers
from .pagination import Pages
from .permissions import TokenScope


def link(request: Request, name: str, **kwargs: Any) -> dict[str, str]:
    return {"href": request.build_absolute_uri(reverse(f"api:{name}", kwargs=kwargs))}


def visible_programme(request: Request, slug: str) -> Programme:
    """The programme, when this user may see it; 404 otherwise (no hint that it exists),
    decided by the same function as the web pages."""
    programme = Programme.objects.defer("head_document").filter(slug=slug).first()
    if programme is None or not permissions.can_view(request.user, programme):
        raise Http404
    return programme


class ApiView(GenericAPIView[Any]):
    permission_classes = [IsAuthenticated, TokenScope]
    pagination_class = Pages


def programme_summary(request: Request, programme: Programme) -> dict[str, Any]:
    member = permissions.membership(request.user, programme)
    return {
        "slug": programme.slug,
        "name": programme.name,
        "role": member.role if member else "",
        "partyId": member.party_id if member else "",
        "headRevision": programme.head_number,
        "createdAt": programme.created_at,
        "public": programme.public,
        "_links": {
            "self": link(request, "programme", slug=programme.slug),
            "revisions": link(request, "revisions", slug=programme.slug),
            "document": link(
                request, "revision-document", slug=programme.slug, number=programme.head_number
            ),
        },
    }


class ProgrammeList(ApiView):
    serializer_class = serializers.ProgrammeSummary

    @extend_schema(
        operation_id="listProgrammes",
        summary="Uw programma's",
        description="De programma's waarin u een rol hebt, op naam.",
        tags=["programma's"],
    )
    def get(self, request: Request) -> Response:
        rows = (
            Membership.objects.filter(user_id=request.user.pk)
            .select_related("programme")
            .defer("programme__head_document")
            .order_by("programme__name", "programme__pk")
        )
        page = self.paginate_queryset(rows)  # type: ignore[arg-type]
        assert page is not None
        return self.get_paginated_response([programme_summary(request, m.programme) for m in page])


class Schema(SpectacularJSONAPIView):
    """The OpenAPI description, open to everyone (and to every origin, see CORS)."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes: list[Any] = []


class ProgrammeDetail(ApiView):
    serializer_class = serializers.ProgrammeSummary

    @extend_schema(operation_id="readProgramme", summary="Eén programma", tags=["programma's"])
    def get(self, request: Request, slug: str) -> Response:
        return Response(programme_summary(request, visible_programme(request, slug)))


class RevisionList(ApiView):
    serializer_class = serializers.RevisionSummary

    @extend_schema(
        operation_id="listRevisions",
        summary="De versies van een programma",
        description="Elke opgeslagen versie, de nieuwste eerst.",
        tags=["versies"],
    )
    def get(self, request: Request, slug: str) -> Response:
        programme = visible_programme(request, slug)
        rows = Revision.objects.filter(programme=programme).defer("payload").order_by("-number")
        page = self.paginate_queryset(rows)  # type: ignore[arg-type]
        assert page is not None
        return self.get_paginated_response([revision_summary(request, r) for r in page])


def revision_summary(request: Request, revision: Revision) -> dict[str, Any]:
    slug = revision.programme.slug
    return {
        "number": revision.number,
        "hash": revision.hash,
        "contentHash": revision.content_hash,
        "author": revision.author_name,
        "createdAt": revision.created_at,
        "message": revision.message,
        "section": revision.section,
        "mergedFrom": revision.merged_from,
        "restoredFrom": revision.restored_from,
        "_links": {
            "self": link(request, "revision", slug=slug, number=revision.number),
            "document": link(request, "revision-document", slug=slug, number=revision.number),
        },
    }


def visible_revision(request: Request, slug: str, number: int) -> tuple[Programme, Revision]:
    programme = visible_programme(request, slug)
    revision = Revision.objects.filter(programme=programme, number=number).defer("payload").first()
    if revision is None:
        raise NotFound(
            _("Versie %(number)s bestaat niet; de nieuwste is versie %(head)s.")
            % {"number": number, "head": programme.head_number}
        )
    return programme, revision


class RevisionDetail(ApiView):
    serializer_class = serializers.RevisionSummary

    @extend_schema(operation_id="readRevision", summary="Eén versie", tags=["versies"])
    def get(self, request: Request, slug: str, number: int) -> Response:
        _programme, revision = visible_revision(request, slug, number)
        return Response(revision_summary(request, revision))


class RevisionDocument(ApiView):
    serializer_class = serializers.RevisionDocument

    @extend_schema(
        operation_id="readRevisionDocument",
        summary="De overeenkomst bij een versie, als JSON",
        description=(
            "Het document in het formaat van docs/document-format.md (de namen van de "
            "velden zijn die van dat formaat, zoals in de JSON- en YAML-download)."
        ),
        tags=["versies"],
    )
    def get(self, request: Request, slug: str, number: int) -> Response:
        programme, revision = visible_revision(request, slug, number)
        return Response(
            {
                "revision": revision.number,
                "contentHash": revision.content_hash,
                "document": document_at(programme, number),
            }
        )
