"""What the monitoring endpoints read and write, field by field; names are camelCase (NL
API Design Rules), the attributes they come from keep their Python names (``source``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from stramien.monitor import Status
from stramien.web.monitoring.models import Measurement, MilestoneStatus
from stramien.web.monitoring.progress_actions import MAX_AMOUNT

# Figures on the wire are JSON numbers; the stored ones have six decimals at most.
_FIGURE = {"max_digits": 24, "decimal_places": 6, "coerce_to_string": False}
_AMOUNT = {"max_digits": 14, "decimal_places": 2, "coerce_to_string": False}
#: The status of an indicator in a period (``stramien.monitor.Status``).
PERIOD_STATUSES = [s.value for s in Status]
MEASUREMENT_STATUSES = list(Measurement.Status.values)
MILESTONE_STATUSES = list(MilestoneStatus.Status.values)
_KEY_HELP = _(
    "Een sleutel van uw eigen systeem (hoogstens 120 tekens): wie dezelfde waarde met "
    "dezelfde sleutel nog eens stuurt, krijgt het eerste antwoord terug en er komt niets bij."
)


def _client_key_field() -> serializers.CharField:
    """The optional client key of every record sent in (each serializer its own field)."""
    return serializers.CharField(
        source="idempotency_key",
        max_length=120,
        required=False,
        allow_blank=True,
        default="",
        help_text=_KEY_HELP,
    )


def _explanation_field() -> serializers.CharField:
    """The optional explanation of every record sent in."""
    return serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class Strict(serializers.Serializer[Any]):
    """Refuses fields it does not know, so a typo in a name is never silently ignored."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("Dit veld bestaat niet.")] for name in unknown}
                )
        return super().to_internal_value(data)


class DimensionSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    name = serializers.CharField()
    values = serializers.ListField(child=serializers.CharField())


class PeriodSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(help_text=_("De periode, bijvoorbeeld 2027-Q2 of 2027-03."))
    label = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    target = serializers.DecimalField(
        **_FIGURE, allow_null=True, help_text=_("Het streefcijfer aan het eind van de periode.")
    )
    value = serializers.DecimalField(
        **_FIGURE,
        allow_null=True,
        help_text=_("De waarde tot en met deze periode, uit goedgekeurde metingen."),
    )
    periodValue = serializers.DecimalField(
        source="period_value",
        **_FIGURE,
        allow_null=True,
        help_text=_("De waarde van deze periode alleen."),
    )
    status = serializers.ChoiceField(choices=PERIOD_STATUSES)
    locked = serializers.BooleanField()


class IndicatorSerializer(serializers.Serializer[Any]):
    id = serializers.CharField(source="indicator.id")
    name = serializers.CharField(source="indicator.name")
    goal = serializers.CharField(source="indicator.goal")
    unit = serializers.CharField(source="indicator.unit")
    direction = serializers.CharField(source="indicator.direction.value")
    measure = serializers.CharField(source="indicator.measure.value")
    frequency = serializers.CharField(source="indicator.frequency.value")
    owner = serializers.CharField(source="indicator.owner", allow_null=True)
    baseline = serializers.DecimalField(**_FIGURE, source="indicator.baseline", allow_null=True)
    baselineDate = serializers.DateField(source="indicator.baseline_date", allow_null=True)
    target = serializers.DecimalField(**_FIGURE, source="indicator.target", allow_null=True)
    targetDate = serializers.DateField(source="indicator.target_date", allow_null=True)
    dimensions = DimensionSerializer(source="indicator.dimensions", many=True)
    periods = PeriodSerializer(many=True)


class MeasurementSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    indicator = serializers.CharField(source="indicator_id")
    period = serializers.CharField()
    dimensions = serializers.DictField(child=serializers.CharField())
    value = serializers.DecimalField(**_FIGURE, allow_null=True)
    numerator = serializers.DecimalField(**_FIGURE, allow_null=True)
    denominator = serializers.DecimalField(**_FIGURE, allow_null=True)
    supersedes = serializers.IntegerField(source="supersedes_id", allow_null=True)
    supersededBy = serializers.SerializerMethodField(method_name="get_superseded_by")
    explanation = serializers.CharField()
    status = serializers.ChoiceField(choices=MEASUREMENT_STATUSES)
    enteredAt = serializers.DateTimeField(source="entered_at")
    submittedAt = serializers.DateTimeField(source="submitted_at", allow_null=True)
    reviewedAt = serializers.DateTimeField(source="reviewed_at", allow_null=True)
    reviewNote = serializers.CharField(source="review_note")
    idempotencyKey = serializers.CharField(source="client_key")

    def get_superseded_by(self, measurement: Measurement) -> int | None:
        found = getattr(measurement, "superseded_by", None)
        return found.pk if found is not None else None


class MeasurementInputSerializer(Strict):
    """One value to enter: ``value``, or ``numerator`` and ``denominator`` for a
    percentage."""

    indicator = serializers.CharField(max_length=64, help_text=_("Id van de indicator."))
    period = serializers.CharField(
        max_length=10, help_text=_("Een rapportageperiode van de indicator, bijvoorbeeld 2027-Q2.")
    )
    value = serializers.DecimalField(**_FIGURE, required=False, allow_null=True, default=None)
    numerator = serializers.DecimalField(**_FIGURE, required=False, allow_null=True, default=None)
    denominator = serializers.DecimalField(**_FIGURE, required=False, allow_null=True, default=None)
    dimensions = serializers.DictField(
        child=serializers.CharField(max_length=120),
        required=False,
        default=dict,
        help_text=_('De uitsplitsing, bijvoorbeeld {"wijk": "noord"}; leeg: het geheel.'),
    )
    explanation = _explanation_field()
    submit = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Meteen indienen ter goedkeuring (anders blijft het een concept)."),
    )
    idempotencyKey = _client_key_field()


class MeasurementFilterSerializer(Strict):
    """The query of the list of measurements."""

    indicator = serializers.CharField(max_length=64, required=False)
    period = serializers.CharField(max_length=10, required=False)
    organisation = serializers.CharField(
        max_length=64, required=False, help_text=_("Id van de partner die de indicator bezit.")
    )
    status = serializers.ChoiceField(choices=MEASUREMENT_STATUSES, required=False)
    fromDate = serializers.DateField(source="from_date", required=False)
    toDate = serializers.DateField(source="to_date", required=False)
    page = serializers.IntegerField(min_value=1, required=False)
    pageSize = serializers.IntegerField(
        source="page_size", min_value=1, max_value=100, required=False
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("from_date"), attrs.get("to_date")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"toDate": [_("De einddatum ligt voor de begindatum.")]}
            )
        return attrs


class MilestoneSerializer(serializers.Serializer[Any]):
    id = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    phase = serializers.CharField(allow_null=True)
    plannedDate = serializers.DateField(
        source="planned_date", help_text=_("De laatste dag waarop de mijlpaal gepland is.")
    )
    status = serializers.ChoiceField(
        choices=MILESTONE_STATUSES,
        allow_null=True,
        help_text=_("De stand die nu geldt; leeg: nog niets vastgelegd."),
    )
    actualDate = serializers.DateField(source="actual_date", allow_null=True)
    explanation = serializers.CharField()
    timeliness = serializers.CharField()
    daysLate = serializers.IntegerField(source="days_late", min_value=0)


class MilestoneStatusSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=MILESTONE_STATUSES)
    actualDate = serializers.DateField(source="actual_date", allow_null=True)
    explanation = serializers.CharField()
    enteredAt = serializers.DateTimeField(source="entered_at")
    milestone = serializers.CharField(source="milestone_id")
    supersedes = serializers.IntegerField(source="supersedes_id", allow_null=True)
    idempotencyKey = serializers.CharField(source="client_key")


class MilestoneStatusInputSerializer(Strict):
    status = serializers.ChoiceField(choices=MILESTONE_STATUSES)
    actualDate = serializers.DateField(
        source="actual_date",
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Bereikt: de dag waarop; vertraagd: de verwachte dag."),
    )
    explanation = _explanation_field()
    idempotencyKey = _client_key_field()


class _ProgressRecordSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    explanation = serializers.CharField()
    enteredAt = serializers.DateTimeField(source="entered_at")
    supersedes = serializers.IntegerField(source="supersedes_id", allow_null=True)
    supersededBy = serializers.SerializerMethodField(method_name="get_superseded_by")
    idempotencyKey = serializers.CharField(source="client_key")

    def get_superseded_by(self, row: Any) -> int | None:
        found = getattr(row, "superseded_by", None)
        return found.pk if found is not None else None


class SpendingSerializer(_ProgressRecordSerializer):
    costItem = serializers.CharField(source="cost_item_id")
    partner = serializers.CharField(source="partner_id")
    spentOn = serializers.DateField(source="spent_on")
    amount = serializers.DecimalField(**_AMOUNT)


class DeliverySerializer(_ProgressRecordSerializer):
    contribution = serializers.CharField(source="contribution_id")
    partner = serializers.CharField(source="partner_id")
    deliveredOn = serializers.DateField(source="delivered_on")
    quantity = serializers.CharField()
    value = serializers.DecimalField(**_AMOUNT)


_MONEY = {
    "max_digits": 14,
    "decimal_places": 2,
    "coerce_to_string": False,
    "max_value": MAX_AMOUNT - 1,
}


class SpendingInputSerializer(Strict):
    costItem = serializers.CharField(
        source="cost_item", max_length=64, help_text=_("Id van de kostenpost.")
    )
    partner = serializers.CharField(max_length=64, help_text=_("Id van de partner die betaalde."))
    spentOn = serializers.DateField(source="spent_on")
    amount = serializers.DecimalField(**_MONEY, help_text=_("In euro, groter dan nul."))
    explanation = _explanation_field()
    replaces = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text=_("Id van de uitgave die deze corrigeert."),
    )
    idempotencyKey = _client_key_field()


class DeliveryInputSerializer(Strict):
    contribution = serializers.CharField(
        max_length=64, help_text=_("Id van de bijdrage in natura.")
    )
    deliveredOn = serializers.DateField(source="delivered_on")
    value = serializers.DecimalField(**_MONEY, help_text=_("De waarde in euro."))
    quantity = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    explanation = _explanation_field()
    replaces = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text=_("Id van de levering die deze corrigeert."),
    )
    idempotencyKey = _client_key_field()
