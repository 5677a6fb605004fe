"""The form for one value of one indicator, shaped by what the indicator measures."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stramien.model import Indicator, MeasureType
from stramien.monitor import Period
from stramien.web.errors import ActionError
from stramien.web.schemaform import clean_decimal

from .actions import Entry
from .evidence import MAX_PDF_BYTES, Upload


class DutchDecimalField(forms.CharField):
    """A number as people type it: 1.250, 12,5 or 12.5; the form keeps what was typed."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = str(super().to_python(value) or "").strip()
        if not text:
            return None
        try:
            found = Decimal(clean_decimal(text, True))
        except InvalidOperation:
            raise forms.ValidationError(_("Vul een getal in, bijvoorbeeld 1250 of 12,5.")) from None
        if not found.is_finite() or abs(found) >= Decimal(10) ** 18:
            raise forms.ValidationError(_("Dit getal is te groot."))
        return found


class MeasurementForm(forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("Periode"))
    value = DutchDecimalField(label=gettext_lazy("Waarde"), required=False)
    numerator = DutchDecimalField(label=gettext_lazy("Teller"), required=False)
    denominator = DutchDecimalField(label=gettext_lazy("Noemer"), required=False)
    explanation = forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Wat de waarde verklaart, en waar ze vandaan komt."),
    )
    evidence = forms.FileField(
        label=gettext_lazy("Bewijsstuk (niet verplicht)"),
        required=False,
        help_text=gettext_lazy(
            "Een PDF (hoogstens 10 MB) of een afbeelding in PNG of JPEG (hoogstens 5 MB). "
            "Bij een correctie zonder nieuw bestand blijft het vorige bewijsstuk staan."
        ),
    )

    def __init__(
        self, *args: Any, indicator: Indicator, periods: list[Period], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        period_field = self.fields["period"]
        assert isinstance(period_field, forms.ChoiceField)
        period_field.choices = [(p.key, p.label) for p in periods]
        if indicator.measure is MeasureType.PERCENTAGE:
            del self.fields["value"]
            self.fields["numerator"].help_text = _("Bijvoorbeeld het aantal dat meedoet.")
            self.fields["denominator"].help_text = _("Het totaal waarvan het een deel is.")
        else:
            del self.fields["numerator"]
            del self.fields["denominator"]
            self.fields["value"].help_text = {
                MeasureType.YES_NO: _("1 voor ja, 0 voor nee."),
                MeasureType.SCORE: _("Een heel getal van 1 tot en met 5."),
            }.get(indicator.measure, indicator.unit)
        for dimension in indicator.dimensions:
            self.fields[f"dimension_{dimension.key}"] = forms.ChoiceField(
                label=dimension.name,
                required=False,
                choices=[("", _("Geheel (niet uitgesplitst)"))]
                + [(value, value) for value in dimension.values],
            )

    def entry(self) -> Entry:
        data = self.cleaned_data
        dimensions = {
            d.key: data[f"dimension_{d.key}"]
            for d in self.indicator.dimensions
            if data.get(f"dimension_{d.key}")
        }
        return Entry(
            indicator_id=self.indicator.id,
            period=data["period"],
            value=data.get("value"),
            numerator=data.get("numerator"),
            denominator=data.get("denominator"),
            dimensions=dimensions,
            explanation=data.get("explanation", "").strip(),
        )

    def upload(self) -> Upload | None:
        """The evidence file handed in with the value, if any."""
        found = self.cleaned_data.get("evidence")
        if not found:
            return None
        if found.size > MAX_PDF_BYTES:  # refused before it is read into memory
            raise ActionError(_("Het bewijsstuk is te groot: hoogstens 10 MB."))
        return Upload(found.read(), found.name or "")


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Waarom gaat de waarde terug?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
