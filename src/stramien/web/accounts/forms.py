"""Forms about accounts: creating one when accepting an invitation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class RegisterForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Uw naam"), max_length=150)
    username = forms.CharField(
        label=gettext_lazy("Gebruikersnaam"),
        max_length=150,
        help_text=gettext_lazy("Letters, cijfers en @ . + - _"),
    )
    password = forms.CharField(
        label=gettext_lazy("Wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy(
            "Minstens 10 tekens, niet alleen cijfers, geen veelgebruikt wachtwoord."
        ),
    )

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        user_model = get_user_model()
        field = user_model._meta.get_field("username")
        for validator in field.validators:
            try:
                validator(username)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Gebruik alleen letters, cijfers en @ . + - _")
                ) from None
        if user_model.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Deze gebruikersnaam is al in gebruik."))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password"):
            user = get_user_model()(
                username=data.get("username", ""), first_name=data.get("name", "")
            )
            try:
                password_validation.validate_password(data["password"], user)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data
