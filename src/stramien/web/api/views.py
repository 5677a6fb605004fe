"""The API's endpoints. Thin, like the web pages: find the programme the user may see
(``programmes.permissions``), read through selectors, write through actions."""

from __future__ import annotations

import copy
import json
from typing import Any

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from stramien import revisions
from stramien.io import DocumentError, loads_agreement
from stramien.model import Agreement
from stramien.model.ids import fill_missing_ids
from stramien.render import FORMATS, RenderError
from stramien.render import render as render_document
from stramien.rules import Section
from stramien.web.agreeing import selectors as agreeing_selectors
from stramien.web.agreeing.models import ApprovalRound
from stramien.web.programmes import actions, permissions, selectors
from stramien.web.programmes.models import Programme, Revision
from stramien.web.programmes.store import attachments_for, document_at
from stramien.web.publication.prerender import PRERENDER
from stramien.web.publication.selectors import meta_for
from stramien.web.users import User

from . import serializers
from .pagination import Pages
from .parsers import JsonParser, RawDocumentParser
from .permissions import TokenScope
from .problems import Conflict, Refused
from .throttling import PerAddress

#: The largest revision number the database can hold.
MAX_NUMBER = 2**31 - 1
#: The formats a revision's document can be fetched in (the agreement as data: /document).
FILE_FORMATS = {name: FORMATS[name] for name in ("pdf", "docx", "odt", "html")}


def link(request: Request, name: str, **kwargs: Any) -> dict[str, str]:
    return {"href": request.build_absolute_uri(reverse(f"api:{name}", kwargs=kwargs))}


def visible_programme(request: Request, slug: str) -> Programme:
    """The programme, when this user may see it; 404 otherwise (no hint that it exists),
    decided by the same function as the web pages."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None or not permissions.can_view(request.user, programme):
        raise Http404
    return programme


class ApiView(GenericAPIView[Any]):
    permission_classes = (IsAuthenticated, TokenScope)
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


class ProgrammeReads(ApiView):
    serializer_class = serializers.ProgrammeSummary
    parser_classes = (JsonParser, RawDocumentParser)

    @extend_schema(
        operation_id="listProgrammes",
        responses=serializers.ProgrammeSummary(many=True),
        summary="Uw programma's",
        description="De programma's waarin u een rol hebt, op naam.",
        tags=["programma's"],
    )
    def get(self, request: Request) -> Response:
        rows = selectors.memberships_of(request.user)
        page = self.paginate_queryset(rows)
        assert page is not None
        return self.get_paginated_response([programme_summary(request, m.programme) for m in page])


class Schema(SpectacularJSONAPIView):
    """The OpenAPI description, open to everyone (and to every origin, see CORS)."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    # Making the description takes a while: limited per address.
    throttle_classes = (PerAddress,)


class ProgrammeDetail(ApiView):
    serializer_class = serializers.ProgrammeSummary

    @extend_schema(operation_id="readProgramme", summary="Eén programma", tags=["programma's"])
    def get(self, request: Request, slug: str) -> Response:
        return Response(programme_summary(request, visible_programme(request, slug)))


class RevisionList(ApiView):
    serializer_class = serializers.RevisionSummary

    @extend_schema(
        operation_id="listRevisions",
        responses=serializers.RevisionSummary(many=True),
        summary="De versies van een programma",
        description="Elke opgeslagen versie, de nieuwste eerst.",
        tags=["versies"],
    )
    def get(self, request: Request, slug: str) -> Response:
        programme = visible_programme(request, slug)
        rows = selectors.revisions_of(programme)
        page = self.paginate_queryset(rows)
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
    # A number beyond what the database holds cannot be a revision either.
    revision = selectors.revision_of(programme, number) if number <= MAX_NUMBER else None
    if revision is None:
        raise NotFound(
            _("Versie %(number)s bestaat niet; de nieuwste is versie %(head)s.")
            % {"number": number, "head": programme.head_number}
        )
    return programme, revision


def agreement_at(programme: Programme, number: int) -> Agreement:
    """The agreement at revision ``number``, validated (the newest once per version)."""
    if number == programme.head_number:
        return selectors.head_agreement(programme)
    return Agreement.model_validate(document_at(programme, number))


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


def api_user(request: Request) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise NotAuthenticated
    return user


def document_problems(error: DocumentError, prefix: str = "") -> ValidationError:
    """The document's problems (Dutch, located by path) as one 400 naming every field."""
    params: dict[str, list[str]] = {}
    for problem in error.problems:
        name = ".".join(part for part in (prefix, problem.path) if part) or prefix or "body"
        params.setdefault(name, []).append(problem.message)
    return ValidationError(params)


def validated_document(document: Any, prefix: str) -> Agreement:
    """An agreement read from JSON data by ``stramien.io``, with its Dutch problems."""
    raw = json.dumps(document, ensure_ascii=False).encode("utf-8")
    try:
        return loads_agreement(raw, filename="document.json")
    except DocumentError as exc:
        raise document_problems(exc, prefix) from None


class ProgrammeCreate:
    """POST on the list of programmes (a mixin of :class:`ProgrammeList`)."""

    request: Request

    @extend_schema(
        operation_id="createProgramme",
        summary="Een programma maken uit een document",
        description=(
            "De body is een volledige overeenkomst (docs/document-format.md) als JSON "
            "(application/json) of YAML (application/yaml). U wordt de procesregisseur."
        ),
        request={
            "application/json": {"type": "object", "additionalProperties": True},
            "application/yaml": {"type": "string"},
        },
        responses={201: serializers.ProgrammeSummary},
        tags=["programma's"],
    )
    def post(self, request: Request) -> Response:
        user = api_user(request)
        data = request.data
        try:
            if isinstance(data, bytes):
                agreement = loads_agreement(data, filename="programma.yaml")
            else:
                agreement = validated_document(data, "")
        except DocumentError as exc:
            raise document_problems(exc) from None
        programme = actions.create_programme(acting_user=user, agreement=agreement, source="api")
        body = programme_summary(request, programme)
        return Response(body, status=201, headers={"Location": body["_links"]["self"]["href"]})


class Findings(ApiView):
    serializer_class = serializers.FindingsReport

    @extend_schema(
        operation_id="readRevisionFindings",
        summary="Bevindingen en gereedheid van een versie",
        description="De controles van Stramien (docs/checks.md) en de gereedheid per hoofdstuk.",
        tags=["versies"],
    )
    def get(self, request: Request, slug: str, number: int) -> Response:
        programme, revision = visible_revision(request, slug, number)
        agreement = agreement_at(programme, number)
        report = selectors.report_of(agreement, revision.content_hash)
        return Response(
            {
                "revision": revision.number,
                "errors": report.count("error"),
                "warnings": report.count("warning"),
                "findings": [
                    {
                        "rule": f.rule,
                        "severity": f.severity,
                        "section": f.section.value,
                        "path": f.path,
                        "message": f.message,
                        "hint": f.hint,
                    }
                    for f in report.findings
                ],
                "readiness": [
                    {"section": section.value, "percentage": report.readiness.get(section, 0)}
                    for section in Section
                ],
            }
        )


class Changes(ApiView):
    serializer_class = serializers.ChangeList

    @extend_schema(
        operation_id="readChanges",
        summary="De wijzigingen tussen twee versies",
        description=(
            "De bewerkingen die versie `from` in versie `to` veranderen (op id, niet op "
            "positie), met per wijziging de plek in woorden."
        ),
        parameters=[
            OpenApiParameter("from", int, required=True, description="De eerste versie."),
            OpenApiParameter("to", int, required=True, description="De tweede versie."),
        ],
        tags=["versies"],
    )
    def get(self, request: Request, slug: str) -> Response:
        programme = visible_programme(request, slug)
        query = serializers.ChangesQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        first, second = query.validated_data["from"], query.validated_data["to"]
        for number in (first, second):
            visible_revision(request, slug, number)
        before, after = document_at(programme, first), document_at(programme, second)
        operations = revisions.diff(before, after)
        return Response(
            {
                "from": first,
                "to": second,
                "changes": [
                    {
                        "op": op["op"],
                        "path": op["path"],
                        "location": revisions.location(
                            op["path"], after if op["op"] != "remove" else before
                        ),
                        **({"value": op["value"]} if "value" in op else {}),
                        **({"ids": op["ids"]} if "ids" in op else {}),
                    }
                    for op in operations
                ],
            }
        )


class RevisionFile(ApiView):
    @extend_schema(
        operation_id="readRevisionFile",
        summary="Het document van een versie als bestand",
        description="PDF, DOCX, ODT of HTML, gemaakt zoals de download op de website.",
        parameters=[
            OpenApiParameter("fileFormat", str, OpenApiParameter.PATH, enum=list(FILE_FORMATS))
        ],
        responses={
            (200, media): OpenApiResponse(
                response={"type": "string", "format": "binary"}, description="Het bestand."
            )
            for media in {m.split(";")[0] for m in FILE_FORMATS.values()}
        },
        tags=["versies"],
    )
    def get(self, request: Request, slug: str, number: int, fileFormat: str) -> HttpResponse:
        if fileFormat not in FILE_FORMATS:
            raise NotFound(
                _("Onbekend formaat '%(format)s'; kies uit %(choices)s.")
                % {"format": fileFormat, "choices": ", ".join(FILE_FORMATS)}
            )
        programme, revision = visible_revision(request, slug, number)
        agreement = agreement_at(programme, number)
        attachments = attachments_for(programme, agreement)
        meta = meta_for(programme, revision, agreement)
        # Made in the background after each save (as for the web download): wait for it.
        PRERENDER.wait_for(programme.pk, agreement, fileFormat, meta, attachments)
        try:
            body = render_document(agreement, fileFormat, meta, attachments)
        except RenderError as exc:
            raise Refused(_("Het document kon niet worden gemaakt: %s") % exc) from None
        response = HttpResponse(body, content_type=FILE_FORMATS[fileFormat])
        stem = f"{programme.slug}-versie-{number}"
        response["Content-Disposition"] = f'attachment; filename="{stem}.{fileFormat}"'
        return response


class Members(ApiView):
    serializer_class = serializers.Member

    @extend_schema(
        operation_id="listMembers",
        responses=serializers.Member(many=True),
        summary="De deelnemers",
        tags=["deelnemers"],
    )
    def get(self, request: Request, slug: str) -> Response:
        programme = visible_programme(request, slug)
        rows = selectors.members_of(programme)
        page = self.paginate_queryset(rows)
        assert page is not None
        return self.get_paginated_response(
            [
                {
                    "name": m.user.get_full_name() or m.user.get_username(),
                    "role": m.role,
                    "partyId": m.party_id,
                    "since": m.created_at,
                }
                for m in page
            ]
        )


class ApprovalRounds(ApiView):
    serializer_class = serializers.ApprovalRoundOut

    @extend_schema(
        operation_id="listApprovalRounds",
        responses=serializers.ApprovalRoundOut(many=True),
        summary="De vaststellingsrondes",
        description="Elke ronde waarin een versie ter vaststelling lag, de nieuwste eerst.",
        tags=["vaststelling"],
    )
    def get(self, request: Request, slug: str) -> Response:
        programme = visible_programme(request, slug)
        rows = agreeing_selectors.rounds_of(programme)
        page = self.paginate_queryset(rows)
        assert page is not None
        return self.get_paginated_response([approval_round(r) for r in page])


def approval_round(found: ApprovalRound) -> dict[str, Any]:
    return {
        "id": found.pk,
        "revision": found.revision_number,
        "revisionHash": found.revision_hash,
        "status": found.status,
        "proposedAt": found.proposed_at,
        "closedAt": found.closed_at,
        "voidedByRevision": found.voided_by_revision,
        "voidReason": found.void_reason,
        "parties": [{"partyId": k, "name": v} for k, v in (found.parties or {}).items()],
        "approvals": [
            {
                "partyId": a.party_id,
                "partyName": a.party_name,
                "decision": a.decision,
                "note": a.note,
                "by": a.user_name,
                "decidedAt": a.decided_at,
                "revisionHash": a.revision_hash,
            }
            for a in found.approvals.all()
        ],
    }


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: objects are merged key by key, ``null`` removes a key, anything else
    replaces the value (a list as a whole)."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


class AgreementWrite(ApiView):
    serializer_class = serializers.AgreementChange

    @extend_schema(
        operation_id="changeAgreement",
        summary="De overeenkomst wijzigen",
        description=(
            "Een wijziging op een basisversie (`baseRevision`): velden als JSON Merge Patch "
            "(`changes`, RFC 7396) of bewerkingen op id (`patch`, zie docs/revisions.md). "
            "Heeft een ander intussen opgeslagen, dan wordt samengevoegd zoals in de "
            "formulieren van de website; wijzigde die hetzelfde veld, dan volgt 409 met beide "
            "waarden en wordt dat veld niet overschreven."
        ),
        request=serializers.AgreementChange,
        responses={200: serializers.SavedRevision},
        tags=["versies"],
    )
    def patch(self, request: Request, slug: str) -> Response:
        user = api_user(request)
        programme = visible_programme(request, slug)
        if not (
            permissions.can_edit_all(user, programme) or permissions.can_edit_own(user, programme)
        ):
            raise PermissionDenied(_("Uw rol mag de overeenkomst niet wijzigen."))
        change = serializers.AgreementChange(data=request.data)
        change.is_valid(raise_exception=True)
        data = change.validated_data
        base = data["baseRevision"]
        if not 1 <= base <= programme.head_number:
            raise ValidationError(
                {
                    "baseRevision": [
                        _("Versie %(number)s bestaat niet; de nieuwste is versie %(head)s.")
                        % {"number": base, "head": programme.head_number}
                    ]
                }
            )
        document = document_at(programme, base)
        if "patch" in data:
            try:
                document = revisions.apply(document, data["patch"])
            except revisions.RevisionError as exc:
                raise ValidationError({"patch": [str(exc)]}) from None
        else:
            document = merge_patch(document, data["changes"])
        document = fill_missing_ids(document)
        agreement = validated_document(document, "document")
        outcome = actions.save_document(
            acting_user=user,
            programme=programme,
            document=agreement.model_dump(mode="json"),
            base_number=base,
            section=data.get("section", ""),
            message=data.get("message", ""),
            validated=agreement,
        )
        if outcome.invalid is not None:
            # Valid on its own, not once merged with what others saved meanwhile.
            validated_document(outcome.proposal, "document")
        if outcome.conflicts:
            raise Conflict(
                _(
                    "Een ander wijzigde sinds versie %(base)s dezelfde velden; die zijn niet "
                    "overschreven. Kies per veld en stuur de wijziging opnieuw op versie "
                    "%(head)s."
                )
                % {"base": base, "head": outcome.head_number},
                conflicts=[
                    {
                        "path": c.path,
                        "location": revisions.format_path(c.path),
                        "base": c.base,
                        "yours": c.ours,
                        "theirs": c.theirs,
                    }
                    for c in outcome.conflicts
                ],
                headRevision=outcome.head_number,
                savedRevision=outcome.partly_saved.number if outcome.partly_saved else None,
            )
        return Response(
            {
                "revision": outcome.head_number,
                "saved": outcome.saved,
                "merged": outcome.merged,
                "unchanged": outcome.unchanged,
                "_links": {
                    "revision": link(
                        request, "revision", slug=programme.slug, number=outcome.head_number
                    ),
                },
            }
        )


class ProgrammeList(ProgrammeCreate, ProgrammeReads):
    """``/programmes``: your programmes (GET) and a new one from a document (POST)."""
