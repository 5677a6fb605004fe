"""Measurements from and to spreadsheets: the import action, the export, the pages and the
command line.

In the small example ``i-bijstand`` (quarterly, people) belongs to the municipality, which
the ``partner`` fixture represents; ``i-rapportcijfer`` belongs to the housing corporation.
Here ``i-bijstand`` is also broken down by neighbourhood (wijk: Noord, Zuid).
"""

from __future__ import annotations

import copy
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from stramien.cli import main
from stramien.monitor.sheets import MAX_SHEET_BYTES, read_sheet
from stramien.web.audit.models import AuditEntry
from stramien.web.monitoring import actions, selectors
from stramien.web.monitoring.actions import Entry
from stramien.web.monitoring.models import Measurement
from stramien.web.monitoring.sheets import (
    SheetRefused,
    export_measurements,
    import_measurements,
)
from stramien.web.programmes import actions as programme_actions
from stramien.web.programmes.models import Membership, Programme
from stramien.web.programmes.selectors import head_agreement

from .. import EXAMPLES
from ..conftest import client_for, make_user

pytestmark = pytest.mark.django_db

BIJSTAND = "i-bijstand"
# The rows of examples/measurements.csv.
EXAMPLE_ROWS = 24
HEADER = "indicator;periode;wijk;waarde;toelichting\n"
FILE = (
    HEADER
    + "i-bijstand;2026-K3;Noord;1.250;Uit de uitkeringsadministratie\n"
    + "i-bijstand;2026-K3;Zuid;12,5;\n"
    + ";;;;\n"
    + "i-bijstand;31-12-2026;;400;\n"
)


@pytest.fixture
def by_wijk(programme: Programme, people: dict[str, Any]) -> Programme:
    document = copy.deepcopy(programme.head_document)
    for indicator in document["indicators"]:
        if indicator["id"] == BIJSTAND:
            indicator["dimensions"] = [{"key": "wijk", "name": "Wijk", "values": ["Noord", "Zuid"]}]
    programme_actions.save_document(
        acting_user=people["regisseur"],
        programme=programme,
        document=document,
        base_number=programme.head_number,
    )
    programme.refresh_from_db()
    return programme


def _csv(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def _import(people: dict[str, Any], programme: Programme, text: str, who: str = "partner", **kw):
    return import_measurements(
        acting_user=people[who],
        programme=programme,
        data=_csv(text),
        filename="metingen.csv",
        **kw,
    )


def _problems(caught: Any) -> dict[tuple[int, str], str]:
    return {(p.row, p.column): p.message for p in caught.value.problems}


def test_the_same_file_twice_adds_nothing(people: dict[str, Any], by_wijk: Programme) -> None:
    first = _import(people, by_wijk, FILE)
    assert (first.added, first.corrected, first.unchanged, first.skipped) == (3, 0, 0, 1)
    stored = {
        (m.period, m.dimensions.get("wijk", ""), m.value, m.status)
        for m in Measurement.objects.all()
    }
    assert stored == {
        ("2026-Q3", "Noord", Decimal(1250), "concept"),
        ("2026-Q3", "Zuid", Decimal("12.5"), "concept"),
        ("2026-Q4", "", Decimal(400), "concept"),
    }
    again = _import(people, by_wijk, FILE)
    assert (again.added, again.corrected, again.unchanged) == (0, 0, 3)
    assert Measurement.objects.count() == 3
    logged = AuditEntry.objects.filter(action="measurements.import").order_by("id")
    assert [(e.details["added"], e.details["unchanged"]) for e in logged] == [(3, 0), (0, 3)]


def test_a_changed_value_becomes_a_correction(people: dict[str, Any], by_wijk: Programme) -> None:
    _import(people, by_wijk, FILE, submit=True)
    noord = Measurement.objects.get(dimensions={"wijk": "Noord"})
    actions.approve_measurement(acting_user=people["regisseur"], measurement=noord)
    for m in Measurement.objects.filter(status="submitted"):
        actions.return_measurement(acting_user=people["regisseur"], measurement=m, reason="Bron?")
    changed = FILE.replace("1.250;", "1.260;").replace("12,5;", "13;")
    result = _import(people, by_wijk, changed)
    assert (result.added, result.corrected, result.unchanged) == (0, 2, 1)
    correction = Measurement.objects.get(dimensions={"wijk": "Noord"}, supersedes=noord)
    assert (correction.value, correction.status) == (Decimal(1260), "concept")
    assert correction.client_key and correction.client_key != noord.client_key
    # A concept changed again keeps being the one concept.
    result = _import(people, by_wijk, changed.replace("1.260;", "1.270;"))
    assert (result.added, result.corrected, result.unchanged) == (0, 1, 2)
    correction.refresh_from_db()
    assert correction.value == Decimal(1270)
    assert Measurement.objects.count() == 5


def test_one_bad_row_imports_nothing(people: dict[str, Any], by_wijk: Programme) -> None:
    bad = FILE + "i-bijstand;2026-K4;West;veel;\ni-bijstand;2026-Q3;noord;1250;\n"
    with pytest.raises(SheetRefused) as caught:
        _import(people, by_wijk, bad)
    found = _problems(caught)
    assert set(found) == {(6, "wijk"), (6, "waarde"), (7, "periode")}
    assert "kies uit: Noord, Zuid" in found[(6, "wijk")]
    assert "ook al op rij 2" in found[(7, "periode")]
    assert not Measurement.objects.exists()
    assert not AuditEntry.objects.filter(action="measurements.import").exists()
    with pytest.raises(SheetRefused, match="geen waarden"):
        _import(people, by_wijk, HEADER + ";;;;\n")


def test_locked_unknown_and_someone_elses_indicator_are_refused_per_row(
    people: dict[str, Any], by_wijk: Programme
) -> None:
    made = actions.record_measurement(
        acting_user=people["partner"],
        programme=by_wijk,
        entry=Entry(BIJSTAND, "2026-Q3", value=Decimal(402)),
        submit=True,
    )
    actions.approve_measurement(acting_user=people["regisseur"], measurement=made)
    actions.lock_period(
        acting_user=people["regisseur"], programme=by_wijk, indicator_id=BIJSTAND, period="2026-Q3"
    )
    with pytest.raises(SheetRefused) as caught:
        _import(
            people,
            by_wijk,
            HEADER
            + "i-bijstand;2026-Q3;;399;\n"
            + "i-verzonnen;2026-Q3;;1;\n"
            + "i-rapportcijfer;2026-Q3;;6,5;\n"
            + "i-bijstand;2026-Q4;;390;\n",
        )
    found = _problems(caught)
    assert set(found) == {(2, "periode"), (3, "indicator"), (4, "indicator")}
    assert "vergrendeld" in found[(2, "periode")]
    assert "niet (meer) in de overeenkomst" in found[(3, "indicator")]
    assert "eigenaar" in found[(4, "indicator")]
    assert Measurement.objects.count() == 1


def test_a_value_waiting_for_review_is_not_replaced(
    people: dict[str, Any], by_wijk: Programme
) -> None:
    _import(people, by_wijk, FILE, submit=True)
    with pytest.raises(SheetRefused) as caught:
        _import(people, by_wijk, FILE.replace("400;", "401;"))
    assert "ter beoordeling" in _problems(caught)[(5, "periode")]
    with pytest.raises(actions.PermissionDenied):
        _import(people, by_wijk, FILE, who="lezer")


def test_the_dashboard_follows_each_import_and_approval(
    people: dict[str, Any], by_wijk: Programme
) -> None:
    def total() -> str:
        rows = selectors.dashboard(by_wijk)["rows"]
        return next(i.value for row in rows for i in row.indicators if i.indicator.id == BIJSTAND)

    file = HEADER + "i-bijstand;2026-Q1;;402;\n"
    _import(people, by_wijk, file, submit=True)
    assert total() == "—"  # handed in, not approved yet
    for measurement in Measurement.objects.filter(status="submitted"):
        actions.approve_measurement(acting_user=people["regisseur"], measurement=measurement)
    assert total() == "402 personen"
    assert total() == "402 personen"  # read again: the same
    _import(people, by_wijk, file.replace("402", "398"), submit=True)
    assert total() == "402 personen"  # the correction counts once approved
    correction = Measurement.objects.get(status="submitted")
    actions.approve_measurement(acting_user=people["regisseur"], measurement=correction)
    assert total() == "398 personen"


def _entered(people: dict[str, Any], programme: Programme) -> None:
    for period, wijk, value, note in (
        ("2026-Q2", "Noord", "1250.5", "=SOM(A1:A3)"),
        ("2026-Q2", "Zuid", "-3", "Twee regels\r\nuitleg"),
        ("2026-Q3", "", "123456789012.123456", ""),
    ):
        actions.record_measurement(
            acting_user=people["partner"],
            programme=programme,
            entry=Entry(
                BIJSTAND,
                period,
                value=Decimal(value),
                dimensions={"wijk": wijk} if wijk else {},
                explanation=note,
            ),
            submit=True,
        )


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_export_imported_again_adds_nothing(
    people: dict[str, Any], by_wijk: Programme, extension: str
) -> None:
    _entered(people, by_wijk)
    data = export_measurements(by_wijk, extension)
    result = import_measurements(
        acting_user=people["partner"],
        programme=by_wijk,
        data=data,
        filename=f"metingen.{extension}",
    )
    assert (result.added, result.corrected, result.unchanged) == (0, 0, 3)
    assert Measurement.objects.count() == 3
    assert export_measurements(by_wijk, extension) == data


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_import_exported_gives_the_same_rows(
    people: dict[str, Any], by_wijk: Programme, extension: str
) -> None:
    _import(people, by_wijk, FILE)
    indicators = head_agreement(by_wijk).indicators
    exported = read_sheet(export_measurements(by_wijk, extension), f"x.{extension}", indicators)
    original = read_sheet(_csv(FILE), "x.csv", indicators)
    assert exported.problems == [] and exported.rows == original.rows


def test_the_export_defuses_formulas(people: dict[str, Any], by_wijk: Programme) -> None:
    _entered(people, by_wijk)
    text = export_measurements(by_wijk, "csv").decode("utf-8-sig")
    assert text.splitlines()[0] == "indicator;periode;wijk;waarde;teller;noemer;toelichting;status"
    assert "i-bijstand;2026-Q2;Noord;1250,5;;;'=SOM(A1:A3);Ingediend" in text
    sheet = load_workbook(io.BytesIO(export_measurements(by_wijk, "xlsx"))).active
    assert sheet is not None
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'=SOM(A1:A3)" in cells and "=SOM(A1:A3)" not in cells
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def _upload(text: str, name: str = "metingen.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _csv(text), content_type="text/csv")


def test_the_upload_page_shows_every_problem_and_keeps_nothing(
    people: dict[str, Any], by_wijk: Programme
) -> None:
    url = reverse("programmes:import_measurements", args=[by_wijk.slug])
    partner = client_for(people["partner"])
    assert "Metingen inlezen uit een rekenblad" in partner.get(url).content.decode()
    refused = partner.post(url, {"bestand": _upload(FILE + "i-bijstand;2026-K9;;1;\n")})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Niets ingelezen" in page and "metingen.csv" in page
    assert '<td class="utrecht-table__cell">6</td>' in page and "geen geldige periode" in page
    assert not Measurement.objects.exists()
    wrong = partner.post(url, {"bestand": _upload("%PDF", "verslag.pdf")})
    assert wrong.status_code == 400 and "geen van beide" in wrong.content.decode()
    huge = SimpleUploadedFile("groot.csv", b"x" * (MAX_SHEET_BYTES + 1), content_type="text/csv")
    too_big = partner.post(url, {"bestand": huge, "submit": "1"})
    assert too_big.status_code == 400 and "groter dan 25 MB" in too_big.content.decode()
    assert 'name="submit" value="1" checked' in too_big.content.decode()  # the choice is kept
    nothing = partner.post(url, {})
    assert nothing.status_code == 400 and "Kies een CSV-bestand" in nothing.content.decode()
    saved = partner.post(url, {"bestand": _upload(FILE), "submit": "1"}, follow=True)
    assert "3 nieuw, 0 gecorrigeerd, 0 ongewijzigd" in saved.content.decode()
    assert set(Measurement.objects.values_list("status", flat=True)) == {"submitted"}


def test_who_may_import_and_export(people: dict[str, Any], by_wijk: Programme) -> None:
    url = reverse("programmes:import_measurements", args=[by_wijk.slug])
    lezer = client_for(people["lezer"])
    assert lezer.get(url).status_code == 403
    assert lezer.post(url, {"bestand": _upload(FILE)}).status_code == 403
    dashboard = lezer.get(reverse("programmes:monitoring", args=[by_wijk.slug])).content.decode()
    assert "metingen.xlsx" in dashboard and url not in dashboard
    download = lezer.get(reverse("programmes:export_measurements", args=[by_wijk.slug, "xlsx"]))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('-metingen.xlsx"')
    assert (
        lezer.get(reverse("programmes:export_measurements", args=[by_wijk.slug, "ods"])).status_code
        == 404
    )
    outsider = client_for(people["outsider"])
    csv_url = reverse("programmes:export_measurements", args=[by_wijk.slug, "csv"])
    assert outsider.get(csv_url).status_code == 404
    partner_page = client_for(people["partner"]).get(
        reverse("programmes:monitoring", args=[by_wijk.slug])
    )
    assert url in partner_page.content.decode()


@pytest.fixture
def command_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> str:
    # The command sets these for its own process; the test gives them back afterwards.
    for name in ("STRAMIEN_DATA_DIR", "STRAMIEN_RENDER_CACHE_DIR", "SECRET_KEY"):
        monkeypatch.setenv(name, "test-value" if name == "SECRET_KEY" else str(tmp_path))
    return str(tmp_path)


def test_the_command_line(
    people: dict[str, Any], by_wijk: Programme, command_env: str, tmp_path: Any, capsys: Any
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(_csv(FILE + "i-verzonnen;2026-Q3;;1;\ni-bijstand;2026-Q9;;1;\n"))
    base = ["measurements", "import", by_wijk.slug, str(source), "--data", command_env]
    assert main([*base, "--as", "partner"]) == 1
    err = capsys.readouterr().err
    assert "rij 6, kolom indicator: Indicator i-verzonnen staat niet" in err
    assert "rij 7, kolom periode:" in err and "niets ingelezen" in err
    assert not Measurement.objects.exists()
    source.write_bytes(_csv(FILE))
    assert main([*base, "--as", "partner", "--submit"]) == 0
    assert "3 nieuw, 0 gecorrigeerd, 0 ongewijzigd" in capsys.readouterr().out
    assert main([*base, "--as", "lezer"]) == 2
    assert main([*base, "--as", "niemand"]) == 2
    capsys.readouterr()
    export = ["measurements", "export", by_wijk.slug, "--data", command_env, "-o"]
    assert main([*export, "-"]) == 0
    assert "i-bijstand;2026-Q3;Noord;1250;;;Uit de uitkeringsadministratie;Ingediend" in (
        capsys.readouterr().out
    )
    target = tmp_path / "uit.xlsx"
    assert main([*export, str(target)]) == 0
    assert target.read_bytes() == export_measurements(by_wijk, "xlsx")
    assert main([*export, str(tmp_path / "uit.pdf")]) == 2
    assert main(["measurements", "export", "bestaat-niet", "-o", "-"]) == 2


def test_the_example_files_fit_the_small_example(programme: Programme) -> None:
    monitor = make_user("monitor")
    Membership.objects.create(programme=programme, user=monitor, role="monitor")
    first = import_measurements(
        acting_user=monitor,
        programme=programme,
        data=(EXAMPLES / "measurements.csv").read_bytes(),
        filename="measurements.csv",
    )
    assert (first.added, first.corrected, first.unchanged) == (EXAMPLE_ROWS, 0, 0)
    # The workbook holds the same values.
    second = import_measurements(
        acting_user=monitor,
        programme=programme,
        data=(EXAMPLES / "measurements.xlsx").read_bytes(),
        filename="measurements.xlsx",
    )
    assert (second.added, second.corrected, second.unchanged) == (0, 0, EXAMPLE_ROWS)
