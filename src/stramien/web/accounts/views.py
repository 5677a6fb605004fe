"""Log in and one's own settings. Password reset uses Django's own views with our templates;
accepting an invitation is a page of the programmes app (``member_views``)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from stramien.web.errors import ActionError
from stramien.web.users import acting_user

from . import actions, security, selectors


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

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Checked before any password is: a locked address learns nothing, right or wrong.
        if security.address_locked(request):
            return render(request, "accounts/locked.html", status=429)
        return super().post(request, *args, **kwargs)


class ResetView(auth_views.PasswordResetView):
    """Django's password reset, with the link made from the public address when one is set
    (behind a proxy the request itself may say http and an inner host name)."""

    def form_valid(self, form: Any) -> HttpResponse:
        public = urlsplit(settings.STRAMIEN_PUBLIC_URL)
        form.save(
            domain_override=public.netloc or None,
            use_https=public.scheme == "https" if public.scheme else self.request.is_secure(),
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context=self.extra_email_context,
        )
        return HttpResponseRedirect(self.get_success_url())


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if request.method == "POST":
        actions.set_email_enabled(
            acting_user=user, enabled=request.POST.get("email_enabled") == "1"
        )
        actions.set_reminders_enabled(
            acting_user=user, enabled=request.POST.get("reminders_enabled") == "1"
        )
        actions.set_card_changes_enabled(
            acting_user=user, enabled=request.POST.get("card_changes_enabled") == "1"
        )
        messages.success(request, _("Uw keuze is opgeslagen."))
        return redirect("accounts:preferences")
    return render(
        request,
        "accounts/preferences.html",
        {
            "enabled": selectors.email_enabled(user),
            "reminders": selectors.reminders_enabled(user),
            "card_changes": selectors.card_changes_enabled(user),
        },
    )


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Personal API tokens: make one (its secret shown once, on this answer), list, revoke."""
    user = acting_user(request)
    created: str | None = None
    problems: list[str] = []
    values = {"name": "", "scope": "read", "days": str(actions.DEFAULT_TOKEN_DAYS)}
    if request.method == "POST" and "revoke" in request.POST:
        try:
            token = actions.revoke_api_token(
                acting_user=user, token_id=int(request.POST.get("revoke", "0"))
            )
        except (ValueError, ActionError):
            messages.error(request, _("Deze sleutel bestaat niet (meer)."))
        else:
            messages.success(
                request, _("De sleutel ‘%(name)s’ is ingetrokken.") % {"name": token.name}
            )
        return redirect("accounts:api_tokens")
    if request.method == "POST":
        values = {key: request.POST.get(key, "").strip() for key in values}
        try:
            days = int(values["days"])
        except ValueError:
            problems.append(_("Geef het aantal dagen als een heel getal."))
        else:
            try:
                _token, created = actions.create_api_token(
                    acting_user=user, name=values["name"], scope=values["scope"], days=days
                )
            except ActionError as exc:
                problems.append(str(exc))
            else:
                values = {"name": "", "scope": "read", "days": str(actions.DEFAULT_TOKEN_DAYS)}
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "tokens": selectors.api_tokens(user),
            "created": created,
            "problems": problems,
            "values": values,
            "max_days": actions.MAX_TOKEN_DAYS,
            "now": timezone.now(),
        },
        status=400 if problems else 200,
    )
