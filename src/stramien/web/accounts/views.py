"""Log in, invitations. Password reset uses Django's own views with our templates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, login, password_validation
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stramien.web.programmes.actions import ActionError

from . import actions


class _NoAutofocus:
    """Django focuses the first field on load; that skips the skip link, the heading and the
    explanation for keyboard and screen-reader users, so our forms do not."""

    fields: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)


class LoginForm(_NoAutofocus, AuthenticationForm):
    pass


class ResetForm(_NoAutofocus, PasswordResetForm):
    pass


class NewPasswordForm(_NoAutofocus, SetPasswordForm):  # type: ignore[type-arg]
    pass


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    authentication_form = LoginForm


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


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = actions.find_invitation(token)
    if found is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = RegisterForm(initial={"name": found.name})
    if request.method == "POST":
        if request.user.is_authenticated:
            try:
                membership = actions.accept_invitation(user=request.user, token=token)
            except ActionError as exc:
                messages.error(request, str(exc))
                return redirect("programmes:list")
            messages.success(request, _("U doet nu mee aan %(name)s.") % {"name": found.programme})
            return redirect("programmes:overview", slug=membership.programme.slug)
        form = RegisterForm(request.POST)
        if form.is_valid():
            try:
                user = actions.register_and_accept(
                    token=token,
                    username=form.cleaned_data["username"],
                    email=found.email,
                    name=form.cleaned_data["name"],
                    password=form.cleaned_data["password"],
                )
            except ActionError as exc:
                messages.error(request, str(exc))
                return redirect("programmes:list")
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welkom! U doet nu mee aan %(name)s.") % {"name": found.programme}
            )
            return redirect("programmes:overview", slug=found.programme.slug)
    return render(request, "accounts/invitation.html", {"invitation": found, "form": form})


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    from .models import NotificationPreference

    preference, _created = NotificationPreference.objects.get_or_create(user=request.user)
    if request.method == "POST":
        preference.email_enabled = request.POST.get("email_enabled") == "1"
        preference.save(update_fields=["email_enabled"])
        messages.success(request, _("Uw keuze is opgeslagen."))
        return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"enabled": preference.email_enabled})
