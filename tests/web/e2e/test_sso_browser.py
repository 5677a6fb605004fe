"""Single sign-on in a real browser: the button, the round trip to the test provider and back,
the refusal message; the login page with the button passes axe-core at both widths."""

from __future__ import annotations

from typing import Any

import pytest

from stramien.web.accounts import sso

from ..accounts.oidc_provider import CLIENT_ID, CLIENT_SECRET, running_provider
from ..people import make_user
from .test_accessibility import WIDTHS, Audit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_by_single_sign_on_in_the_browser(
    new_context: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    make_user("partner")
    audit = Audit()
    with running_provider() as provider:
        settings.STRAMIEN_OIDC_ENABLED = True
        settings.STRAMIEN_OIDC_ISSUER = provider.issuer
        settings.STRAMIEN_OIDC_NAME = "Testgemeente"
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        sso.forget_discovery()
        for width, viewport in WIDTHS.items():
            page = new_context(viewport=viewport).new_page()
            provider.person = {"sub": "x", "email": "onbekend@example.org", "email_verified": True}
            page.goto("/account/inloggen/")
            audit.scan(f"login with single sign-on ({width})", page)
            page.get_by_role("link", name="Inloggen via Testgemeente").click()
            page.locator("[role=alert], .st-messages").first.wait_for()
            assert "geen account en geen openstaande uitnodiging" in page.content()
            audit.scan(f"single sign-on refused ({width})", page)
            provider.person = {"sub": "p", "email": "partner@example.org", "email_verified": True}
            page.get_by_role("link", name="Inloggen via Testgemeente").click()
            page.wait_for_url("**/programmas/")
            page.get_by_role("button", name="Uitloggen").click()
            page.wait_for_url(f"{provider.issuer}/logout**")
        sso.forget_discovery()
    audit.assert_clean()
