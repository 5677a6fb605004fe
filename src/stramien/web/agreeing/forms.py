"""The one form of the adoption pages: confirming a version that still has errors."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ConfirmErrorsForm(forms.Form):
    errors_accepted = forms.BooleanField(
        label=_("Ik leg deze versie toch voor, met de fouten die hierboven staan"),
        error_messages={
            "required": _(
                "Vink aan dat u deze versie met fouten toch wilt voorleggen, of ga terug en "
                "herstel de fouten eerst."
            )
        },
    )
