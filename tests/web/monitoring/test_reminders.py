"""Reminders by e-mail (``stramien remind``): to whom, when, and never twice.

The small example's eight indicators are measured per quarter from 2026; the first quarter's
values are due on 30 April 2026. A week before, on 23 April, the owners and the monitors get
a reminder; on 1 May, one that the values are late. ``partner`` represents Gemeente
Apeldoorn (owner of ``i-bijstand`` and ``i-onveilig``), ``other_partner`` the housing
corporation (three indicators); every other partner gets a representative when the
programme is adopted.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection

from stramien.cli import main
from stramien.web.accounts import actions as account_actions
from stramien.web.accounts.selectors import wants_reminders
from stramien.web.agreeing import actions as approvals
from stramien.web.audit.models import AuditEntry
from stramien.web.monitoring import actions, reminders
from stramien.web.monitoring.actions import Entry
from stramien.web.monitoring.models import SentReminder
from stramien.web.programmes.models import Membership, Programme

from ..conftest import make_user

pytestmark = pytest.mark.django_db

WEEK_BEFORE = dt.date(2026, 4, 23)
DAY_AFTER = dt.date(2026, 5, 1)
SITE = "https://stramien.example.nl"
BIJSTAND = "Bewoners met een bijstandsuitkering"
ONVEILIG = "Bewoners die zich vaak onveilig voelen in de buurt"
DIPLOMA = "Deelnemers van de leerwerkroute met een mbo-diploma"


def _adopt(programme: Programme, people: dict[str, Any]) -> dict[str, Any]:
    """Every partner approves version 1; the representatives per partner id."""
    found = {
        m.party_id: m.user for m in Membership.objects.filter(programme=programme, role="partner")
    }
    for partner in programme.head_document["partnership"]["partners"]:
        if partner["id"] not in found:
            found[partner["id"]] = make_user(f"rep-{partner['id']}")
            Membership.objects.create(
                programme=programme,
                user=found[partner["id"]],
                role="partner",
                party_id=partner["id"],
            )
    current = approvals.propose(acting_user=people["regisseur"], programme=programme, number=1)
    for user in found.values():
        approvals.decide(
            acting_user=user,
            programme=programme,
            round_id=current.pk,
            revision_hash=current.revision_hash,
            approve=True,
        )
    current.refresh_from_db()
    assert current.status == "adopted"
    mail.outbox.clear()
    return found


@pytest.fixture
def adopted(programme: Programme, people: dict[str, Any]) -> Programme:
    _adopt(programme, people)
    Membership.objects.create(programme=programme, user=make_user("monitor"), role="monitor")
    return programme


def _send(today: dt.date, **options: Any) -> reminders.Outcome:
    return reminders.send_reminders(today=today, base_url=SITE, **options)


def _mails_to(username: str) -> list[Any]:
    return [m for m in mail.outbox if m.to == [f"{username}@example.org"]]


def test_a_week_before_the_deadline_owners_and_monitors_get_one_mail_each(
    adopted: Programme,
) -> None:
    outcome = _send(WEEK_BEFORE)
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted(
        f"{name}@example.org"
        for name in (
            "partner",
            "other_partner",
            "rep-zc-delinde",
            "rep-bv-zonnehof",
            "rep-roc-ovc",
            "monitor",
        )
    )
    assert len(outcome.sent) == 6
    (gemeente,) = _mails_to("partner")
    assert gemeente.subject == f"Binnenkort nodig: waarden voor {adopted.name}"
    assert BIJSTAND in gemeente.body and ONVEILIG in gemeente.body
    assert DIPLOMA not in gemeente.body  # another organisation's indicator
    assert "1e kwartaal 2026" in gemeente.body
    assert "Nodig uiterlijk 30 april 2026, over 7 dagen." in gemeente.body
    link = f"{SITE}/programmas/{adopted.slug}/monitoring/indicator/i-bijstand/"
    assert link in gemeente.body
    assert f"{SITE}/account/meldingen/" in gemeente.body
    (monitor,) = _mails_to("monitor")
    assert DIPLOMA in monitor.body and BIJSTAND in monitor.body
    assert not _mails_to("regisseur") and not _mails_to("lezer")
    logged = AuditEntry.objects.filter(programme=adopted, action="reminder.send")
    assert logged.count() == 6


def test_the_day_after_the_deadline_only_what_is_still_missing(
    adopted: Programme, people: dict[str, Any]
) -> None:
    entered = actions.record_measurement(
        acting_user=people["partner"],
        programme=adopted,
        entry=Entry("i-bijstand", "2026-Q1", value=Decimal(400)),
        submit=True,
    )
    assert entered.status == "submitted"
    _send(DAY_AFTER)
    (gemeente,) = _mails_to("partner")
    assert gemeente.subject == f"Waarden te laat voor {adopted.name}"
    assert ONVEILIG in gemeente.body
    assert BIJSTAND not in gemeente.body  # handed in: waiting for review is not late
    assert "Nodig uiterlijk 30 april 2026, nu 1 dag te laat." in gemeente.body


def test_a_second_run_sends_nothing(adopted: Programme) -> None:
    _send(WEEK_BEFORE)
    first = len(mail.outbox)
    assert _send(WEEK_BEFORE).sent == []
    assert _send(WEEK_BEFORE + dt.timedelta(days=1)).sent == []  # the same reminder, next day
    assert len(mail.outbox) == first
    assert SentReminder.objects.filter(programme=adopted).count() == 2 + 3 + 1 + 1 + 1 + 8
    _send(DAY_AFTER)  # a reminder of another kind: sent
    assert len(mail.outbox) == 2 * first


def test_a_run_that_another_run_beat_to_it_sends_nothing_twice(
    adopted: Programme, people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_planned = reminders.planned

    def planned_then_raced(programme: Programme, today: dt.date, base_url: str) -> list[Any]:
        mails = real_planned(programme, today, base_url)
        # Another run, started at the same time, claims the municipality's bijstand reminder
        # after this run has read what was sent.
        SentReminder.objects.create(
            programme=programme,
            indicator_id="i-bijstand",
            period="2026-Q1",
            recipient=people["partner"],
            kind="due_soon",
            sent_at=dt.datetime(2026, 4, 23, 8, tzinfo=dt.UTC),
        )
        return mails

    monkeypatch.setattr(reminders, "planned", planned_then_raced)
    _send(WEEK_BEFORE)
    (gemeente,) = _mails_to("partner")
    assert ONVEILIG in gemeente.body
    assert BIJSTAND not in gemeente.body


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once")
def test_two_runs_at_the_same_time_send_each_reminder_once(
    programme: Programme, people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    _adopt(programme, people)
    Membership.objects.create(programme=programme, user=make_user("monitor"), role="monitor")
    real_send = reminders.send_to
    first_mail, second_started = threading.Event(), threading.Event()

    def send_after_the_other_run_started(*args: Any) -> int:
        if not first_mail.is_set():
            first_mail.set()
            second_started.wait(10)
            time.sleep(0.3)  # the other run now reads and waits for this run's rows
        return real_send(*args)

    monkeypatch.setattr(reminders, "send_to", send_after_the_other_run_started)

    def run(started: threading.Event | None = None) -> None:
        try:
            if started is not None:
                started.set()
            _send(WEEK_BEFORE)
        finally:
            connection.close()

    first = threading.Thread(target=run)
    first.start()
    assert first_mail.wait(10)
    second = threading.Thread(target=run, args=(second_started,))
    second.start()
    first.join(30)
    second.join(30)
    recipients = [address for m in mail.outbox for address in m.to]
    assert len(recipients) == len(set(recipients)) == 6
    assert SentReminder.objects.count() == 2 + 3 + 1 + 1 + 1 + 8


def test_a_mail_that_fails_is_tried_again_next_run(
    adopted: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> int:
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("stramien.web.accounts.notifications.send_mail", broken)
    outcome = _send(WEEK_BEFORE)
    assert len(outcome.failed) == 6 and outcome.sent == []
    assert not SentReminder.objects.exists()
    monkeypatch.undo()
    assert len(_send(WEEK_BEFORE).sent) == 6


def test_who_switched_reminders_off_gets_none(adopted: Programme, people: dict[str, Any]) -> None:
    account_actions.set_reminders_enabled(acting_user=people["partner"], enabled=False)
    account_actions.set_email_enabled(acting_user=people["other_partner"], enabled=False)
    get_user_model().objects.filter(username="rep-roc-ovc").update(is_active=False)
    _send(WEEK_BEFORE)
    assert not _mails_to("partner") and not _mails_to("other_partner")
    assert not _mails_to("rep-roc-ovc")
    assert len(_mails_to("monitor")) == 1


def test_a_programme_not_adopted_gets_no_reminders(
    programme: Programme, people: dict[str, Any]
) -> None:
    approvals.propose(acting_user=people["regisseur"], programme=programme, number=1)
    mail.outbox.clear()
    assert _send(WEEK_BEFORE).sent == []
    assert _send(DAY_AFTER).sent == []
    assert mail.outbox == []


def test_a_dry_run_lists_and_sends_nothing(adopted: Programme) -> None:
    outcome = _send(WEEK_BEFORE, dry_run=True)
    assert len(outcome.sent) == 6
    assert mail.outbox == []
    assert not SentReminder.objects.exists()
    subject, body = outcome.sent[0].text()
    assert "Binnenkort nodig" in subject and "30 april 2026" in body


def test_the_preferences_page_switches_reminders(people: dict[str, Any], client: Any) -> None:
    on = 'name="reminders_enabled" value="1" aria-describedby="id_reminders_enabled_help" checked'
    client.force_login(people["partner"])
    assert on in client.get("/account/meldingen/").content.decode()
    client.post("/account/meldingen/", {"email_enabled": "1"})  # the box left unticked
    page = client.get("/account/meldingen/").content.decode()
    assert 'id="id_email_enabled" name="email_enabled" value="1" checked' in page
    assert 'name="reminders_enabled"' in page and on not in page
    assert not wants_reminders(people["partner"])


@pytest.fixture
def command_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> str:
    # The command sets these for its own process; the test gives them back afterwards.
    for name in ("STRAMIEN_DATA_DIR", "STRAMIEN_RENDER_CACHE_DIR", "SECRET_KEY"):
        monkeypatch.setenv(name, "test-value" if name == "SECRET_KEY" else str(tmp_path))
    return str(tmp_path)


def test_the_command(adopted: Programme, command_env: str, capsys: Any) -> None:
    base = ["remind", "--data", command_env, "--url", SITE]
    assert main([*base, "--today", "2026-04-23", "--dry-run"]) == 0
    assert "zou sturen aan partner@example.org: i-bijstand 2026-Q1 (due_soon)" in (
        capsys.readouterr().out
    )
    assert mail.outbox == []
    assert main([*base, "--today", "2026-04-23"]) == 0
    assert "6 e-mail(s) verstuurd, 0 mislukt." in capsys.readouterr().out
    assert len(mail.outbox) == 6
    assert main([*base, "--today", "2026-04-23"]) == 0
    assert "0 e-mail(s) verstuurd" in capsys.readouterr().out
    assert len(mail.outbox) == 6


def test_the_command_refuses_a_bad_date_or_no_address(
    command_env: str, capsys: Any, settings: Any
) -> None:
    assert main(["remind", "--data", command_env, "--today", "23-04-2026", "--url", SITE]) == 2
    assert "'23-04-2026' is geen datum" in capsys.readouterr().err
    settings.STRAMIEN_PUBLIC_URL = ""
    assert main(["remind", "--data", command_env]) == 2
    assert "Geef het webadres van Stramien" in capsys.readouterr().err
