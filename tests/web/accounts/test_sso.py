"""Single sign-on with OpenID Connect, against a provider the test runs itself
(``oidc_provider``): the whole code flow through Django's test client and real HTTP to the
provider on 127.0.0.1, and nothing outside this machine."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from axes.models import AccessAttempt  # type: ignore[import-untyped]
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from stramien.web.accounts import sso
from stramien.web.audit.actions import AuditAction
from stramien.web.audit.models import AuditEntry
from stramien.web.programmes import members
from stramien.web.programmes.models import Invitation, Membership, Programme

from ..conftest import PASSWORD
from .oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, running_provider

pytestmark = pytest.mark.django_db

BUTTON = "Inloggen via Testgemeente"


@pytest.fixture
def provider(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Provider]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with running_provider() as running:
        settings.STRAMIEN_OIDC_ENABLED = True
        settings.STRAMIEN_OIDC_ISSUER = running.issuer
        settings.STRAMIEN_OIDC_NAME = "Testgemeente"
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        running.person = {
            "sub": "medewerker-1",
            "email": "Partner@Example.org",
            "email_verified": True,
            "given_name": "Pim",
            "family_name": "Partner",
        }
        sso.forget_discovery()
        yield running
        sso.forget_discovery()


def _sso(client: Client, next_url: str = "") -> Any:
    """Click the button, let the provider answer, follow its redirect back to Stramien."""
    start = client.get(reverse("accounts:sso_login") + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start.content
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    back = urlsplit(answer.headers["Location"])
    return client.get(f"{back.path}?{back.query}", follow=True)


def _logged_in_as(client: Client) -> str:
    return str(client.session.get("_auth_user_id", ""))


def _text(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_without_configuration_nothing_changes(people: dict[str, Any]) -> None:
    assert not django_settings.STRAMIEN_OIDC_ENABLED
    assert not any("oidc" in name.lower() for name in django_settings.MIDDLEWARE)
    assert not any("oidc" in name.lower() for name in django_settings.AUTHENTICATION_BACKENDS)
    page = Client().get(reverse("accounts:login"))
    assert "Inloggen via" not in _text(page)
    assert Client().get(reverse("accounts:sso_login")).status_code == 404
    assert Client().get(reverse("accounts:sso_callback") + "?code=x&state=y").status_code == 404


def _settings_with(env: dict[str, str]) -> dict[str, Any]:
    """The settings a fresh process makes from this environment."""
    script = (
        "import json; from stramien.web import settings as s; print(json.dumps({"
        "'enabled': s.STRAMIEN_OIDC_ENABLED, 'middleware': s.MIDDLEWARE,"
        "'backends': s.AUTHENTICATION_BACKENDS, 'client': s.OIDC_RP_CLIENT_ID,"
        "'issuer': s.STRAMIEN_OIDC_ISSUER, 'name': s.STRAMIEN_OIDC_NAME}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("STRAMIEN_OIDC_")}
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_single_sign_on_is_configured_from_the_environment_only() -> None:
    off = _settings_with({})
    assert not off["enabled"]
    on = _settings_with(
        {
            "STRAMIEN_OIDC_ISSUER": "https://sso.example.nl/realms/proef/",
            "STRAMIEN_OIDC_CLIENT_ID": "stramien",
            "STRAMIEN_OIDC_CLIENT_SECRET": "geheim",
            "STRAMIEN_OIDC_NAME": "Gemeente Proefstad",
        }
    )
    assert on["enabled"] and on["client"] == "stramien" and on["name"] == "Gemeente Proefstad"
    assert on["issuer"] == "https://sso.example.nl/realms/proef"
    # No middleware and no backend more: the password login works as before.
    assert (on["middleware"], on["backends"]) == (off["middleware"], off["backends"])
    # A client id alone is not enough.
    assert not _settings_with({"STRAMIEN_OIDC_CLIENT_ID": "stramien"})["enabled"]


def test_existing_account_logs_in_by_its_verified_email(
    people: dict[str, Any], provider: Provider
) -> None:
    client = Client()
    assert BUTTON in _text(client.get(reverse("accounts:login")))
    target = reverse("accounts:preferences")
    done = _sso(client, next_url=target)
    assert done.redirect_chain[-1][0] == target
    assert _logged_in_as(client) == str(people["partner"].pk)
    entry = AuditEntry.objects.get(action=AuditAction.SSO_LOGIN)
    assert entry.actor == people["partner"]
    assert entry.details["issuer"] == provider.issuer
    assert entry.details["subject"] == "medewerker-1"
    # No account was made on the way, and no lockout counter counted anything.
    assert get_user_model().objects.count() == len(people)
    assert not AccessAttempt.objects.exists()


def test_invited_address_gets_an_account_and_the_membership(
    people: dict[str, Any], programme: Programme, provider: Provider
) -> None:
    party = programme.head_document["partnership"]["partners"][2]["id"]
    invitation, _token = members.invite(
        acting_user=people["regisseur"],
        programme=programme,
        email="Nieuw.Lid@Example.org",
        role="partner",
        party_id=party,
    )
    provider.person = {
        "sub": "nieuw-1",
        "email": "nieuw.lid@example.org",
        "email_verified": True,
        "given_name": "Noor",
        "family_name": "Nieuw",
    }
    client = Client()
    done = _sso(client)
    assert done.status_code == 200
    assert f"U doet nu mee aan {programme.name}." in _text(done)
    user = get_user_model().objects.get(email="nieuw.lid@example.org")
    assert _logged_in_as(client) == str(user.pk)
    assert user.get_full_name() == "Noor Nieuw" and not user.has_usable_password()
    membership = Membership.objects.get(user=user, programme=programme)
    assert (membership.role, membership.party_id) == ("partner", party)
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    actions = set(AuditEntry.objects.filter(actor=user).values_list("action", flat=True))
    assert {"account.create", "invitation.accept", "sso.login"} <= actions
    # The programme is theirs now.
    overview = client.get(reverse("programmes:overview", args=[programme.slug]))
    assert overview.status_code == 200


def test_existing_account_with_an_invitation_joins_the_programme(
    people: dict[str, Any], programme: Programme, provider: Provider
) -> None:
    members.invite(
        acting_user=people["regisseur"],
        programme=programme,
        email="outsider@example.org",
        role="lezer",
    )
    provider.person = {"sub": "o-1", "email": "outsider@example.org", "email_verified": True}
    client = Client()
    _sso(client)
    assert _logged_in_as(client) == str(people["outsider"].pk)
    assert Membership.objects.get(user=people["outsider"], programme=programme).role == "lezer"
    assert not Invitation.objects.filter(accepted_at__isnull=True).exists()


@pytest.mark.parametrize("verified", [False, "false", None])
def test_an_unverified_email_is_refused(
    people: dict[str, Any], provider: Provider, verified: Any
) -> None:
    provider.person["email_verified"] = verified
    if verified is None:
        del provider.person["email_verified"]
    client = Client()
    done = _sso(client)
    assert not _logged_in_as(client)
    assert "is bij Testgemeente niet bevestigd" in _text(done)
    refused = AuditEntry.objects.get(action=AuditAction.SSO_REFUSED)
    assert refused.details == {"reason": "email_unverified", "email": ""}


def test_an_unverified_email_passes_when_the_administrator_trusts_the_provider(
    people: dict[str, Any], provider: Provider, settings: Any
) -> None:
    settings.STRAMIEN_OIDC_TRUST_EMAIL = True
    del provider.person["email_verified"]
    client = Client()
    _sso(client)
    assert _logged_in_as(client) == str(people["partner"].pk)


def test_unknown_address_without_invitation_gets_a_clear_message(
    people: dict[str, Any], provider: Provider, settings: Any
) -> None:
    provider.person = {"sub": "x-1", "email": "onbekend@example.org", "email_verified": True}
    client = Client()
    done = _sso(client)
    assert not _logged_in_as(client)
    assert "geen account en geen openstaande uitnodiging voor onbekend@example.org" in _text(done)
    assert not get_user_model().objects.filter(email="onbekend@example.org").exists()
    refused = AuditEntry.objects.get(action=AuditAction.SSO_REFUSED)
    assert refused.details == {"reason": "unknown_email", "email": "onbekend@example.org"}
    # Allowed by the environment: an account without programmes.
    settings.STRAMIEN_OIDC_CREATE_USERS = True
    _sso(client)
    made = get_user_model().objects.get(email="onbekend@example.org")
    assert _logged_in_as(client) == str(made.pk)
    assert not Membership.objects.filter(user=made).exists()


def test_a_switched_off_account_stays_off_even_when_invited(
    people: dict[str, Any], programme: Programme, provider: Provider
) -> None:
    people["partner"].is_active = False
    people["partner"].save()
    members.invite(
        acting_user=people["regisseur"],
        programme=programme,
        email="partner@example.org",
        role="lezer",
    )
    client = Client()
    done = _sso(client)
    assert not _logged_in_as(client)
    assert "is uitgeschakeld" in _text(done)
    assert get_user_model().objects.filter(email__iexact="partner@example.org").count() == 1
    assert Invitation.objects.get().accepted_at is None


def test_two_accounts_with_one_address_are_not_guessed_between(
    people: dict[str, Any], provider: Provider
) -> None:
    people["lezer"].email = "PARTNER@example.org"
    people["lezer"].save()
    client = Client()
    done = _sso(client)
    assert not _logged_in_as(client)
    assert "meer accounts met het e-mailadres partner@example.org" in _text(done)


def test_the_provider_saying_no_is_a_message(people: dict[str, Any], provider: Provider) -> None:
    client = Client()
    start = client.get(reverse("accounts:sso_login"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    url = reverse("accounts:sso_callback") + f"?error=access_denied&state={state}"
    done = client.get(url, follow=True)
    assert "Inloggen via Testgemeente is afgebroken of geweigerd" in _text(done)
    assert not _logged_in_as(client) and not client.session.get("oidc_states")


def test_a_wrong_state_is_refused(people: dict[str, Any], provider: Provider) -> None:
    client = Client()
    start = client.get(reverse("accounts:sso_login"))
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    back = urlsplit(answer.headers["Location"])
    query = parse_qs(back.query)
    forged = f"{back.path}?code={query['code'][0]}&state=een-andere-staat"
    done = client.get(forged, follow=True)
    assert done.status_code == 200
    assert "Deze inlogpoging is verlopen of in een ander venster begonnen" in _text(done)
    assert not _logged_in_as(client)
    assert provider.token_requests == 0  # the code was never exchanged
    # The right state works once; the same answer a second time does not.
    right = f"{back.path}?{back.query}"
    client.get(right)
    assert _logged_in_as(client) == str(people["partner"].pk)
    replay = client.get(right, follow=True)
    assert "Deze inlogpoging is verlopen" in _text(replay)
    assert provider.token_requests == 1


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        ({"nonce": "een-andere-nonce"}, "kon niet worden gecontroleerd"),
        ({"expired": True}, "Uw inlogsessie bij Testgemeente is verlopen"),
        ({"issuer": "http://127.0.0.1:9/nep"}, "kon niet worden gecontroleerd"),
        ({"audience": "een-andere-toepassing"}, "kon niet worden gecontroleerd"),
    ],
)
def test_a_token_that_fails_its_checks_is_refused(
    people: dict[str, Any], provider: Provider, tamper: dict[str, Any], message: str
) -> None:
    provider.tamper = tamper
    client = Client()
    done = _sso(client)
    assert done.status_code == 200 and message in _text(done)
    assert not _logged_in_as(client)
    # Anyone can send a bad answer; such refusals go to the log, not into the audit trail.
    assert not AuditEntry.objects.exists()


def test_a_provider_clock_a_little_ahead_is_no_problem(
    people: dict[str, Any], provider: Provider
) -> None:
    provider.tamper = {"skew": 30}
    client = Client()
    _sso(client)
    assert _logged_in_as(client) == str(people["partner"].pk)


def test_an_unreachable_provider_gives_a_message_not_an_error(
    people: dict[str, Any], provider: Provider, settings: Any
) -> None:
    settings.STRAMIEN_OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    sso.forget_discovery()
    done = Client().get(reverse("accounts:sso_login"), follow=True)
    assert done.status_code == 200
    assert "de inlogdienst is niet bereikbaar" in _text(done)
    assert "wachtwoord" in _text(done)


def test_a_provider_without_the_needed_addresses_gives_a_message(
    people: dict[str, Any], provider: Provider, settings: Any
) -> None:
    client = Client()
    start = client.get(reverse("accounts:sso_login"))
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    back = urlsplit(answer.headers["Location"])
    # The provider's discovery document no longer names its keys (a half-moved provider).
    settings.STRAMIEN_OIDC_ISSUER = ""
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider.issuer}/token"
    done = client.get(f"{back.path}?{back.query}", follow=True)
    assert "is niet goed ingesteld" in _text(done)
    assert not _logged_in_as(client)
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = ""
    done = client.get(reverse("accounts:sso_login"), follow=True)
    assert "is niet goed ingesteld" in _text(done)


def test_the_password_login_keeps_working_and_keeps_its_lockout(
    people: dict[str, Any], provider: Provider
) -> None:
    client = Client()
    page = client.get(reverse("accounts:login"))
    assert BUTTON in _text(page) and 'name="password"' in _text(page)
    ok = client.post(reverse("accounts:login"), {"username": "partner", "password": PASSWORD})
    assert ok.status_code == 302 and _logged_in_as(client) == str(people["partner"].pk)
    stranger = Client()
    for _attempt in range(5):
        stranger.post(reverse("accounts:login"), {"username": "lezer", "password": "fout"})
    locked = stranger.post(reverse("accounts:login"), {"username": "lezer", "password": PASSWORD})
    assert locked.status_code == 429


def test_logout_also_ends_the_providers_session(people: dict[str, Any], provider: Provider) -> None:
    client = Client()
    _sso(client)
    out = client.post(reverse("accounts:logout"))
    assert not _logged_in_as(client)
    # A page that moves on at once (and a link), so the browser's form policy allows it.
    assert out.status_code == 200 and "U bent uitgelogd" in _text(out)
    delay, _, address = out["Refresh"].partition("; url=")
    assert delay == "0" and f'href="{html.escape(address)}"' in out.content.decode()
    target = urlsplit(address)
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{provider.issuer}/logout"
    query = parse_qs(target.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver" + reverse("accounts:login")]
    assert query["client_id"] == [CLIENT_ID] and query["id_token_hint"][0].count(".") == 2
    # A password login's logout stays within Stramien.
    client.post(reverse("accounts:login"), {"username": "partner", "password": PASSWORD})
    assert client.post(reverse("accounts:logout"))["Location"] == reverse("accounts:login")


def test_logout_without_end_session_endpoint_stays_within_stramien(
    people: dict[str, Any], provider: Provider
) -> None:
    provider.end_session = False
    client = Client()
    _sso(client)
    assert _logged_in_as(client)
    assert client.post(reverse("accounts:logout"))["Location"] == reverse("accounts:login")
