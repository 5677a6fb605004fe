"""Conflicts people understand: who changed the field and when, "use mine" / "use theirs" /
edit by hand, the rest of the edit saved at once, and a partner told when someone else
changes its organisation card (in the app and, unless switched off, by e-mail)."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.urls import reverse

from reliability._browser import Form, Page
from stramien.web.accounts.selectors import card_changes_enabled, wants_mail
from stramien.web.programmes.models import CardNotice, Membership, Programme

from ..conftest import client_for, make_user

pytestmark = pytest.mark.django_db

STATEMENT = "s-ambition-statement"
STORY = "s-ambition-story"
CONTRIBUTION = "s-partnership-partners-0-contribution"


def _page(response: Any) -> Page:
    headers = {key.lower(): value for key, value in response.items()}
    return Page(response.status_code, headers, response.content, "", 0.0)


def _post(client: Any, url: str, pairs: list[tuple[str, str]]) -> Any:
    return client.post(url, urlencode(pairs), content_type="application/x-www-form-urlencoded")


def _form(client: Any, url: str) -> Form:
    return _page(client.get(url)).form_with("base_revision")


def _hidden(page: Page, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page.text)
    assert found, f"no {name} on the conflict page"
    return html.unescape(found.group(1))


@pytest.fixture
def anna(programme: Programme) -> Any:
    """A second procesregisseur, the "someone else" of these conflicts."""
    user = make_user("anna", name="Anna Jansen")
    Membership.objects.create(programme=programme, user=user, role="regisseur")
    return user


def _conflict(
    programme: Programme, people: dict[str, Any], anna: Any, mine: dict[str, str]
) -> tuple[Any, Page]:
    """Both open §1; Anna saves a new core statement, then the regisseur saves ``mine``."""
    url = reverse("programmes:section", args=[programme.slug, "ambitie"])
    regisseur = client_for(people["regisseur"])
    form_mine = _form(regisseur, url)
    form_anna = _form(client_for(anna), url)
    form_anna.set(STATEMENT, "Kern volgens Anna.")
    assert _post(client_for(anna), url, form_anna.pairs()).status_code == 302
    for name, value in mine.items():
        form_mine.set(name, value)
    return regisseur, _page(_post(regisseur, url, form_mine.pairs()))


def _ambition(programme: Programme) -> dict[str, Any]:
    programme.refresh_from_db()
    ambition: dict[str, Any] = programme.head_document["ambition"]
    return ambition


def test_the_conflict_says_who_changed_the_field_and_when(
    programme: Programme, people: dict[str, Any], anna: Any
) -> None:
    _client, answer = _conflict(programme, people, anna, {STATEMENT: "Kern volgens mij."})
    assert answer.status == 409
    assert any(
        "Iemand anders heeft intussen dezelfde velden gewijzigd." in text
        for _level, text in answer.messages
    )
    block = answer.text[answer.text.index('<div class="st-conflict">') :]
    assert "Intussen gewijzigd door Anna Jansen," in block
    assert "(versie 2)" in block
    assert "Kern volgens mij." in block and "Kern volgens Anna." in block
    # The three choices, "edit by hand" (the text in the form) chosen until the user picks.
    assert "Mijn versie gebruiken" in block
    assert "Versie van de ander gebruiken" in block
    assert re.search(r'value="hand" checked', block)


@pytest.mark.parametrize(
    ("choice", "typed", "expected"),
    [
        ("theirs", "Kern volgens mij.", "Kern volgens Anna."),
        ("mine", "Iets heel anders.", "Kern volgens mij."),
        ("hand", "Kern van ons samen.", "Kern van ons samen."),
    ],
)
def test_each_choice_is_saved(
    programme: Programme,
    people: dict[str, Any],
    anna: Any,
    choice: str,
    typed: str,
    expected: str,
) -> None:
    """Without JavaScript: the radio and the two texts travel with the form and the server
    puts the chosen text in the field; "edit by hand" saves what the field holds."""
    client, answer = _conflict(programme, people, anna, {STATEMENT: "Kern volgens mij."})
    form = answer.form_with("base_revision")
    assert form.get(STATEMENT) == "Kern volgens mij."  # the form holds one's own text
    form.set(STATEMENT, typed)
    pairs = [
        *form.pairs(),
        (f"conflict-choice-{STATEMENT}", choice),
        (f"conflict-mine-{STATEMENT}", _hidden(answer, f"conflict-mine-{STATEMENT}")),
        (f"conflict-theirs-{STATEMENT}", _hidden(answer, f"conflict-theirs-{STATEMENT}")),
    ]
    url = reverse("programmes:section", args=[programme.slug, "ambitie"])
    assert _post(client, url, pairs).status_code == 302
    assert _ambition(programme)["statement"] == expected


def test_the_rest_of_the_edit_is_saved_at_once(
    programme: Programme, people: dict[str, Any], anna: Any
) -> None:
    """The story did not conflict: it is saved as a version straight away; the statement
    stays Anna's until the user chooses, and the page names it."""
    _client, answer = _conflict(
        programme, people, anna, {STATEMENT: "Kern volgens mij.", STORY: "Mijn verhaal."}
    )
    assert answer.status == 409
    programme.refresh_from_db()
    assert programme.head_number == 3
    ambition = _ambition(programme)
    assert ambition["story"] == "Mijn verhaal."
    assert ambition["statement"] == "Kern volgens Anna."
    saved = [text for level, text in answer.messages if level == "success"]
    assert saved and "Uw overige wijzigingen zijn opgeslagen als versie 3." in saved[0]
    assert "Op uw keuze wachten nog:" in saved[0]
    assert "Ambitie" in saved[0] or "ambitie" in saved[0]
    # The form goes on from the new version and still holds one's own statement.
    form = answer.form_with("base_revision")
    assert form.get("base_revision") == "3"
    assert form.get(STATEMENT) == "Kern volgens mij."


def test_only_the_conflicting_field_edited_saves_nothing_else(
    programme: Programme, people: dict[str, Any], anna: Any
) -> None:
    _client, answer = _conflict(programme, people, anna, {STATEMENT: "Kern volgens mij."})
    programme.refresh_from_db()
    assert programme.head_number == 2
    assert not [text for level, text in answer.messages if level == "success"]


# --- a partner told about changes to its card --------------------------------------------


def _change_card(client: Any, programme: Programme, text: str, *, own: bool = False) -> None:
    url = (
        reverse("programmes:own", args=[programme.slug])
        if own
        else reverse("programmes:section", args=[programme.slug, "partnerschap"])
    )
    form = _form(client, url)
    assert form.get(CONTRIBUTION) is not None
    form.set(CONTRIBUTION, text)
    assert _post(client, url, form.pairs()).status_code == 302


def test_partner_is_told_once_when_someone_else_changes_its_card(
    programme: Programme,
    people: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _change_card(client_for(people["regisseur"]), programme, "Inbreng volgens de regie.")
    # One mail, to the partner whose card it is; the other partner hears nothing.
    assert [m.to for m in mail.outbox] == [[people["partner"].email]]
    assert "Uw organisatiekaart is gewijzigd" in mail.outbox[0].subject
    assert "Regisseur" in mail.outbox[0].body and "versie 2" in mail.outbox[0].body
    # In the app: a notice on the next page, once.
    partner = client_for(people["partner"])
    first = _page(partner.get(reverse("programmes:list")))
    notices = [text for _level, text in first.messages if "gegevens van uw organisatie" in text]
    assert len(notices) == 1 and "Regisseur" in notices[0] and "versie 2" in notices[0]
    again = _page(partner.get(reverse("programmes:list")))
    assert not [text for _level, text in again.messages if "gegevens van uw organisatie" in text]
    other = _page(client_for(people["other_partner"]).get(reverse("programmes:list")))
    assert not [text for _level, text in other.messages if "gegevens van uw organisatie" in text]


def test_a_change_to_another_part_tells_no_partner(
    programme: Programme, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    url = reverse("programmes:section", args=[programme.slug, "ambitie"])
    regisseur = client_for(people["regisseur"])
    form = _form(regisseur, url)
    form.set(STATEMENT, "Een nieuwe kern.")
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(regisseur, url, form.pairs()).status_code == 302
    assert mail.outbox == []
    assert not CardNotice.objects.exists()


def test_partner_is_not_told_about_its_own_change(
    programme: Programme, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _change_card(client_for(people["partner"]), programme, "Onze eigen inbreng.", own=True)
    programme.refresh_from_db()
    assert programme.head_number == 2
    assert mail.outbox == []
    page = _page(client_for(people["partner"]).get(reverse("programmes:list")))
    assert not [text for _level, text in page.messages if "gegevens van uw organisatie" in text]


def test_partner_who_switched_the_mail_off_gets_none_but_sees_the_notice(
    programme: Programme, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    partner = client_for(people["partner"])
    preferences = reverse("accounts:preferences")
    assert 'name="card_changes_enabled" value="1"' in partner.get(preferences).content.decode()
    # Mail in general stays on; only this kind is switched off.
    partner.post(preferences, {"email_enabled": "1", "reminders_enabled": "1"})
    assert not card_changes_enabled(people["partner"])
    assert wants_mail(people["partner"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _change_card(client_for(people["regisseur"]), programme, "Inbreng volgens de regie.")
    assert mail.outbox == []
    seen = _page(partner.get(reverse("programmes:list")))
    assert [text for _level, text in seen.messages if "gegevens van uw organisatie" in text]


def test_use_theirs_on_the_own_organisation_page(
    programme: Programme, people: dict[str, Any]
) -> None:
    """Two people of one partner organisation change its contribution text at once."""
    party = Membership.objects.get(programme=programme, user=people["partner"]).party_id
    colleague = make_user("collega", name="Carla Smit")
    Membership.objects.create(programme=programme, user=colleague, role="partner", party_id=party)
    url = reverse("programmes:own", args=[programme.slug])
    partner, carla = client_for(people["partner"]), client_for(colleague)
    form_partner, form_carla = _form(partner, url), _form(carla, url)
    form_carla.set(CONTRIBUTION, "Inbreng volgens Carla.")
    assert _post(carla, url, form_carla.pairs()).status_code == 302
    form_partner.set(CONTRIBUTION, "Inbreng volgens de partner.")
    answer = _page(_post(partner, url, form_partner.pairs()))
    assert answer.status == 409
    assert "Intussen gewijzigd door Carla Smit," in answer.text
    pairs = [
        *answer.form_with("base_revision").pairs(),
        (f"conflict-choice-{CONTRIBUTION}", "theirs"),
        (f"conflict-mine-{CONTRIBUTION}", _hidden(answer, f"conflict-mine-{CONTRIBUTION}")),
        (f"conflict-theirs-{CONTRIBUTION}", _hidden(answer, f"conflict-theirs-{CONTRIBUTION}")),
    ]
    assert _post(partner, url, pairs).status_code == 302
    programme.refresh_from_db()
    card = next(p for p in programme.head_document["partnership"]["partners"] if p["id"] == party)
    assert card["contribution"] == "Inbreng volgens Carla."
