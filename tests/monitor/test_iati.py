"""The IATI 2.03 export of an agreement with its measurements (``stramien.monitor.iati``):
valid against the official activity schema, with the goal tree as results, the indicators'
baselines, targets and actual values, the organisations in their roles and the budget."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from monitor_builders import approved, moment

from iati_schema import parsed, schema_errors
from stramien import cli
from stramien.io import load_agreement
from stramien.model import Agreement
from stramien.monitor import Measurement, MeasurementStatus
from stramien.monitor.iati import (
    DocumentLink,
    IatiError,
    ResultType,
    iati_activities,
    result_types,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NL = "{http://www.w3.org/XML/1998/namespace}lang"
BIJSTAND = "Bewoners met een bijstandsuitkering"
GENERATED = dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def small() -> Agreement:
    return load_agreement(EXAMPLES / "small.yaml")


def _changed(agreement: Agreement, change: Any) -> Agreement:
    data = agreement.model_dump(mode="json", exclude_none=True)
    change(data)
    return Agreement.model_validate(data)


def _with_breakdown(agreement: Agreement) -> Agreement:
    """i-bijstand with an interim target and a breakdown by neighbourhood; a funder; the
    police raised to co-creation."""

    def change(data: dict[str, Any]) -> None:
        bijstand = next(i for i in data["indicators"] if i["id"] == "i-bijstand")
        bijstand["period_targets"] = [{"period": "2026-Q4", "target": 400}]
        bijstand["dimensions"] = [{"key": "buurt", "name": "Buurt", "values": ["Noord", "Zuid"]}]
        data["partnership"].setdefault("funders", []).append(
            {"id": "fonds-oost", "name": "Fonds Oost (verzonnen)", "category": "civil_society"}
        )
        police = next(s for s in data["partnership"]["stakeholders"] if s["id"] == "sh-politie")
        police["participation_level"] = 4

    return _changed(agreement, change)


def _bijstand_values() -> list[Measurement]:
    def of(*args: Any, **kwargs: Any) -> Measurement:
        return approved(*args, indicator_id="i-bijstand", **kwargs)

    concept = Measurement(
        id="m5",
        indicator="i-bijstand",
        period="2026-Q4",
        entered_at=moment("2027-01-05"),
        value=Decimal(1),
        status=MeasurementStatus.CONCEPT,
    )
    return [
        of("m1", "2026-Q3", "200", dimensions={"buurt": "Noord"}, on="2026-10-10"),
        of("m2", "2026-Q3", "210", dimensions={"buurt": "Zuid"}, on="2026-10-10"),
        of("m3", "2026-Q3", "202", dimensions={"buurt": "Zuid"}, on="2026-10-20", supersedes="m2"),
        of("m4", "2026-Q4", "395", on="2027-01-10"),
        concept,
    ]


def _export(agreement: Agreement, **extra: Any) -> bytes:
    return iati_activities(
        agreement,
        organisation_ref=extra.pop("organisation_ref", "NL-KVK-00000001"),
        programme_id=extra.pop("programme_id", "samen-zonnehof"),
        generated_at=extra.pop("generated_at", GENERATED),
        **extra,
    )


def _indicator(root: Any, title: str) -> Any:
    found = [i for i in root.iter("indicator") if i.find("title/narrative").text == title]
    assert len(found) == 1
    return found[0]


def test_the_small_example_is_valid_iati_203(small: Agreement) -> None:
    xml = _export(small)
    assert schema_errors(xml) == []
    root = parsed(xml)
    assert root.get("version") == "2.03"
    activity = root.find("iati-activity")
    assert activity.findtext("iati-identifier") == "NL-KVK-00000001-samen-zonnehof"
    assert activity.find("reporting-org").get("ref") == "NL-KVK-00000001"
    assert activity.find("title/narrative").text == small.programme.name
    assert activity.get(NL) == "nl" and activity.get("default-currency") == "EUR"
    assert {n.get(NL) for n in root.iter("narrative")} == {"nl"}


def test_every_goal_is_a_result_typed_by_its_place_in_the_goal_tree(small: Agreement) -> None:
    results = parsed(_export(small)).findall("iati-activity/result")
    assert [r.find("title/narrative").text for r in results] == [g.title for g in small.goals]
    kind = {r.find("title/narrative").text: r.get("type") for r in results}
    titles = {g.id: g.title for g in small.goals}
    assert kind[titles["g-wonen"]] == "3"  # serves the ambition: impact
    assert kind[titles["g-leerwerk"]] == "2"  # serves g-meedoen, is served: outcome
    assert kind[titles["g-leerwerkplekken"]] == "1"  # nothing serves it: output
    assert kind[titles["g-renovatie"]] == "1"
    assert result_types(small.goals)["g-gezond"] is ResultType.IMPACT


def test_a_goal_without_an_indicator_gets_a_qualitative_one_that_says_so(
    small: Agreement,
) -> None:
    measured = {i.goal for i in small.indicators}
    bare = next(g for g in small.goals if g.id not in measured)
    result = next(
        r
        for r in parsed(_export(small)).iter("result")
        if r.find("title/narrative").text == bare.title
    )
    (indicator,) = result.findall("indicator")
    assert indicator.get("measure") == "5"
    assert "geen indicator" in indicator.find("description/narrative").text


def test_an_indicator_has_its_baseline_direction_and_final_target(small: Agreement) -> None:
    root = parsed(_export(small))
    element = _indicator(root, "Bewoners met een bijstandsuitkering")
    assert element.get("measure") == "1" and element.get("ascending") == "0"
    baseline = element.find("baseline")
    assert (baseline.get("year"), baseline.get("iso-date"), baseline.get("value")) == (
        "2026",
        "2026-01-01",
        "410",
    )
    # The final target (340 on 2029-12-01) in its quarter; nothing measured yet.
    (period,) = element.findall("period")
    assert period.find("period-start").get("iso-date") == "2029-10-01"
    assert period.find("period-end").get("iso-date") == "2029-12-31"
    assert period.find("target").get("value") == "340"
    assert period.find("actual") is None
    rising = _indicator(root, "Deelnemers van de leerwerkroute met een mbo-diploma")
    assert rising.get("ascending") == "1"


def test_actual_values_come_from_the_approved_measurements_with_their_breakdown(
    small: Agreement,
) -> None:
    agreement = _with_breakdown(small)
    xml = _export(agreement, measurements=_bijstand_values())
    assert schema_errors(xml) == []
    element = _indicator(parsed(xml), "Bewoners met een bijstandsuitkering")
    periods = {p.find("period-start").get("iso-date"): p for p in element.findall("period")}
    assert sorted(periods) == ["2026-07-01", "2026-10-01", "2029-10-01"]
    q3 = periods["2026-07-01"]
    assert q3.find("target") is None
    actuals = q3.findall("actual")
    # The total (the correction of Zuid counts, the value it replaced not) and one per value.
    assert actuals[0].get("value") == "402" and actuals[0].find("dimension") is None
    cells = {
        (a.find("dimension").get("name"), a.find("dimension").get("value")): a.get("value")
        for a in actuals[1:]
    }
    assert cells == {("Buurt", "Noord"): "200", ("Buurt", "Zuid"): "202"}
    q4 = periods["2026-10-01"]
    assert q4.find("target").get("value") == "400"
    # The concept value of 1 is not approved and does not count.
    assert [a.get("value") for a in q4.findall("actual")] == ["395"]


def test_a_partial_breakdown_says_so(small: Agreement) -> None:
    agreement = _with_breakdown(small)
    only_north = [m for m in _bijstand_values() if m.id == "m1"]
    element = _indicator(
        parsed(_export(agreement, measurements=only_north)), "Bewoners met een bijstandsuitkering"
    )
    total = element.find("period/actual")
    assert total.get("value") == "200"
    assert "Niet alle onderdelen" in total.find("comment/narrative").text


def test_organisations_take_part_in_their_iati_roles(small: Agreement) -> None:
    root = parsed(_export(_with_breakdown(small)))
    roles: dict[str, set[str]] = {}
    for org in root.iter("participating-org"):
        roles.setdefault(org.find("narrative").text, set()).add(org.get("role"))
    assert roles["Gemeente Apeldoorn"] == {"1", "2", "4"}  # pays, initiator, partner
    assert roles["Woonstichting Veluwse Poort"] == {"1", "3", "4"}  # commissions projects
    assert roles["Bewonersvereniging Zonnehof-Oost"] == {"4"}  # contributes in kind only
    assert roles["Fonds Oost (verzonnen)"] == {"1"}
    assert roles["Politie, basisteam Apeldoorn-Zuid"] == {"4"}  # co-creation
    assert "Gemeenteraad Apeldoorn" not in roles  # only informed
    types = {o.find("narrative").text: o.get("type") for o in root.iter("participating-org")}
    assert types["Gemeente Apeldoorn"] == "10" and types["Oost-Veluws College (ROC)"] == "80"


def test_the_budgets_add_up_to_the_agreements_budget_one_per_year(small: Agreement) -> None:
    budgets = parsed(_export(small)).findall("iati-activity/budget")
    total = sum(Decimal(b.findtext("value")) for b in budgets)
    assert total == sum(item.amount for item in small.finance.cost_items)
    years = {item.year for item in small.finance.cost_items}
    assert [b.find("period-start").get("iso-date")[:4] for b in budgets] == [
        str(year) for year in sorted(years)
    ]
    for budget in budgets:
        start = budget.find("period-start").get("iso-date")
        assert budget.find("period-end").get("iso-date")[:4] == start[:4]
        assert budget.find("value").get("currency") == "EUR"
        assert budget.get("status") == "1"  # not adopted: indicative
    adopted = parsed(_export(small, adopted=True)).findall("iati-activity/budget")
    assert {b.get("status") for b in adopted} == {"2"}


def test_status_and_dates_follow_the_adoption_and_the_run(small: Agreement) -> None:
    def status(**extra: Any) -> tuple[str, list[str]]:
        activity = parsed(_export(small, **extra)).find("iati-activity")
        dates = [d.get("type") for d in activity.findall("activity-date")]
        return activity.find("activity-status").get("code"), dates

    assert status(adopted=False) == ("1", ["1", "3"])
    assert status(adopted=True) == ("2", ["1", "2", "3"])
    assert status(adopted=True, generated_at=dt.datetime(2030, 2, 1, tzinfo=dt.UTC))[0] == "3"
    assert status(adopted=True, generated_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC)) == (
        "1",
        ["1", "3"],
    )


def test_published_documents_are_linked(small: Agreement) -> None:
    link = DocumentLink(
        url="https://stramien.example.nl/programma/samen-zonnehof/versie/3/download/pdf/",
        media_type="application/pdf",
        title="Samenwerkingsovereenkomst, vastgestelde versie 3",
        category="A09",
        day=dt.date(2026, 2, 1),
    )
    xml = _export(small, documents=[link])
    assert schema_errors(xml) == []
    (element,) = parsed(xml).findall("iati-activity/document-link")
    assert element.get("url") == link.url and element.get("format") == "application/pdf"
    assert element.find("category").get("code") == "A09"
    assert element.find("document-date").get("iso-date") == "2026-02-01"


def test_the_same_input_gives_the_same_bytes(small: Agreement) -> None:
    agreement = _with_breakdown(small)
    values = _bijstand_values()
    assert _export(agreement, measurements=values) == _export(
        agreement, measurements=list(reversed(values))
    )


def test_the_large_example_is_valid_too() -> None:
    assert schema_errors(_export(load_agreement(EXAMPLES / "large.yaml"))) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"organisation_ref": "NL KVK 1"}, "geen geldige IATI-organisatie-id"),
        ({"organisation_ref": ""}, "geen geldige IATI-organisatie-id"),
        ({"programme_id": "samen zonnehof"}, "kan geen deel van een IATI-id zijn"),
    ],
)
def test_what_iati_cannot_take_is_refused_in_dutch(
    small: Agreement, extra: dict[str, str], message: str
) -> None:
    with pytest.raises(IatiError, match=message):
        _export(small, **extra)


def test_a_programme_without_dates_is_refused_naming_the_field(small: Agreement) -> None:
    def undated(data: dict[str, Any]) -> None:
        del data["programme"]["start"], data["programme"]["end"]

    with pytest.raises(IatiError, match="Programma de startdatum"):
        _export(_changed(small, undated))


# -- the command line, on a file ------------------------------------------------------------


def test_the_command_writes_a_valid_file_from_yaml_and_a_sheet(tmp_path: Path, capsys: Any) -> None:
    target = tmp_path / "zonnehof.xml"
    code = cli.main(
        [
            "iati",
            str(EXAMPLES / "small.yaml"),
            "--organisation",
            "NL-KVK-00000001",
            "--measurements",
            str(EXAMPLES / "measurements.csv"),
            "-o",
            str(target),
        ]
    )
    assert code == cli.EXIT_OK
    assert "IATI-export (versie 2.03) geschreven" in capsys.readouterr().out
    xml = target.read_bytes()
    assert schema_errors(xml) == []
    assert parsed(xml).find("iati-activity/result/indicator/period/actual") is not None
    plain = tmp_path / "zonder.xml"
    assert (
        cli.main(
            ["iati", str(EXAMPLES / "small.yaml"), "--organisation", "NL-KVK-1", "-o", str(plain)]
        )
        == cli.EXIT_OK
    )
    assert parsed(plain.read_bytes()).find(".//actual") is None  # a file has no actuals


def test_the_command_reads_the_organisation_from_the_environment(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("STRAMIEN_IATI_ORGANISATION", "XM-DAC-00000")
    target = tmp_path / "uit.xml"
    assert cli.main(["iati", str(EXAMPLES / "small.yaml"), "-o", str(target)]) == cli.EXIT_OK
    assert parsed(target.read_bytes()).findtext(".//iati-identifier").startswith("XM-DAC-00000-")


def test_the_command_refuses_bad_input_in_dutch_and_writes_nothing(
    tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    monkeypatch.delenv("STRAMIEN_IATI_ORGANISATION", raising=False)
    target = tmp_path / "uit.xml"
    small = str(EXAMPLES / "small.yaml")
    assert cli.main(["iati", small, "-o", str(target)]) == cli.EXIT_UNREADABLE
    assert "Geef de IATI-organisatie-id" in capsys.readouterr().err
    assert cli.main(["iati", small, "--organisation", "NL KVK", "-o", str(target)]) == 2
    assert "geen geldige IATI-organisatie-id" in capsys.readouterr().err
    sheet = tmp_path / "waarden.csv"
    sheet.write_text("indicator;periode;waarde\ni-bijstand;2026-Q9;3\n", encoding="utf-8")
    code = cli.main(
        [
            "iati",
            small,
            "--organisation",
            "NL-KVK-1",
            "--measurements",
            str(sheet),
            "-o",
            str(target),
        ]
    )
    assert code == cli.EXIT_UNREADABLE
    assert "rij 2" in capsys.readouterr().err
    broken = tmp_path / "kapot.yaml"
    broken.write_text("programme: [\n", encoding="utf-8")
    assert cli.main(["iati", str(broken), "--organisation", "NL-KVK-1"]) == 2
    assert "geen geldig Stramien-document" in capsys.readouterr().err
    assert not target.exists()


def test_an_indicator_that_adds_up_reports_the_total_so_far_without_breakdown(
    small: Agreement,
) -> None:
    def adding_up(data: dict[str, Any]) -> None:
        diploma = next(i for i in data["indicators"] if i["id"] == "i-diploma")
        diploma["over_time"] = "sum"
        diploma["dimensions"] = [{"key": "route", "name": "Route", "values": ["Bouw", "Zorg"]}]

    values = [
        approved("d1", "2026-Q3", "3", indicator_id="i-diploma", dimensions={"route": "Bouw"}),
        approved("d2", "2026-Q3", "2", indicator_id="i-diploma", dimensions={"route": "Zorg"}),
        approved("d3", "2026-Q4", "7", indicator_id="i-diploma", on="2027-01-10"),
    ]
    xml = _export(_changed(small, adding_up), measurements=values)
    assert schema_errors(xml) == []
    element = _indicator(parsed(xml), "Deelnemers van de leerwerkroute met een mbo-diploma")
    actuals = [[a.get("value") for a in p.findall("actual")] for p in element.findall("period")]
    assert actuals[:2] == [["5"], ["12"]]  # 0 + 3 + 2, then + 7; no parts of one period


def test_figures_are_plain_decimals_with_at_most_two_places(small: Agreement) -> None:
    values = [
        approved("r1", "2026-Q3", "6.125", indicator_id="i-rapportcijfer"),
        approved("b1", "2026-Q3", "123456789012345678901234567890", indicator_id="i-bijstand"),
    ]
    root = parsed(_export(small, measurements=values))
    figures = {
        i.find("title/narrative").text: [a.get("value") for a in i.iter("actual")]
        for i in root.iter("indicator")
    }
    assert figures["Gemiddeld rapportcijfer voor de woonomgeving"] == ["6.12"]
    assert figures[BIJSTAND] == ["123456789012345678901234567890"]
