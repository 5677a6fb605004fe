"""HTTPS behind a proxy, links on the public address, and limits per visitor's address."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from stramien.web.programmes.models import Programme

from ..conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

PUBLIC = "https://stramien.example.nl"

#: The production environment the README documents (besides the database and mail).
PRODUCTION = {
    "STRAMIEN_PUBLIC_URL": PUBLIC,
    "STRAMIEN_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "STRAMIEN_PROXY_COUNT": "1",
}


def _deploy_check(tmp_path: Path, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("STRAMIEN_", "DJANGO_")) and key != "SECRET_KEY"
    }
    environment.update(
        {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "STRAMIEN_DATA_DIR": str(tmp_path),
            **extra,
        }
    )
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "stramien.cli",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


@pytest.mark.slow
def test_the_documented_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    plain = _deploy_check(tmp_path, {})
    assert plain.returncode != 0 and "security.W004" in plain.stderr  # the check can fail
    production = _deploy_check(tmp_path, PRODUCTION)
    assert production.returncode == 0, production.stderr
    assert "no issues" in production.stdout


def test_invitation_links_use_the_public_address(
    people: dict[str, Any],
    programme: Programme,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.STRAMIEN_PUBLIC_URL = PUBLIC
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(people["regisseur"]).post(
            reverse("programmes:members", args=[programme.slug]),
            {"email": "nieuw@example.org", "role": "lezer"},
            HTTP_HOST="127.0.0.1:8000",
        )
    link = re.search(r'id="invite-link">([^<]+)<', response.content.decode())
    assert link is not None and link.group(1).startswith(PUBLIC + "/account/uitnodiging/")
    assert PUBLIC + "/account/uitnodiging/" in mail.outbox[0].body


def test_password_reset_links_use_the_public_address(people: dict[str, Any], settings: Any) -> None:
    settings.STRAMIEN_PUBLIC_URL = PUBLIC
    Client().post(reverse("accounts:password_reset"), {"email": "partner@example.org"})
    assert PUBLIC + "/account/wachtwoord-herstellen/" in mail.outbox[0].body


def test_behind_a_proxy_the_original_scheme_counts(people: dict[str, Any], settings: Any) -> None:
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    Client().post(
        reverse("accounts:password_reset"),
        {"email": "partner@example.org"},
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_HOST="testserver",  # the proxy passes on the host the browser asked for
    )
    assert "https://testserver/account/wachtwoord-herstellen/" in mail.outbox[0].body


def _try(client: Client, username: str, password: str, address: str, **headers: str) -> Any:
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def test_one_password_tried_on_many_accounts_is_stopped(
    people: dict[str, Any], settings: Any
) -> None:
    settings.STRAMIEN_ADDRESS_FAILURE_LIMIT = 6
    client = Client()
    for number in range(6):  # each account sees one failure: below its own limit of five
        _try(client, f"naam{number}", "Welkom2026!", "198.51.100.9")
    locked = _try(client, "partner", PASSWORD, "198.51.100.9")
    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Someone at another address is not affected.
    other = Client()
    assert _try(other, "partner", PASSWORD, "192.0.2.44").status_code == 302


def test_behind_proxies_the_visitors_address_is_counted(
    people: dict[str, Any], settings: Any
) -> None:
    settings.STRAMIEN_ADDRESS_FAILURE_LIMIT = 3
    settings.STRAMIEN_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for number in range(3):
        # A visitor may put anything at the left of X-Forwarded-For; the proxy adds the right.
        _try(
            Client(),
            f"naam{number}",
            "fout",
            proxy,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}, 198.51.100.9",
        )
    blocked = _try(Client(), "partner", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert blocked.status_code == 429
    # Another visitor behind the same proxy logs in.
    fine = _try(Client(), "partner", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="192.0.2.7")
    assert fine.status_code == 302
