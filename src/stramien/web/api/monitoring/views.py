"""The monitoring endpoints: indicators with their periods, measurements (one or a set per
request, idempotent), milestone statuses, spending and in-kind deliveries.

Thin like the web pages: the programme is found by ``programmes.permissions`` (404 when the
user may not see it), reads go through ``selectors``, every write through the monitoring
app's actions, which check the role, keep the approval workflow and write the audit rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from stramien.web.monitoring import actions, progress_actions
from stramien.web.monitoring.models import InKindDelivery, Measurement, MilestoneStatus, Spending
from stramien.web.programmes import permissions
from stramien.web.programmes.models import Programme

from . import selectors, serializers

#: The API's names of the fields the monitoring actions name in their problems.
FIELD_NAMES = {
    "indicator_id": "indicator",
    "client_key": "idempotencyKey",
    "milestone_id": "milestoneId",
    "actual_date": "actualDate",
    "cost_item_id": "costItem",
    "partner_id": "partner",
    "spent_on": "spentOn",
    "contribution_id": "contribution",
    "delivered_on": "deliveredOn",
    "": "non_field_errors",
}

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Een sleutel van uw eigen systeem (hoogstens 100 tekens). Hetzelfde verzoek met "
        "dezelfde sleutel nog eens geeft het eerste antwoord en slaat niets nieuws op. Bij "
        "een lijst krijgt elk element de sleutel met ':' en zijn plaats (0, 1, ...) erachter, "
        "tenzij het een eigen idempotencyKey heeft."
    ),
)
TAGS = ["monitoring"]


def visible_programme(request: Request, slug: str) -> Programme:
    """The programme, when this user may see it; 404 otherwise (no hint that it exists)."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None or not permissions.can_view(request.user, programme):
        raise Http404
    return programme


def header_key(request: Request) -> str:
    key = str(request.headers.get("Idempotency-Key", "")).strip()
    if len(key) > 100:
        raise ValidationError({"Idempotency-Key": [_("De sleutel is hoogstens 100 tekens.")]})
    return key


def _field(name: str) -> str:
    return FIELD_NAMES.get(name, name)


def _record_problems(problems: list[tuple[str, str]]) -> ValidationError:
    found: dict[str, list[str]] = defaultdict(list)
    for name, message in problems:
        found[_field(name)].append(message)
    return ValidationError(dict(found))


class ApiView(GenericAPIView[Any]):
    """Token (or session) required, a read-only token only reads, lists in pages: the
    API's defaults (``REST_FRAMEWORK`` in the settings)."""

    def page_of(self, rows: Any, serializer: type[Any]) -> Response:
        page = self.paginate_queryset(rows)
        assert page is not None
        return self.get_paginated_response(serializer(page, many=True).data)


# --- Indicators ------------------------------------------------------------------------


class IndicatorList(ApiView):
    serializer_class = serializers.IndicatorSerializer

    @extend_schema(
        operation_id="listIndicators",
        responses=serializers.IndicatorSerializer(many=True),
        summary="De indicatoren met hun perioden",
        description=(
            "Elke indicator van de nieuwste versie van de overeenkomst, met per "
            "rapportageperiode het streefcijfer, de waarde tot dan toe en de stand, berekend "
            "zoals het dashboard dat doet: alleen uit goedgekeurde metingen."
        ),
        tags=TAGS,
    )
    def get(self, request: Request, slug: str) -> Response:
        programme = visible_programme(request, slug)
        return self.page_of(selectors.indicators(programme), serializers.IndicatorSerializer)


class IndicatorDetail(ApiView):
    serializer_class = serializers.IndicatorSerializer

    @extend_schema(operation_id="readIndicator", summary="Eén indicator", tags=TAGS)
    def get(self, request: Request, slug: str, indicatorId: str) -> Response:
        programme = visible_programme(request, slug)
        found = selectors.indicator(programme, indicatorId)
        if found is None:
            raise NotFound(
                _("Indicator %(id)s staat niet (meer) in de overeenkomst.") % {"id": indicatorId}
            )
        return Response(serializers.IndicatorSerializer(found).data)


# --- Measurements ----------------------------------------------------------------------

_ONE_OR_MANY_IN = PolymorphicProxySerializer(
    component_name="MeasurementInputOneOrMany",
    serializers=[
        serializers.MeasurementInputSerializer,
        serializers.MeasurementInputSerializer(many=True),
    ],
    resource_type_field_name=None,
    many=False,
)
_ONE_OR_MANY_OUT = PolymorphicProxySerializer(
    component_name="MeasurementOneOrMany",
    serializers=[serializers.MeasurementSerializer, serializers.MeasurementSerializer(many=True)],
    resource_type_field_name=None,
    many=False,
)


def _entry(item: dict[str, Any], client_key: str) -> actions.Entry:
    return actions.Entry(
        indicator_id=item["indicator"],
        period=item["period"],
        value=item["value"],
        numerator=item["numerator"],
        denominator=item["denominator"],
        dimensions=dict(item["dimensions"]),
        explanation=item["explanation"],
        client_key=client_key,
    )


def _entries(
    request: Request, programme: Programme, key: str
) -> tuple[list[actions.Entry], list[bool], bool]:
    """The values of the body, each checked field by field and against its indicator
    (every problem of every value at once), whether each is to be handed in, and whether
    the body was a list. A value without its own key gets the request's key (with its
    place in the list)."""
    body = request.data
    many = isinstance(body, list)
    if not many and not isinstance(body, dict):
        raise ValidationError(
            {"non_field_errors": [_("Stuur één meting als object, of een lijst van metingen.")]}
        )
    items = body if many else [body]
    if many and len(items) > actions.MAX_BATCH:
        raise ValidationError(
            {
                "non_field_errors": [
                    _("Stuur hoogstens %(max)s metingen tegelijk; dit zijn er %(count)s.")
                    % {"max": actions.MAX_BATCH, "count": len(items)}
                ]
            }
        )
    if many and not items:
        raise ValidationError({"non_field_errors": [_("De lijst van metingen is leeg.")]})
    entries, submits = [], []
    errors: dict[str, Any] = {}
    for index, item in enumerate(items):
        checked = serializers.MeasurementInputSerializer(data=item)
        if not checked.is_valid():
            errors[str(index)] = dict(checked.errors)
            continue
        data = checked.validated_data
        client_key = data["idempotency_key"] or (f"{key}:{index}" if many and key else key)
        entry = _entry(data, client_key)
        found: dict[str, list[str]] = defaultdict(list)
        for name, message in actions.entry_problems(programme, entry):
            found[_field(name)].append(message)
        if found:
            errors[str(index)] = dict(found)
        entries.append(entry)
        submits.append(bool(data["submit"]))
    if errors:
        raise ValidationError(errors if many else errors["0"])
    return entries, submits, many


def _set_refused(exc: actions.SetRefused, many: bool) -> ValidationError:
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    flat: dict[str, list[str]] = defaultdict(list)
    for problem in exc.problems:
        if problem.index is None or not many:
            flat[_field(problem.field)].append(problem.message)
        else:
            found[str(problem.index)][_field(problem.field)].append(problem.message)
    detail: dict[str, Any] = {index: dict(fields) for index, fields in found.items()}
    detail.update(flat)
    return ValidationError(detail)


class MeasurementList(ApiView):
    serializer_class = serializers.MeasurementSerializer

    @extend_schema(
        operation_id="listMeasurements",
        responses=serializers.MeasurementSerializer(many=True),
        summary="De opgeslagen metingen",
        description=(
            "Elke opgeslagen waarde, ook vervangen waarden (een correctie wijst met "
            "supersedes naar wat ze vervangt), de oudste eerst. fromDate en toDate gaan over "
            "de dag waarop de waarde is ingevoerd."
        ),
        parameters=[serializers.MeasurementFilterSerializer],
        tags=TAGS,
    )
    def get(self, request: Request, slug: str) -> Response:
        programme = visible_programme(request, slug)
        query = serializers.MeasurementFilterSerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        rows = selectors.measurements(programme, query.validated_data)
        return self.page_of(rows, serializers.MeasurementSerializer)

    @extend_schema(
        operation_id="createMeasurements",
        summary="Eén meting of een lijst van metingen invoeren",
        description=(
            "Een object voert één waarde in, een lijst (hoogstens 500) een reeks: alles of "
            "niets. Elke waarde wordt eerst gecontroleerd; elke ongeldige waarde staat met "
            "haar plaats in de lijst in invalidParams (bijvoorbeeld '2.period'). Dezelfde "
            "sleutel (Idempotency-Key of idempotencyKey) nog eens slaat niets nieuws op en "
            "geeft de eerder opgeslagen meting terug. Een waarde is een concept tot ze "
            "(met submit) is ingediend; de procesregisseur keurt haar goed."
        ),
        parameters=[IDEMPOTENCY_KEY],
        request=_ONE_OR_MANY_IN,
        responses={
            201: OpenApiResponse(_ONE_OR_MANY_OUT, description="Opgeslagen."),
            200: OpenApiResponse(
                _ONE_OR_MANY_OUT, description="Alles was er al (zelfde sleutels): niets nieuws."
            ),
        },
        tags=TAGS,
    )
    def post(self, request: Request, slug: str) -> Response:
        programme = visible_programme(request, slug)
        key = header_key(request)
        entries, submits, many = _entries(request, programme, key)
        try:
            stored = actions.record_measurements(
                acting_user=request.user,
                programme=programme,
                entries=entries,
                submit=submits,
            )
        except actions.SetRefused as exc:
            if all(problem.code == "forbidden" for problem in exc.problems):
                raise PermissionDenied(exc.problems[0].message) from None
            raise _set_refused(exc, many) from None
        created = any(new for _measurement, new in stored)
        shown = serializers.MeasurementSerializer([m for m, _new in stored], many=True).data
        return Response(
            shown if many else shown[0],
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class MeasurementDetail(ApiView):
    serializer_class = serializers.MeasurementSerializer

    @extend_schema(operation_id="readMeasurement", summary="Eén meting", tags=TAGS)
    def get(self, request: Request, slug: str, measurementId: int) -> Response:
        programme = visible_programme(request, slug)
        found = (
            Measurement.objects.filter(programme=programme, pk=measurementId)
            .select_related("superseded_by")
            .first()
        )
        if found is None:
            raise NotFound(_("Meting %(id)s bestaat niet.") % {"id": measurementId})
        return Response(serializers.MeasurementSerializer(found).data)


# --- Milestones ------------------------------------------------------------------------


class MilestoneList(ApiView):
    serializer_class = serializers.MilestoneSerializer

    @extend_schema(
        operation_id="listMilestones",
        responses=serializers.MilestoneSerializer(many=True),
        summary="De mijlpalen met hun stand",
        description="Elke mijlpaal van de planning op datum, met de stand die nu geldt.",
        tags=TAGS,
    )
    def get(self, request: Request, slug: str) -> Response:
        programme = visible_programme(request, slug)
        return self.page_of(selectors.milestones(programme), serializers.MilestoneSerializer)


class MilestoneStatusList(ApiView):
    serializer_class = serializers.MilestoneStatusSerializer

    def _milestone(self, programme: Programme, milestone_id: str) -> None:
        if not any(m.id == milestone_id for m in selectors.milestones(programme)):
            raise NotFound(
                _("Mijlpaal %(id)s staat niet (meer) in de planning.") % {"id": milestone_id}
            )

    @extend_schema(
        operation_id="listMilestoneStatuses",
        responses=serializers.MilestoneStatusSerializer(many=True),
        summary="De geschiedenis van de stand van een mijlpaal",
        description="Elke vastgelegde stand, de nieuwste (die geldt) eerst.",
        tags=TAGS,
    )
    def get(self, request: Request, slug: str, milestoneId: str) -> Response:
        programme = visible_programme(request, slug)
        self._milestone(programme, milestoneId)
        rows = selectors.milestone_history(programme, milestoneId)
        return self.page_of(rows, serializers.MilestoneStatusSerializer)

    @extend_schema(
        operation_id="createMilestoneStatus",
        summary="De stand van een mijlpaal vastleggen",
        description=(
            "Een nieuwe stand vervangt de geldende, die in de geschiedenis blijft. Dat doen "
            "de procesregisseur en de monitors."
        ),
        parameters=[IDEMPOTENCY_KEY],
        request=serializers.MilestoneStatusInputSerializer,
        responses={
            201: serializers.MilestoneStatusSerializer,
            200: OpenApiResponse(
                serializers.MilestoneStatusSerializer,
                description="Al eerder vastgelegd met deze sleutel: niets nieuws.",
            ),
        },
        tags=TAGS,
    )
    def post(self, request: Request, slug: str, milestoneId: str) -> Response:
        def record(programme: Programme, data: dict[str, Any], client_key: str) -> Any:
            return progress_actions.record_milestone_status(
                acting_user=request.user,
                programme=programme,
                update=progress_actions.MilestoneUpdate(
                    milestone_id=milestoneId,
                    status=data["status"],
                    actual_date=data["actual_date"],
                    explanation=data["explanation"],
                    client_key=client_key,
                ),
            )

        return _record_once(
            request,
            slug,
            serializers.MilestoneStatusInputSerializer,
            serializers.MilestoneStatusSerializer,
            MilestoneStatus,
            record,
            missing_when="milestone_id",
        )


def _record_once(
    request: Request,
    slug: str,
    given: type[Any],
    shown: type[Any],
    model: Any,
    record: Callable[[Programme, dict[str, Any], str], Any],
    *,
    missing_when: str = "",
) -> Response:
    """What the record endpoints (milestone status, spending, in-kind delivery) share: check
    the body, record it with its client key (the Idempotency-Key header or the body's
    idempotencyKey), and answer 201 with what was stored, or 200 when that key was stored
    before (a repeat stores nothing new). A refusal names every invalid field; a problem
    with the field ``missing_when`` means the thing itself is not there (404)."""
    programme = visible_programme(request, slug)
    key = header_key(request)
    checked = given(data=request.data)
    checked.is_valid(raise_exception=True)
    data = checked.validated_data
    client_key = data["idempotency_key"] or key
    known = _known(model, programme, client_key)
    try:
        stored = record(programme, data, client_key)
    except progress_actions.InvalidRecord as exc:
        if missing_when and any(name == missing_when for name, _message in exc.problems):
            raise NotFound(exc.problems[0][1]) from None
        raise _record_problems(exc.problems) from None
    return Response(
        shown(stored).data,
        status=status.HTTP_200_OK if known else status.HTTP_201_CREATED,
    )


def _known(model: Any, programme: Programme, client_key: str) -> bool:
    """Whether a record with this client key is stored already (the request is a repeat)."""
    if not client_key:
        return False
    return bool(model.objects.filter(programme=programme, client_key=client_key).exists())


# --- Spending and in-kind deliveries ---------------------------------------------------


def _replaced(model: Any, programme: Programme, pk: int | None) -> Any:
    if pk is None:
        return None
    found = model.objects.filter(programme=programme, pk=pk).first()
    if found is None:
        raise ValidationError({"replaces": [_("Er is geen record %(id)s.") % {"id": pk}]})
    return found


class SpendingList(ApiView):
    serializer_class = serializers.SpendingSerializer

    @extend_schema(
        operation_id="listSpending",
        responses=serializers.SpendingSerializer(many=True),
        summary="De uitgaven",
        description="Elke vastgelegde uitgave, ook gecorrigeerde, de oudste eerst.",
        parameters=[
            OpenApiParameter("organisation", OpenApiTypes.STR, description="Id van de partner."),
            OpenApiParameter("costItem", OpenApiTypes.STR, description="Id van de kostenpost."),
        ],
        tags=TAGS,
    )
    def get(self, request: Request, slug: str) -> Response:
        programme = visible_programme(request, slug)
        filters = {
            "organisation": request.query_params.get("organisation", ""),
            "cost_item": request.query_params.get("costItem", ""),
        }
        rows = selectors.spending(programme, filters)
        return self.page_of(rows, serializers.SpendingSerializer)

    @extend_schema(
        operation_id="createSpending",
        summary="Een uitgave vastleggen (of corrigeren)",
        description=(
            "Een partner legt de uitgaven van de eigen organisatie vast, de procesregisseur "
            "en de monitors die van iedereen. Een correctie (replaces) vervangt een eerdere "
            "uitgave, die in de geschiedenis blijft."
        ),
        parameters=[IDEMPOTENCY_KEY],
        request=serializers.SpendingInputSerializer,
        responses={
            201: serializers.SpendingSerializer,
            200: OpenApiResponse(
                serializers.SpendingSerializer,
                description="Al eerder vastgelegd met deze sleutel: niets nieuws.",
            ),
        },
        tags=TAGS,
    )
    def post(self, request: Request, slug: str) -> Response:
        def record(programme: Programme, data: dict[str, Any], client_key: str) -> Any:
            return progress_actions.record_spending(
                acting_user=request.user,
                programme=programme,
                entry=progress_actions.SpendingInput(
                    cost_item_id=data["cost_item"],
                    partner_id=data["partner"],
                    spent_on=data["spent_on"],
                    amount=data["amount"],
                    explanation=data["explanation"],
                    client_key=client_key,
                ),
                replaces=_replaced(Spending, programme, data["replaces"]),
            )

        return _record_once(
            request,
            slug,
            serializers.SpendingInputSerializer,
            serializers.SpendingSerializer,
            Spending,
            record,
        )


class DeliveryList(ApiView):
    serializer_class = serializers.DeliverySerializer

    @extend_schema(
        operation_id="listInKindDeliveries",
        responses=serializers.DeliverySerializer(many=True),
        summary="De leveringen in natura",
        description="Elke vastgelegde levering, ook gecorrigeerde, de oudste eerst.",
        parameters=[
            OpenApiParameter("organisation", OpenApiTypes.STR, description="Id van de partner."),
            OpenApiParameter(
                "contribution", OpenApiTypes.STR, description="Id van de bijdrage in natura."
            ),
        ],
        tags=TAGS,
    )
    def get(self, request: Request, slug: str) -> Response:
        programme = visible_programme(request, slug)
        filters = {
            "organisation": request.query_params.get("organisation", ""),
            "contribution": request.query_params.get("contribution", ""),
        }
        rows = selectors.deliveries(programme, filters)
        return self.page_of(rows, serializers.DeliverySerializer)

    @extend_schema(
        operation_id="createInKindDelivery",
        summary="Een levering in natura vastleggen (of corrigeren)",
        description=(
            "Wat een partner leverde van een bijdrage in natura, gewaardeerd in euro. De "
            "partner volgt uit de bijdrage."
        ),
        parameters=[IDEMPOTENCY_KEY],
        request=serializers.DeliveryInputSerializer,
        responses={
            201: serializers.DeliverySerializer,
            200: OpenApiResponse(
                serializers.DeliverySerializer,
                description="Al eerder vastgelegd met deze sleutel: niets nieuws.",
            ),
        },
        tags=TAGS,
    )
    def post(self, request: Request, slug: str) -> Response:
        def record(programme: Programme, data: dict[str, Any], client_key: str) -> Any:
            return progress_actions.record_in_kind_delivery(
                acting_user=request.user,
                programme=programme,
                entry=progress_actions.DeliveryInput(
                    contribution_id=data["contribution"],
                    delivered_on=data["delivered_on"],
                    value=data["value"],
                    quantity=data["quantity"],
                    explanation=data["explanation"],
                    client_key=client_key,
                ),
                replaces=_replaced(InKindDelivery, programme, data["replaces"]),
            )

        return _record_once(
            request,
            slug,
            serializers.DeliveryInputSerializer,
            serializers.DeliverySerializer,
            InKindDelivery,
            record,
        )
