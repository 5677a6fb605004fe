from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken in dit programma"),
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "required": _("Typ een of meer woorden om naar te zoeken."),
            "max_length": _("Uw zoekvraag is te lang: gebruik hoogstens %(limit_value)d tekens."),
        },
    )

    def clean_q(self) -> str:
        query: str = self.cleaned_data["q"]
        if not any(character.isalnum() for character in query):
            raise forms.ValidationError(
                _("Typ ten minste één letter of cijfer om naar te zoeken."), code="no_words"
            )
        return query
