"""Spending and deliveries in kind from and to spreadsheets: the import action (all or
nothing, once), the export in the same columns, the pages for every role, and the CLI.

In the small example the ``partner`` fixture represents the municipality (gem-apeldoorn),
``other_partner`` the housing corporation (ws-veluwsepoort).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from stramien.cli import main
from stramien.monitor.finance_sheets import FinanceKind
from stramien.web.audit.models import AuditEntry
from stramien.web.monitoring import progress_actions
from stramien.web.monitoring.finance_sheets import export_finance, import_finance
from stramien.web.monitoring.models import InKindDelivery, Spending
from stramien.web.monitoring.progress_actions import SpendingInput
from stramien.web.monitoring.sheets import SheetRefused
from stramien.web.programmes.models import Programme

from ..conftest import client_for
from .test_sheets import command_env  # noqa: F401 (the command's environment)

pytestmark = pytest.mark.django_db

SPENDING, IN_KIND = FinanceKind.SPENDING, FinanceKind.IN_KIND
HEADER = "kostenpost;partner;datum;bedrag;toelichting\n"
GOOD = HEADER + (
    "k-2026-regie;gem-apeldoorn;1-6-2026;1.250,50;Zaalhuur\n"
    "k-2026-nulmeting;gem-apeldoorn;2-6-2026;300;=1+1\n"
)


def _csv(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def _import(
    people: dict[str, Any], programme: Programme, text: str, who: str = "partner", kind=SPENDING
):
    return import_finance(
        acting_user=people[who], programme=programme, kind=kind, data=_csv(text), filename="b.csv"
    )


def test_importing_the_same_file_twice_adds_nothing(people, programme) -> None:
    first = _import(people, programme, GOOD)
    again = _import(people, programme, GOOD)
    assert (first.added, again.added, again.unchanged) == (2, 0, 2)
    assert Spending.objects.count() == 2
    stored = Spending.objects.get(cost_item_id="k-2026-regie")
    assert (stored.amount, stored.spent_on, stored.entered_by) == (
        Decimal("1250.50"),
        dt.date(2026, 6, 1),
        people["partner"],
    )
    logged = AuditEntry.objects.filter(action="spending.record")
    assert logged.count() == 2  # one per import, not one per row
    assert logged.first().details["added"] in (0, 2)


def test_one_bad_row_imports_nothing_and_names_every_problem(people, programme) -> None:
    text = GOOD + "k-weg;gem-apeldoorn;1-6-2026;10\nk-2026-regie;gem-apeldoorn;1-6-2026;nul\n"
    with pytest.raises(SheetRefused) as refused:
        _import(people, programme, text)
    assert [(p.row, p.column) for p in refused.value.problems] == [(4, "kostenpost"), (5, "bedrag")]
    assert Spending.objects.count() == 0
    assert not AuditEntry.objects.filter(action="spending.record").exists()


def test_a_partner_may_not_import_another_organisations_rows(people, programme) -> None:
    text = HEADER + "k-2026-regie;ws-veluwsepoort;1-6-2026;10;\n"
    with pytest.raises(SheetRefused) as refused:
        _import(people, programme, text)
    problem = refused.value.problems[0]
    assert (problem.row, problem.column) == (2, "partner")
    assert "ws-veluwsepoort" in problem.message
    assert Spending.objects.count() == 0
    # The regisseur keeps every partner's records.
    assert _import(people, programme, text, who="regisseur").added == 1


def test_a_record_entered_in_the_form_is_not_added_again(people, programme) -> None:
    progress_actions.record_spending(
        acting_user=people["partner"],
        programme=programme,
        entry=SpendingInput("k-2026-regie", "gem-apeldoorn", dt.date(2026, 6, 1), Decimal("10")),
    )
    result = _import(people, programme, HEADER + "k-2026-regie;gem-apeldoorn;1-6-2026;10,00;\n")
    assert (result.added, result.unchanged) == (0, 1)


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_export_imported_again_changes_nothing(people, programme, extension) -> None:
    _import(people, programme, GOOD)
    _import(
        people,
        programme,
        "bijdrage;datum;hoeveelheid;waarde\nbd-2026-ws-ruimte;3-6-2026;2 kamers;500\n",
        who="other_partner",
        kind=IN_KIND,
    )
    for kind, who in [(SPENDING, "partner"), (IN_KIND, "other_partner")]:
        data = export_finance(programme, kind, extension)
        assert data == export_finance(programme, kind, extension)
        result = import_finance(
            acting_user=people[who],
            programme=programme,
            kind=kind,
            data=data,
            filename=f"x.{extension}",
        )
        assert result.added == 0
    assert (Spending.objects.count(), InKindDelivery.objects.count()) == (2, 1)
    # Exported formulas are text.
    assert "'=1+1" in export_finance(programme, SPENDING, "csv").decode("utf-8-sig")


def test_the_pages_for_every_role(people, programme) -> None:
    url = reverse("programmes:import_finance", args=[programme.slug, "bestedingen"])
    csv_url = reverse("programmes:export_finance", args=[programme.slug, "bestedingen", "csv"])
    finance = client_for(people["partner"]).get(
        reverse("programmes:finance", args=[programme.slug])
    )
    assert url in finance.content.decode() and csv_url in finance.content.decode()
    partner = client_for(people["partner"])
    done = partner.post(url, {"bestand": SimpleUploadedFile("b.csv", _csv(GOOD))}, follow=True)
    assert "2 nieuw" in done.content.decode()
    bad = partner.post(url, {"bestand": SimpleUploadedFile("b.csv", _csv(HEADER + "x;y;z;w\n"))})
    assert bad.status_code == 400 and "Kostenpost x staat niet" in bad.content.decode()
    assert partner.post(url, {}).status_code == 400
    lezer = client_for(people["lezer"])
    assert lezer.get(url).status_code == 403
    assert lezer.get(csv_url).status_code == 200
    assert client_for(people["outsider"]).get(csv_url).status_code == 404
    assert client_for(people["outsider"]).get(url).status_code in (403, 404)
    assert Client().get(url).status_code == 302
    assert Client().get(csv_url).status_code == 302
    assert (
        partner.get(reverse("programmes:import_finance", args=[programme.slug, "x"])).status_code
        == 404
    )
    assert Spending.objects.count() == 2


def test_the_command_line(people, programme, command_env, tmp_path, capsys) -> None:  # noqa: F811
    source = tmp_path / "in.csv"
    source.write_bytes(_csv(GOOD + "k-weg;gem-apeldoorn;1-6-2026;10;\n"))
    base = ["spending", "import", programme.slug, str(source), "--data", command_env]
    assert main([*base, "--as", "partner"]) == 1
    err = capsys.readouterr().err
    assert (
        "rij 4, kolom kostenpost: Kostenpost k-weg staat niet" in err and "niets ingelezen" in err
    )
    assert not Spending.objects.exists()
    source.write_bytes(_csv(GOOD))
    assert main([*base, "--as", "partner"]) == 0
    assert "2 nieuw, 0 stonden er al" in capsys.readouterr().out
    assert main([*base, "--as", "lezer"]) == 2
    export = ["spending", "export", programme.slug, "--data", command_env, "-o"]
    assert main([*export, "-"]) == 0
    assert "k-2026-regie;gem-apeldoorn;01-06-2026;1250,5;Zaalhuur" in capsys.readouterr().out
    target = tmp_path / "uit.xlsx"
    assert main([*export, str(target)]) == 0
    assert target.read_bytes() == export_finance(programme, SPENDING, "xlsx")
    assert main(["inkind", "export", programme.slug, "--data", command_env, "-o", "-"]) == 0
    assert "bijdrage;partner;datum;hoeveelheid;waarde;toelichting" in capsys.readouterr().out
