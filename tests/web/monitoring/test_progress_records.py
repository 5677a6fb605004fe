"""Milestone statuses, spending and in-kind deliveries: who records them, corrections that
keep the history, records that outlive their item, Dutch refusals, and the dashboard.

In the small example the ``partner`` fixture represents the municipality (gem-apeldoorn),
``other_partner`` the housing corporation (ws-veluwsepoort).
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stramien.web.audit.models import AuditEntry
from stramien.web.demo import create_demo
from stramien.web.errors import ActionError
from stramien.web.monitoring import progress_actions, progress_selectors, selectors
from stramien.web.monitoring.models import InKindDelivery, MilestoneStatus, Spending
from stramien.web.monitoring.progress_actions import (
    DeliveryInput,
    InvalidRecord,
    MilestoneUpdate,
    SpendingInput,
)
from stramien.web.programmes import actions as programme_actions
from stramien.web.programmes.models import Membership, Programme
from stramien.web.programmes.selectors import head_agreement

from ..conftest import client_for, make_user

pytestmark = pytest.mark.django_db

GEM, WS = "gem-apeldoorn", "ws-veluwsepoort"
REGIE_2026 = "k-2026-regie"  # 95.000, no project
NULMETING = "k-2026-nulmeting"  # 25.000, nothing refers to it
WONINGOPNAME = "k-2026-woningopname"  # 110.000, project prj-woningen
RUIMTE_2026 = "bd-2026-ws-ruimte"  # office space of the corporation, 10.000
DAY = dt.date(2026, 6, 1)


@pytest.fixture
def monitor(programme: Programme) -> Any:
    user = make_user("monitor")
    Membership.objects.create(programme=programme, user=user, role="monitor")
    return user


def _spend(user: Any, programme: Programme, euros: str, **kw: Any) -> Spending:
    fields: dict[str, Any] = {
        "cost_item_id": REGIE_2026,
        "partner_id": GEM,
        "spent_on": DAY,
        "amount": Decimal(euros),
        **kw,
    }
    replaces = fields.pop("replaces", None)
    return progress_actions.record_spending(
        acting_user=user, programme=programme, entry=SpendingInput(**fields), replaces=replaces
    )


def _deliver(user: Any, programme: Programme, value: str, **kw: Any) -> InKindDelivery:
    replaces = kw.pop("replaces", None)
    return progress_actions.record_in_kind_delivery(
        acting_user=user,
        programme=programme,
        entry=DeliveryInput(RUIMTE_2026, DAY, Decimal(value), **kw),
        replaces=replaces,
    )


def _milestone(user: Any, programme: Programme, status: str, **kw: Any) -> MilestoneStatus:
    return progress_actions.record_milestone_status(
        acting_user=user,
        programme=programme,
        update=MilestoneUpdate(kw.pop("milestone_id", "ms-nulmeting"), status, **kw),
    )


def _remove(people: dict[str, Any], programme: Programme, part: str, key: str, item: str):
    document = copy.deepcopy(programme.head_document)
    document[part][key] = [x for x in document[part][key] if x["id"] != item]
    saved = programme_actions.save_document(
        acting_user=people["regisseur"],
        programme=programme,
        document=document,
        base_number=programme.head_number,
    )
    assert saved.revision is not None
    programme.refresh_from_db()


# --- Who records what --------------------------------------------------------------------


def test_a_partner_records_its_own_spending_not_another_partners(
    people: dict[str, Any], programme: Programme
) -> None:
    made = _spend(people["partner"], programme, "1250.50")
    assert (made.partner_id, made.amount, made.entered_by) == (
        GEM,
        Decimal("1250.50"),
        people["partner"],
    )
    for refused in ("other_partner", "lezer", "outsider"):
        with pytest.raises(PermissionDenied):
            _spend(people[refused], programme, "10")
    assert Spending.objects.count() == 1
    logged = AuditEntry.objects.filter(action="spending.record").get()
    assert logged.details["partner"] == GEM and logged.details["amount"] == "1250.50"


def test_the_regisseur_and_a_monitor_record_for_every_partner(
    people: dict[str, Any], programme: Programme, monitor: Any
) -> None:
    _spend(people["regisseur"], programme, "100", partner_id=WS)
    _spend(monitor, programme, "200", partner_id=WS)
    _deliver(monitor, programme, "500")
    _milestone(people["regisseur"], programme, "in_progress")
    _milestone(monitor, programme, "done", actual_date=dt.date(2026, 5, 30))
    assert Spending.objects.filter(partner_id=WS).count() == 2
    assert InKindDelivery.objects.get().partner_id == WS  # the contribution's partner


def test_milestones_are_for_the_regisseur_and_monitors_only(
    people: dict[str, Any], programme: Programme
) -> None:
    for refused in ("partner", "lezer", "outsider"):
        with pytest.raises(PermissionDenied):
            _milestone(people[refused], programme, "in_progress")
    assert not MilestoneStatus.objects.exists()


def test_an_in_kind_delivery_is_recorded_by_the_contributing_partner_only(
    people: dict[str, Any], programme: Programme
) -> None:
    _deliver(people["other_partner"], programme, "2500", quantity="3 maanden de wijkwinkel")
    with pytest.raises(PermissionDenied):
        _deliver(people["partner"], programme, "10")
    assert InKindDelivery.objects.count() == 1
    assert AuditEntry.objects.filter(action="in_kind.record").count() == 1


# --- History, corrections, client keys ----------------------------------------------------


def test_a_correction_replaces_a_spending_and_keeps_the_old_one(
    people: dict[str, Any], programme: Programme
) -> None:
    first = _spend(people["partner"], programme, "1000")
    fixed = _spend(people["partner"], programme, "100", replaces=first)
    assert fixed.supersedes == first
    first.refresh_from_db()
    assert not first.is_current and fixed.is_current
    tables = progress_selectors.money_tables(programme)
    gem = next(r for r in tables["by_partner"] if r.label == "Gemeente Apeldoorn")
    assert gem.realised == "€ 100"
    with pytest.raises(ActionError, match="al gecorrigeerd"):
        _spend(people["partner"], programme, "5", replaces=first)
    assert AuditEntry.objects.filter(action="spending.correct").count() == 1
    # The corporation cannot correct the municipality's spending.
    with pytest.raises(PermissionDenied):
        _spend(people["other_partner"], programme, "5", partner_id=WS, replaces=fixed)


def test_every_milestone_change_is_a_new_record_and_the_latest_counts(
    people: dict[str, Any], programme: Programme
) -> None:
    first = _milestone(people["regisseur"], programme, "in_progress")
    second = _milestone(
        people["regisseur"], programme, "delayed", explanation="Enquête loopt later terug"
    )
    assert second.supersedes == first
    rows = progress_selectors.milestone_rows(programme)["milestones"]
    row = next(r for r in rows if r.report.milestone.id == "ms-nulmeting")
    assert row.status_label == "Loopt vertraging op"
    assert [s.status for s in row.history] == ["delayed", "in_progress"]
    # Read before the second record: only the first is known then.
    before = second.entered_at - dt.timedelta(microseconds=1)
    MilestoneStatus.objects.filter(pk=first.pk).update(entered_at=before - dt.timedelta(seconds=1))
    earlier = progress_selectors.milestone_rows(programme, before)["milestones"]
    assert next(r for r in earlier if r.report.milestone.id == "ms-nulmeting").status_label == (
        "Onderweg"
    )


def test_the_same_client_key_twice_stores_once(
    people: dict[str, Any], programme: Programme
) -> None:
    one = _spend(people["partner"], programme, "300", client_key="rij-7")
    again = _spend(people["partner"], programme, "300.00", client_key="rij-7")
    assert one.pk == again.pk and Spending.objects.count() == 1
    with pytest.raises(ActionError, match="rij-7"):
        _spend(people["partner"], programme, "301", client_key="rij-7")


# --- Bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"amount": Decimal("-5")}, "amount", "terugboeking is een correctie"),
        ({"amount": Decimal("0")}, "amount", "groter dan nul"),
        ({"amount": Decimal("1.005")}, "amount", "twee cijfers achter de komma"),
        ({"spent_on": dt.date(2099, 1, 1)}, "spent_on", "in de toekomst"),
        ({"cost_item_id": "k-bestaat-niet"}, "cost_item_id", "k-bestaat-niet"),
        ({"explanation": "x" * 2001}, "explanation", "2000 tekens"),
    ],
)
def test_bad_spending_is_refused_in_dutch_naming_the_field(
    people: dict[str, Any],
    programme: Programme,
    fields: dict[str, Any],
    field: str,
    message: str,
) -> None:
    with pytest.raises(InvalidRecord) as refused:
        _spend(people["partner"], programme, "10", **fields)
    assert any(f == field and message in m for f, m in refused.value.problems)
    assert (
        not Spending.objects.exists()
        and not AuditEntry.objects.filter(action__startswith="spending").exists()
    )


def test_a_milestone_reached_needs_its_date_and_a_delay_its_reason(
    people: dict[str, Any], programme: Programme
) -> None:
    with pytest.raises(InvalidRecord) as done:
        _milestone(people["regisseur"], programme, "done")
    assert done.value.problems == [
        ("actual_date", "Vul de datum in waarop de mijlpaal is bereikt.")
    ]
    with pytest.raises(InvalidRecord) as delayed:
        _milestone(people["regisseur"], programme, "delayed")
    assert delayed.value.problems[0][0] == "explanation"
    with pytest.raises(InvalidRecord, match="na de geplande \\(31-05-2026\\)"):
        _milestone(
            people["regisseur"],
            programme,
            "delayed",
            actual_date=dt.date(2026, 5, 1),
            explanation="Later",
        )
    with pytest.raises(InvalidRecord, match="ms-weg"):
        _milestone(people["regisseur"], programme, "done", milestone_id="ms-weg")
    assert not MilestoneStatus.objects.exists()


# --- Orphans ------------------------------------------------------------------------------


def test_records_whose_item_a_revision_removed_are_kept_and_shown_as_orphans(
    people: dict[str, Any], programme: Programme
) -> None:
    _milestone(people["regisseur"], programme, "done", actual_date=dt.date(2026, 5, 30))
    _spend(people["partner"], programme, "900", cost_item_id=NULMETING)
    _deliver(people["other_partner"], programme, "700")
    _remove(people, programme, "planning", "milestones", "ms-nulmeting")
    _remove(people, programme, "finance", "cost_items", NULMETING)
    _remove(people, programme, "finance", "contributions", RUIMTE_2026)
    rows = progress_selectors.milestone_rows(programme)
    assert [s.milestone_id for s in rows["milestone_orphans"]] == ["ms-nulmeting"]
    assert [r.orphaned for r in progress_selectors.spending_history(programme)] == [True]
    assert [r.orphaned for r in progress_selectors.delivery_history(programme)] == [True]
    assert selectors.dashboard(programme)["money_orphans"] == 2
    assert (MilestoneStatus.objects.count(), Spending.objects.count()) == (1, 1)
    page = client_for(people["lezer"]).get(reverse("programmes:milestones", args=[programme.slug]))
    assert "niet meer in de planning staan" in page.content.decode()


# --- Pages and roles ----------------------------------------------------------------------


def _urls(programme: Programme) -> dict[str, str]:
    return {
        name: reverse(f"programmes:{name}", args=[programme.slug])
        for name in ("milestones", "finance", "record_spending", "record_delivery", "monitoring")
    }


SPENDING_FORM = {
    "besteding-cost_item": REGIE_2026,
    "besteding-partner": GEM,
    "besteding-spent_on": "2026-06-01",
    "besteding-amount": "1.250,50",
    "besteding-explanation": "Factuur 2026-014",
}


DELIVERY_FORM = {
    "natura-contribution": RUIMTE_2026,
    "natura-delivered_on": "2026-06-30",
    "natura-quantity": "3 maanden de wijkwinkel",
    "natura-value": "2.500",
}
MILESTONE_FORM = {"milestone": "ms-nulmeting", "status": "in_progress"}


@pytest.mark.parametrize(
    ("who", "reads", "forms", "answers"),
    [
        # forms shown: milestone, spending; answers to POST milestone, spending, delivery
        ("regisseur", 200, (True, True), (302, 302, 302)),
        ("monitor", 200, (True, True), (302, 302, 302)),
        # The municipality's spending; the office space is the corporation's, not a choice.
        ("partner", 200, (False, True), (403, 302, 400)),
        # The corporation may not choose the municipality; its office space it may record.
        ("other_partner", 200, (False, True), (403, 400, 302)),
        ("lezer", 200, (False, False), (403, 403, 403)),
        ("staff", 200, (False, False), (403, 403, 403)),  # sees every programme, no role
        ("outsider", 404, (False, False), (404, 404, 404)),
    ],
)
def test_the_pages_for_each_role(
    people: dict[str, Any],
    programme: Programme,
    monitor: Any,
    who: str,
    reads: int,
    forms: tuple[bool, bool],
    answers: tuple[int, int, int],
) -> None:
    client = client_for(monitor if who == "monitor" else people[who])
    urls = _urls(programme)
    milestones, finance = client.get(urls["milestones"]), client.get(urls["finance"])
    assert (milestones.status_code, finance.status_code) == (reads, reads)
    if reads == 200:
        shown = (
            "De stand van een mijlpaal vastleggen" in milestones.content.decode(),
            "Een besteding invoeren" in finance.content.decode(),
        )
        assert shown == forms
    got = (
        client.post(urls["milestones"], MILESTONE_FORM).status_code,
        client.post(urls["record_spending"], SPENDING_FORM).status_code,
        client.post(urls["record_delivery"], DELIVERY_FORM).status_code,
    )
    assert got == answers
    stored = (MilestoneStatus, Spending, InKindDelivery)
    assert [m.objects.count() for m in stored] == [int(a == 302) for a in answers]
    if answers[1] == 400:
        assert (
            "Kies een van de genoemde mogelijkheden."
            in client.post(urls["record_spending"], SPENDING_FORM).content.decode()
        )


def test_anonymous_visitors_are_sent_to_the_login(programme: Programme) -> None:
    client = Client()
    for url in _urls(programme).values():
        assert client.get(url).status_code == 302
        assert client.post(url, SPENDING_FORM).status_code == 302
    assert not Spending.objects.exists()


def test_a_partner_chooses_only_its_own_organisation_and_a_crafted_post_is_refused(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["partner"])
    page = client.get(_urls(programme)["finance"]).content.decode()
    assert (
        f'value="{GEM}"' in page
        and f'<option value="{WS}"' not in page.split("besteding-partner")[1].split("</select>")[0]
    )
    refused = client.post(
        _urls(programme)["record_spending"], {**SPENDING_FORM, "besteding-partner": WS}
    )
    assert refused.status_code == 400 and "Kies een van de genoemde mogelijkheden" in (
        refused.content.decode()
    )
    assert not Spending.objects.exists()


def test_bad_input_on_the_page_keeps_what_was_typed_and_says_what_is_wrong(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["partner"])
    bad = {**SPENDING_FORM, "besteding-amount": "veel", "besteding-spent_on": "31-02-2026"}
    page = client.post(_urls(programme)["record_spending"], bad)
    text = page.content.decode()
    assert page.status_code == 400
    assert "Vul een getal in" in text and "Vul een datum in" in text
    assert 'value="veel"' in text and "Factuur 2026-014" in text
    future = client.post(
        _urls(programme)["record_spending"], {**SPENDING_FORM, "besteding-spent_on": "2099-01-01"}
    )
    assert future.status_code == 400 and "ligt in de toekomst" in future.content.decode()
    assert not Spending.objects.exists()


def test_correcting_on_the_page_fills_the_form_and_replaces_the_record(
    people: dict[str, Any], programme: Programme
) -> None:
    client = client_for(people["partner"])
    first = _spend(people["partner"], programme, "1250.50")
    url = _urls(programme)["finance"]
    page = client.get(url, {"soort": "besteding", "corrigeer": first.pk}).content.decode()
    assert "Een besteding corrigeren" in page and 'value="1250,50"' in page
    saved = client.post(
        _urls(programme)["record_spending"],
        {**SPENDING_FORM, "besteding-amount": "1205,50", "besteding-replaces": first.pk},
    )
    assert saved.status_code == 302
    assert Spending.objects.get(supersedes=first).amount == Decimal("1205.50")
    history = client.get(url).content.decode()
    assert "<del>€ 1.250,50</del>" in history and "€ 1.205,50" in history


def test_a_milestone_status_on_the_page(people: dict[str, Any], programme: Programme) -> None:
    client = client_for(people["regisseur"])
    url = _urls(programme)["milestones"]
    refused = client.post(url, {"milestone": "ms-nulmeting", "status": "done"})
    assert refused.status_code == 400
    assert "Vul de datum in waarop de mijlpaal is bereikt." in refused.content.decode()
    saved = client.post(
        url, {"milestone": "ms-nulmeting", "status": "done", "actual_date": "2026-06-20"}
    )
    assert saved.status_code == 302
    page = client.get(url).content.decode()
    assert "te laat bereikt, 20 dagen" in page


# --- The dashboard ------------------------------------------------------------------------


def _money(found: dict[str, Any], table: str, label: str) -> Any:
    return next(row for row in found[table] if row.label == label)


def test_the_dashboard_shows_late_milestones_and_spending_against_the_budget(
    people: dict[str, Any], programme: Programme
) -> None:
    _spend(people["partner"], programme, "230000")  # the municipality gives 200.000 in 2026
    _spend(people["other_partner"], programme, "55000", partner_id=WS, cost_item_id=WONINGOPNAME)
    _deliver(people["other_partner"], programme, "4000")
    found = selectors.dashboard(programme)
    gem = _money(found, "by_partner", "Gemeente Apeldoorn")
    assert (gem.planned, gem.realised, gem.over) == ("€ 1.160.000", "€ 230.000", False)
    year = _money(found, "by_year", "2026")
    assert (year.planned, year.realised) == ("€ 405.000", "€ 285.000")
    agreement = head_agreement(programme)
    in_2026 = selectors.dashboard(
        programme, None, progress_selectors.filters(agreement, "", "", "2026")
    )
    gem_2026 = _money(in_2026, "by_partner", "Gemeente Apeldoorn")
    assert (gem_2026.planned, gem_2026.over, gem_2026.remaining) == ("€ 200.000", True, "€ -30.000")
    assert _money(found, "in_kind", "Woonstichting Veluwse Poort").realised == "€ 4.000"
    # ms-ontwerp (15 November 2026) has nothing recorded and its date has passed.
    late = [r.report.milestone.id for r in found["milestones"] if r.report.late]
    assert "ms-ontwerp" in late and found["late_milestones"] == len(late)
    page = client_for(people["lezer"]).get(_urls(programme)["monitoring"], {"periode": "2026"})
    assert "boven begroting" in page.content.decode() and "over de datum" in page.content.decode()


def test_dashboard_filters_by_partner_goal_and_period_also_with_an_as_of_date(
    people: dict[str, Any], programme: Programme
) -> None:
    _spend(people["partner"], programme, "1000")
    later = _spend(
        people["other_partner"], programme, "2000", partner_id=WS, cost_item_id=WONINGOPNAME
    )
    agreement = head_agreement(programme)
    by_partner = progress_selectors.filters(agreement, GEM, "", "")
    found = selectors.dashboard(programme, None, by_partner)
    assert [r.label for r in found["by_partner"]] == ["Gemeente Apeldoorn"]
    assert all(i.indicator.owner == GEM for row in found["rows"] for i in row.indicators)
    by_goal = progress_selectors.filters(agreement, "", "g-renovatie", "")
    goal_rows = selectors.dashboard(programme, None, by_goal)
    assert goal_rows["rows"][0].goal_id == "g-renovatie"
    assert [(r.label, r.realised) for r in goal_rows["by_goal"]] == [
        ("240 portiekwoningen gerenoveerd en verduurzaamd", "€ 2.000")
    ]
    assert goal_rows["by_year_total"].realised == "€ 2.000"  # the regie is no project's
    q3 = progress_selectors.filters(agreement, "", "", "2026-Q3")
    assert selectors.dashboard(programme, None, q3)["by_year_total"].realised == "€ 0"
    q2 = progress_selectors.filters(agreement, "", "", "2026-Q2")
    assert selectors.dashboard(programme, None, q2)["by_year_total"].realised == "€ 3.000"
    # As of a moment before the corporation's record, only the municipality's counts.
    Spending.objects.filter(pk=later.pk).update(entered_at=timezone.now() + dt.timedelta(days=1))
    now = selectors.dashboard(programme, timezone.now(), q2)
    assert now["by_year_total"].realised == "€ 1.000"
    page = client_for(people["lezer"]).get(
        _urls(programme)["monitoring"], {"partner": GEM, "periode": "2026-Q5", "per": "2026-12-01"}
    )
    text = page.content.decode()
    assert page.status_code == 200 and "2026-Q5" in text and "geen geldige periode" in text
    assert 'name="per" value="2026-12-01"' in text


# --- The demo -----------------------------------------------------------------------------


def test_the_demo_has_milestones_spending_and_deliveries_with_one_late_and_some_over(
    settings: Any,
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    made = create_demo(verbose=False)
    programme = made["programme"]
    found = progress_selectors.milestone_rows(programme)
    assert found["late_milestones"] == 1
    assert [r.status_label for r in found["milestones"] if r.report.late] == ["Loopt vertraging op"]
    assert Spending.objects.filter(programme=programme).count() > 20
    assert InKindDelivery.objects.filter(programme=programme).count() > 10
    assert Spending.objects.filter(programme=programme, supersedes__isnull=False).count() == 1
    agreement = head_agreement(programme)
    second = agreement.partnership.partners[1]
    this_year = str(timezone.localdate().year)
    tables = progress_selectors.money_tables(
        programme, None, progress_selectors.filters(agreement, "", "", this_year).scope
    )
    over = tables["over_budget"]
    assert second.name in over and len(over) < len(tables["by_partner"])
    # The partners with a demo account entered their own spending.
    own = Membership.objects.get(programme=programme, party_id=second.id).user
    assert set(
        Spending.objects.filter(programme=programme, partner_id=second.id).values_list(
            "entered_by", flat=True
        )
    ) == {own.pk}
