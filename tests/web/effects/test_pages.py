"""The effect measurement pages with real input: results, price lists from a sheet and
back, the case editor without JavaScript, bad input, re-pricing, conflicts, the dashboard."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from stramien.model import Agreement, PriceList
from stramien.monitor import effects_sheets
from stramien.web.audit.models import AuditEntry
from stramien.web.programmes.models import Programme

from ..conftest import client_for
from .conftest import price_list_2026

pytestmark = pytest.mark.django_db


def _fresh(programme: Programme) -> Programme:
    return Programme.objects.get(pk=programme.pk)


def _measurement(programme: Programme) -> Any:
    return Agreement.model_validate(_fresh(programme).head_document).effect_measurement


def _case_post(programme: Programme, **changes: str) -> dict[str, str]:
    """The case form of 'Schulden voorkomen' as the browser sends it, with ``changes``."""
    data = {
        "base_revision": str(programme.head_number),
        "c-title": "Schulden voorkomen",
        "c-description": "",
        "c-count": "10",
        "c-start": "2026-01-01",
        "c-price_list": "prijzen-2026",
        "c-goals": "g-schulden",
        "c-intervention-0-month": "0",
        "c-intervention-0-kind": "activiteit",
        "c-intervention-0-description": "Schuldhulp",
        "c-intervention-0-quantity": "1",
        "c-intervention-0-price_item": "schuldhulp",
        "c-intervention-1-month": "",
        "c-intervention-1-description": "",
        "c-reference-0-month": "6",
        "c-reference-0-kind": "gebeurtenis",
        "c-reference-0-description": "Uitzetting",
        "c-reference-0-quantity": "1",
        "c-reference-0-price_item": "huisuitzetting",
    }
    data.update(changes)
    return data


def test_the_results_page_shows_scenarios_ratio_and_the_matrix(
    people: dict[str, Any], effects_programme: Programme
) -> None:
    page = (
        client_for(people["lezer"])
        .get(reverse("programmes:effects", args=[effects_programme.slug]))
        .content.decode()
    )
    # Ten cases: with the approach 10 x 1.500, without it 10 x 8.000.
    assert "€ 15.000" in page
    assert "€ 80.000" in page
    assert "€ 65.000" in page  # the difference
    assert ": 1" in page  # the ratio, "X : 1"
    assert "Wie betaalt, wie profiteert" in page
    assert "Gemeente Apeldoorn" in page  # the price item's stakeholder, by name
    assert "Woningcorporatie" in page  # the free-text payer
    assert "Gevoeligheid" in page
    assert "Schulden voorkomen" in page


def test_a_price_list_read_from_csv_and_from_xlsx_and_downloaded_the_same(
    monitor: Any, effects_programme: Programme
) -> None:
    client = client_for(monitor)
    slug = effects_programme.slug
    for name, data in (
        ("prijzen.csv", effects_sheets.write_price_list_csv(price_list_2026())),
        ("prijzen.xlsx", effects_sheets.write_price_list_xlsx(price_list_2026())),
    ):
        programme = _fresh(effects_programme)
        upload = io.BytesIO(data)
        upload.name = name
        response = client.post(
            reverse("programmes:effects_price_lists", args=[slug]),
            {
                "base_revision": programme.head_number,
                "upload": "1",
                "title": f"Ingelezen {name}",
                "year": "2027",
                "source": "Eigen telling",
                "bestand": upload,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        read = _measurement(programme).price_lists[-1]
        assert read.title == f"Ingelezen {name}"
        assert read.year == 2027
        assert [(i.id, i.price) for i in read.items] == [
            ("schuldhulp", Decimal("1500")),
            ("huisuitzetting", Decimal("8000")),
        ]
        for extension in ("csv", "xlsx"):
            download = client.get(
                reverse("programmes:effects_price_list_download", args=[slug, read.id, extension])
            )
            assert download.status_code == 200
            again = effects_sheets.read_price_list(
                download.content, f"terug.{extension}", year=read.year
            )
            assert isinstance(again, PriceList), again
            assert [i.model_dump() for i in again.items] == [i.model_dump() for i in read.items]


def test_a_sheet_with_wrong_columns_saves_nothing_and_keeps_the_form(
    monitor: Any, effects_programme: Programme
) -> None:
    upload = io.BytesIO(b"naam;bedrag\nSchuldhulp;1500\n")
    upload.name = "verkeerd.csv"
    response = client_for(monitor).post(
        reverse("programmes:effects_price_lists", args=[effects_programme.slug]),
        {
            "base_revision": effects_programme.head_number,
            "upload": "1",
            "title": "Mijn nieuwe lijst",
            "year": "2027",
            "bestand": upload,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er is niets ingelezen uit verkeerd.csv" in page
    assert "Kolom" in page
    assert 'value="Mijn nieuwe lijst"' in page  # the form kept
    assert _fresh(effects_programme).head_number == effects_programme.head_number


def test_a_case_with_both_scenarios_is_entered_without_javascript(
    monitor: Any, effects_programme: Programme
) -> None:
    client = client_for(monitor)
    slug = effects_programme.slug
    # "Add a row" (a plain submit button): one more blank row, nothing saved.
    data = _case_post(
        effects_programme, **{"c-title": "Jongeren met schulden", "add": "c-reference"}
    )
    for key in [
        k for k in data if k.startswith("c-reference-0") or k.startswith("c-intervention-0")
    ]:
        data[key] = ""
    form = client.post(reverse("programmes:effects_case_new", args=[slug]), data)
    assert form.status_code == 200
    assert b'name="c-reference-2-description"' in form.content
    assert b'value="Jongeren met schulden"' in form.content
    assert _fresh(effects_programme).head_number == effects_programme.head_number
    # The whole case in one submit.
    data = _case_post(
        effects_programme,
        **{
            "c-title": "Jongeren met schulden",
            "c-count": "4",
            "c-intervention-1-month": "3",
            "c-intervention-1-kind": "activiteit",
            "c-intervention-1-description": "Budgetcoaching",
            "c-intervention-1-quantity": "2,5",
            "c-intervention-1-price_item": "schuldhulp",
            "c-intervention-1-stakeholder": "gem-apeldoorn",
        },
    )
    response = client.post(reverse("programmes:effects_case_new", args=[slug]), data)
    assert response.status_code == 302
    case = _measurement(effects_programme).cases[-1]
    assert case.title == "Jongeren met schulden"
    assert case.goals == ["g-schulden"]
    assert [e.description for e in case.intervention] == ["Schuldhulp", "Budgetcoaching"]
    assert case.intervention[1].quantity == Decimal("2.5")
    assert case.intervention[1].month == 3
    assert [e.description for e in case.reference] == ["Uitzetting"]
    page = client.get(response["Location"]).content.decode()
    assert "Tijdlijn" in page and "Budgetcoaching" in page and "Uitzetting" in page
    entry = AuditEntry.objects.filter(programme=effects_programme).first()
    assert entry is not None and entry.details.get("section") == "effectmeting"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"c-intervention-0-quantity": "-3"}, "c-intervention-0-quantity", "0"),
        ({"c-reference-0-month": "999"}, "c-reference-0-month", "horizon"),
        ({"c-count": "nul"}, "c-count", ""),
    ],
)
def test_bad_case_input_is_marked_at_its_field_and_nothing_is_saved(
    changes: dict[str, str],
    field: str,
    words: str,
    monitor: Any,
    effects_programme: Programme,
) -> None:
    response = client_for(monitor).post(
        reverse("programmes:effects_case", args=[effects_programme.slug, "casus-schulden"]),
        _case_post(effects_programme, **changes),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert f'value="{next(iter(changes.values()))}"' in page  # the input kept
    assert words in page
    assert "Niet opgeslagen" in page
    assert _fresh(effects_programme).head_number == effects_programme.head_number


def test_a_discount_rate_of_300_percent_is_refused_at_the_field(
    people: dict[str, Any], effects_programme: Programme
) -> None:
    response = client_for(people["regisseur"]).post(
        reverse("programmes:effects_settings", args=[effects_programme.slug]),
        {
            "base_revision": effects_programme.head_number,
            "e-discount_rate": "300",
            "e-horizon": "10",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_e-discount_rate_error"' in page
    assert 'value="300"' in page
    assert _fresh(effects_programme).head_number == effects_programme.head_number
    saved = client_for(people["regisseur"]).post(
        reverse("programmes:effects_settings", args=[effects_programme.slug]),
        {
            "base_revision": effects_programme.head_number,
            "e-discount_rate": "2,5",
            "e-horizon": "15",
        },
    )
    assert saved.status_code == 302
    assert _measurement(effects_programme).discount_rate == Decimal("2.5")
    assert _measurement(effects_programme).horizon == 15


def test_repricing_shows_the_difference_first_and_applies_only_on_confirmation(
    people: dict[str, Any], effects_programme: Programme
) -> None:
    client = client_for(people["regisseur"])
    slug = effects_programme.slug
    newer = price_list_2026().model_copy(
        update={"id": "prijzen-2027", "title": "Prijzen 2027", "year": 2027}
    )
    newer.items[1] = newer.items[1].model_copy(update={"price": Decimal("9000")})
    upload = io.BytesIO(effects_sheets.write_price_list_csv(newer))
    upload.name = "prijzen-2027.csv"
    client.post(
        reverse("programmes:effects_price_lists", args=[slug]),
        {
            "base_revision": effects_programme.head_number,
            "upload": "1",
            "title": "Prijzen 2027",
            "year": "2027",
            "bestand": upload,
        },
    )
    programme = _fresh(effects_programme)
    new_id = _measurement(programme).price_lists[-1].id
    url = reverse("programmes:effects_reprice", args=[slug, "casus-schulden"])
    preview = client.get(url + f"?prijslijst={new_id}")
    assert preview.status_code == 200
    page = preview.content.decode()
    # One case (of ten): the eviction avoided is priced 8.000 now and 9.000 with 2027.
    assert "€ 8.000" in page and "€ 9.000" in page and "€ 1.000" in page
    assert _fresh(programme).head_number == programme.head_number  # nothing changed yet
    # The case keeps its 2026 result while the newer list exists.
    results = client.get(reverse("programmes:effects", args=[slug])).content.decode()
    assert "€ 80.000" in results
    done = client.post(
        url, {"base_revision": programme.head_number, "price_list": new_id, "confirm": "1"}
    )
    assert done.status_code == 302
    assert _measurement(programme).cases[0].price_list == new_id
    results = client.get(reverse("programmes:effects", args=[slug])).content.decode()
    assert "€ 90.000" in results


def test_two_editors_on_the_same_field_get_the_conflict_and_other_fields_merge(
    people: dict[str, Any], monitor: Any, effects_programme: Programme
) -> None:
    url = reverse("programmes:effects_case", args=[effects_programme.slug, "casus-schulden"])
    first = client_for(people["regisseur"]).post(
        url, _case_post(effects_programme, **{"c-intervention-0-quantity": "2"})
    )
    assert first.status_code == 302
    # The monitor's form was opened before that save.
    second = client_for(monitor).post(
        url, _case_post(effects_programme, **{"c-intervention-0-quantity": "3"})
    )
    assert second.status_code == 409
    assert "Gelijktijdige wijzigingen" in second.content.decode()
    assert _measurement(effects_programme).cases[0].intervention[0].quantity == Decimal("2")
    # A change of another field on the same old version merges with the first.
    merged = client_for(monitor).post(url, _case_post(effects_programme, **{"c-count": "12"}))
    assert merged.status_code == 302
    case = _measurement(effects_programme).cases[0]
    assert case.count == 12
    assert case.intervention[0].quantity == Decimal("2")


def test_the_dashboard_shows_the_cases_serving_a_goal(
    people: dict[str, Any], effects_programme: Programme
) -> None:
    page = (
        client_for(people["lezer"])
        .get(reverse("programmes:monitoring", args=[effects_programme.slug]))
        .content.decode()
    )
    assert "Effectmeting per doel" in page
    assert f'href="{reverse("programmes:effects", args=[effects_programme.slug])}"' in page
    assert (
        reverse("programmes:effects_case", args=[effects_programme.slug, "casus-schulden"]) in page
    )
    assert "Schulden voorkomen" in page


def test_an_unpriced_event_is_a_finding_linking_to_its_field(
    people: dict[str, Any], effects_programme: Programme
) -> None:
    client = client_for(people["regisseur"])
    slug = effects_programme.slug
    url = reverse("programmes:effects_case", args=[slug, "casus-schulden"])
    saved = client.post(
        url,
        _case_post(
            effects_programme,
            **{
                "c-reference-1-month": "12",
                "c-reference-1-description": "Opname in de crisisopvang",
            },
        ),
    )
    assert saved.status_code == 302
    results = client.get(reverse("programmes:effects", args=[slug])).content.decode()
    assert "Gebeurtenissen zonder prijs" in results
    assert "Opname in de crisisopvang" in results
    link = f"{url}#id_c-reference-1-price_item"
    assert link in results
    # The field is on the case page, as a choice of the price list's items.
    case_page = client.get(url).content.decode()
    assert 'id="id_c-reference-1-price_item"' in case_page
    # Unpriced, it counts for nothing: the result over all cases is unchanged.
    assert "€ 65.000" in results


def _form_fields(html: str) -> dict[str, str]:
    """The text inputs and selected options of a page's form, as the browser would send."""
    import re

    fields = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="(p-[^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name is None or ('type="checkbox"' in tag and "checked" not in tag):
            continue
        fields[name.group(1)] = value.group(1) if value else ""
    for name, body in re.findall(r'<select[^>]*name="(p-[^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        fields[name] = chosen.group(1) if chosen else ""
    for name, body in re.findall(
        r'<textarea[^>]*name="(p-[^"]+)"[^>]*>(.*?)</textarea>', html, re.S
    ):
        fields[name] = body.strip()
    return fields


def test_the_price_list_editor_saves_items_and_refuses_a_negative_price(
    monitor: Any, effects_programme: Programme
) -> None:
    client = client_for(monitor)
    url = reverse("programmes:effects_price_list", args=[effects_programme.slug, "prijzen-2026"])
    page = client.get(url).content.decode()
    fields = _form_fields(page)
    assert fields["p-title"] == "Prijzen 2026"
    price = next(name for name, value in fields.items() if name.endswith("-price") and value)
    bad = client.post(url, {**fields, price: "-10", "base_revision": effects_programme.head_number})
    assert bad.status_code == 400
    assert f'id="{price}"' in bad.content.decode() or f'name="{price}"' in bad.content.decode()
    assert "Niet opgeslagen" in bad.content.decode()
    assert _fresh(effects_programme).head_number == effects_programme.head_number
    good = client.post(
        url, {**fields, price: "1.750,50", "base_revision": effects_programme.head_number}
    )
    assert good.status_code == 302
    items = _measurement(effects_programme).price_lists[0].items
    assert Decimal("1750.50") in [i.price for i in items]
