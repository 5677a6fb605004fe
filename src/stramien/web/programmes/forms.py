"""Django forms for the pages that are not part of the agreement itself."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Role

TEMPLATES = {
    "blank": _("Leeg programma (met uitleg per onderdeel)"),
    "small": _("Voorbeeld: buurtprogramma Samen Zonnehof"),
    "large": _("Voorbeeld: regio deal Drentse Kracht"),
}


class CreateProgrammeForm(forms.Form):
    start = forms.ChoiceField(
        label=_("Beginnen met"),
        choices=[
            ("blank", _("Een leeg programma")),
            ("template", _("Een voorbeeld")),
            ("upload", _("Een YAML- of JSON-bestand")),
            ("archive", _("Een Stramien-archief met alle versies (.zip)")),
        ],
        widget=forms.RadioSelect,
        initial="blank",
    )
    name = forms.CharField(
        label=_("Naam van het programma"),
        max_length=300,
        required=False,
        help_text=_("Nodig bij een leeg programma; bij een voorbeeld of bestand optioneel."),
    )
    template = forms.ChoiceField(
        label=_("Voorbeeld"), choices=list(TEMPLATES.items())[1:], required=False
    )
    upload = forms.FileField(
        label=_("Bestand"),
        required=False,
        help_text=_(
            "Een samenwerkingsovereenkomst in YAML of JSON (hoogstens 10 MB), of een "
            "Stramien-archief."
        ),
    )

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload is not None and upload.size > settings.STRAMIEN_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 10 MB."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start = data.get("start")
        if start == "blank" and not data.get("name", "").strip():
            self.add_error("name", _("Geef het programma een naam."))
        if start in ("upload", "archive") and not data.get("upload"):
            self.add_error("upload", _("Kies een bestand om te importeren."))
        return data


class RoleForm(forms.Form):
    """A role in a programme; a partner acts for one organisation of the agreement."""

    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.PARTNER)
    party_id = forms.ChoiceField(
        label=_("Namens partner"),
        required=False,
        help_text=_(
            "Alleen voor de rol partner: de organisatie die deze persoon vertegenwoordigt."
        ),
    )

    def __init__(self, *args: Any, partners: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partners = partners
        party_field = self.fields["party_id"]
        assert isinstance(party_field, forms.ChoiceField)
        # Names only; the id only where two partners share a name.
        names = list(partners.values())
        party_field.choices = [("", "—")] + [
            (pid, f"{name} ({pid})" if names.count(name) > 1 else name)
            for pid, name in partners.items()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.PARTNER and not data.get("party_id"):
            if self.partners:
                self.add_error("party_id", _("Kies de organisatie waarvoor deze partner optreedt."))
            else:
                self.add_error(
                    "party_id",
                    _(
                        "Kies de organisatie waarvoor deze partner optreedt. Er staan nog geen "
                        "partners in de overeenkomst: voeg ze eerst toe bij §2 Partnerschap, "
                        "of kies een andere rol."
                    ),
                )
        return data


class InviteForm(RoleForm):
    name = forms.CharField(label=_("Naam"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mailadres"))

    def __init__(self, *args: Any, partners: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, partners=partners, **kwargs)
        self.order_fields(["name", "email", "role", "party_id"])


class RemoveMemberForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, haal deze persoon uit het programma"),
        error_messages={"required": _("Vink aan dat u deze persoon uit het programma wilt halen.")},
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Opmerking"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    thread = forms.IntegerField(required=False, widget=forms.HiddenInput)


class UploadImageForm(forms.Form):
    image = forms.FileField(
        label=_("Artist impression"),
        help_text=_("PNG of JPEG, hoogstens 5 MB."),
    )
    alt_text = forms.CharField(
        label=_("Tekstalternatief"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Beschrijf wat er op het beeld te zien is, voor wie het niet kan zien."),
    )
    caption = forms.CharField(label=_("Onderschrift"), max_length=300, required=False)
