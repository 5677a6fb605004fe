"""Log in and one's own settings. Password reset uses Django's own views with our templates;
accepting an invitation is a page of the programmes app (``member_views``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from stramien.web.users import acting_user

from . import actions, selectors


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


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if request.method == "POST":
        actions.set_email_enabled(
            acting_user=user, enabled=request.POST.get("email_enabled") == "1"
        )
        messages.success(request, _("Uw keuze is opgeslagen."))
        return redirect("accounts:preferences")
    return render(
        request, "accounts/preferences.html", {"enabled": selectors.email_enabled(user)}
    )
