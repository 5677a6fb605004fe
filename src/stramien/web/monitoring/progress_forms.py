"""Forms for a milestone's status, spending and an in-kind delivery; the choices come from
the newest version of the agreement and from what the user may record."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stramien.formatting import euro
from stramien.model import Agreement, payer_names
from stramien.model.dates import plan_date

from .forms import DutchDecimalField
from .models import InKindDelivery, MilestoneStatus, Spending
from .progress_actions import DeliveryInput, InvalidRecord, MilestoneUpdate, SpendingInput

DATE_ERRORS = {"invalid": gettext_lazy("Vul een datum in, bijvoorbeeld 31-03-2027.")}
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={**DATE_ERRORS, "required": _required()},
    )


def _required() -> Any:
    return gettext_lazy("Dit veld is verplicht.")


def _explanation(help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=help_text,
        error_messages={"max_length": gettext_lazy("De toelichting is hoogstens 2000 tekens.")},
    )


class ProblemsForm(forms.Form):
    def add_problems(self, error: InvalidRecord, fields: dict[str, str]) -> None:
        """Put each refusal of the action next to the field it is about."""
        for name, message in error.problems:
            field = fields.get(name, name)
            self.add_error(field if field in self.fields else None, message)


class MilestoneForm(ProblemsForm):
    milestone = forms.ChoiceField(
        label=gettext_lazy("Mijlpaal"), error_messages={"invalid_choice": _required()}
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Stand"),
        choices=MilestoneStatus.Status.choices,
        error_messages={"invalid_choice": gettext_lazy("Kies een van de genoemde standen.")},
    )
    actual_date = _date_field(gettext_lazy("Werkelijke of verwachte datum"), required=False)
    explanation = _explanation(
        gettext_lazy("Nodig bij vertraging of als de mijlpaal vervalt: waarom, en wat nu.")
    )

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["milestone"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (m.id, f"{m.title} ({plan_date(m.date, m.precision, style='short')})")
            for m in agreement.planning.milestones
        ]
        self.fields["actual_date"].help_text = _(
            "Bij 'bereikt' de dag waarop; bij vertraging de dag die nu verwacht wordt."
        )

    def update(self) -> MilestoneUpdate:
        data = self.cleaned_data
        return MilestoneUpdate(
            milestone_id=data["milestone"],
            status=data["status"],
            actual_date=data.get("actual_date"),
            explanation=data.get("explanation", "").strip(),
        )


class SpendingForm(ProblemsForm):
    cost_item = forms.ChoiceField(label=gettext_lazy("Kostenpost"))
    partner = forms.ChoiceField(label=gettext_lazy("Partner die het uitgaf"))
    spent_on = _date_field(gettext_lazy("Datum"))
    amount = DutchDecimalField(
        label=gettext_lazy("Bedrag in euro"),
        help_text=gettext_lazy("Bijvoorbeeld 12.500 of 1250,75."),
        error_messages={"required": _required()},
    )
    explanation = _explanation(gettext_lazy("Waarvoor, en waar het te vinden is (factuur)."))
    replaces = forms.IntegerField(required=False, widget=forms.HiddenInput())

    FIELDS: ClassVar[dict[str, str]] = {"cost_item_id": "cost_item", "partner_id": "partner"}

    def __init__(
        self, *args: Any, agreement: Agreement, partners: set[str] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = {
            "cost_item": [
                (item.id, f"{item.description} ({item.year}, {euro(item.amount)})")
                for item in agreement.finance.cost_items
            ],
            "partner": [
                (p.id, p.name)
                for p in agreement.partnership.partners
                if partners is None or p.id in partners
            ],
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = options
            field.error_messages["invalid_choice"] = _("Kies een van de genoemde mogelijkheden.")
            field.error_messages["required"] = _required()

    @classmethod
    def correcting(cls, record: Spending, **kwargs: Any) -> SpendingForm:
        return cls(
            initial={
                "cost_item": record.cost_item_id,
                "partner": record.partner_id,
                "spent_on": record.spent_on,
                "amount": str(record.amount).replace(".", ","),
                "explanation": record.explanation,
                "replaces": record.pk,
            },
            **kwargs,
        )

    def entry(self) -> SpendingInput:
        data = self.cleaned_data
        return SpendingInput(
            cost_item_id=data["cost_item"],
            partner_id=data["partner"],
            spent_on=data["spent_on"],
            amount=data["amount"],
            explanation=data.get("explanation", "").strip(),
        )


class DeliveryForm(ProblemsForm):
    contribution = forms.ChoiceField(label=gettext_lazy("Bijdrage in natura"))
    delivered_on = _date_field(gettext_lazy("Datum"))
    quantity = forms.CharField(
        label=gettext_lazy("Hoeveelheid"),
        required=False,
        max_length=120,
        help_text=gettext_lazy("Bijvoorbeeld 120 uur, of 3 maanden een kantoor."),
        error_messages={"max_length": gettext_lazy("De hoeveelheid is hoogstens 120 tekens.")},
    )
    value = DutchDecimalField(
        label=gettext_lazy("Waarde in euro"),
        help_text=gettext_lazy("Gewaardeerd zoals de bijdrage in de overeenkomst."),
        error_messages={"required": _required()},
    )
    explanation = _explanation(gettext_lazy("Wat er geleverd is, en aan wie."))
    replaces = forms.IntegerField(required=False, widget=forms.HiddenInput())

    FIELDS: ClassVar[dict[str, str]] = {"contribution_id": "contribution"}

    def __init__(
        self, *args: Any, agreement: Agreement, partners: set[str] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        names = payer_names(agreement.partnership)
        field = self.fields["contribution"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (
                c.id,
                f"{names.get(c.partner, c.partner)}: {c.description or c.kind.label} "
                f"({c.year}, {euro(c.amount)})",
            )
            for c in agreement.finance.contributions
            if c.kind.in_kind and (partners is None or c.partner in partners)
        ]
        field.error_messages["invalid_choice"] = _("Kies een van de genoemde bijdragen.")
        field.error_messages["required"] = _required()

    @classmethod
    def correcting(cls, record: InKindDelivery, **kwargs: Any) -> DeliveryForm:
        return cls(
            initial={
                "contribution": record.contribution_id,
                "delivered_on": record.delivered_on,
                "quantity": record.quantity,
                "value": str(record.value).replace(".", ","),
                "explanation": record.explanation,
                "replaces": record.pk,
            },
            **kwargs,
        )

    def entry(self) -> DeliveryInput:
        data = self.cleaned_data
        return DeliveryInput(
            contribution_id=data["contribution"],
            delivered_on=data["delivered_on"],
            value=data["value"],
            quantity=data.get("quantity", "").strip(),
            explanation=data.get("explanation", "").strip(),
        )
