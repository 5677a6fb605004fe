"""Approach weighed by role and given per track; levels per track and the wanted level."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from stramien import revisions
from stramien.cli import main
from stramien.io import DocumentError, dump_yaml, loads_agreement
from stramien.model import Agreement, Approach, reference_problems
from stramien.rules import advice_as_dict, advise_approach, advise_approach_per_track, check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def party(pid: str, level: int, category: str = "government", **extra: Any) -> dict[str, Any]:
    return {
        "id": pid,
        "name": pid.capitalize(),
        "category": category,
        "sector": "public",
        "participation_level": level,
        **extra,
    }


def agreement(
    partners: list[dict[str, Any]] = (),  # type: ignore[assignment]
    stakeholders: list[dict[str, Any]] = (),  # type: ignore[assignment]
    **extra: Any,
) -> Agreement:
    data: dict[str, Any] = {
        "programme": {"name": "Test"},
        "partnership": {"partners": list(partners), "stakeholders": list(stakeholders)},
    }
    data.update(extra)
    return Agreement.model_validate(data)


def pillars() -> dict[str, Any]:
    return {
        "sub_programmes": [
            {"id": "lokaal", "name": "Lokale pijler"},
            {"id": "thema", "name": "Thematische pijler"},
        ],
        "projects": [
            {"id": "wijkbudget", "name": "Wijkbudget", "sub_programme": "lokaal"},
            {"id": "energie", "name": "Energieloket", "sub_programme": "thema"},
        ],
    }


def test_one_small_funder_at_level_one_no_longer_flips_the_advice() -> None:
    # Unweighted the mean would be (4 + 4 + 4 + 1) / 4 = 3.25: both approaches. The partners
    # and the residents count double, the funder once: (8 + 8 + 8 + 1) / 7 = 3.57.
    found = agreement(
        partners=[party("gemeente", 4), party("corporatie", 4)],
        stakeholders=[party("bewoners", 4, "citizens"), party("fonds", 1, "civil_society")],
    )
    advice = advise_approach(found)
    assert advice.approach is Approach.DEVELOPMENT
    assert advice.mean_level == 3.6
    assert any("Partners en doelgroepen of burgers tellen twee keer" in r for r in advice.reasoning)


def test_an_informed_stakeholder_still_counts_once() -> None:
    # Three informed parties outweigh one partner at level 4: (1 + 1 + 1 + 8) / 5 = 2.2.
    found = agreement(
        partners=[party("gemeente", 4)],
        stakeholders=[party(f"p{i}", 1, "business") for i in range(3)],
    )
    assert advise_approach(found).approach is Approach.DESIGN


def test_the_printed_mean_is_the_compared_mean() -> None:
    # 11 parties at 4 and 13 at 3: 83 / 24 = 3.458, printed as 3,5 and so also counted as
    # high (from 3,5), not as "both" while the text says 3,5.
    levels = [4] * 11 + [3] * 13
    found = agreement(stakeholders=[party(f"p{i}", lvl) for i, lvl in enumerate(levels)])
    advice = advise_approach(found)
    assert advice.mean_level == 3.5
    assert advice.approach is Approach.DEVELOPMENT
    assert any(line.startswith("Gewogen gemiddeld niveau 3,5,") for line in advice.reasoning)


def test_the_parties_that_drive_the_outcome_are_named() -> None:
    found = agreement(
        partners=[party("gemeente", 5), party("provincie", 4)],
        stakeholders=[
            party("bewoners", 5, "citizens"),
            party("krant", 1, "business"),
            party("school", 3, "education_research"),
        ],
    )
    advice = advise_approach(found)
    # Heaviest first: partners and residents before others; level 5 before 4.
    assert advice.high == ("Gemeente", "Bewoners", "Provincie")
    assert advice.low == ("Krant",)
    assert "Hoog (meebeslissen of zelf ontwikkelen): Gemeente, Bewoners en Provincie." in (
        advice.reasoning
    )
    assert "Laag (informeren of raadplegen): Krant." in advice.reasoning


def test_at_most_five_names_then_the_rest_is_counted() -> None:
    found = agreement(stakeholders=[party(f"p{i}", 5) for i in range(8)])
    line = next(r for r in advise_approach(found).reasoning if r.startswith("Hoog"))
    assert line == "Hoog (meebeslissen of zelf ontwikkelen): P0, P1, P2, P3, P4 en 3 andere."


def test_advice_per_sub_programme_uses_the_track_levels() -> None:
    residents = party(
        "bewoners",
        3,
        "citizens",
        track_levels=[
            {"track": "lokaal", "level": 5, "note": "Bewoners besteden het wijkbudget zelf."}
        ],
    )
    found = agreement(
        partners=[party("gemeente", 3), party("provincie", 3)],
        stakeholders=[residents, party("platform", 3, "citizens")],
        organisation=pillars(),
    )
    assert advise_approach(found).approach is Approach.MIXED
    per_track = {t.track: t for t in advise_approach_per_track(found)}
    local, theme = per_track["lokaal"], per_track["thema"]
    # (6 + 6 + 10 + 6) / 8 = 3.5 in the local pillar.
    assert local.advice.approach is Approach.DEVELOPMENT
    assert local.differs and local.own_levels == 1
    assert local.changed == ("Bewoners (5, elders 3)",)
    assert theme.advice.approach is Approach.MIXED
    assert not theme.differs and theme.own_levels == 0


def test_a_level_for_a_project_counts_in_its_sub_programme() -> None:
    found = agreement(
        partners=[party("gemeente", 2)],
        stakeholders=[
            party("bewoners", 2, "citizens", track_levels=[{"track": "energie", "level": 5}])
        ],
        organisation=pillars(),
    )
    per_track = {t.track: t for t in advise_approach_per_track(found)}
    assert advise_approach(found).approach is Approach.DESIGN
    # (4 + 10) / 4 = 3.5 in the thematic pillar, where the residents' project is.
    assert per_track["thema"].advice.approach is Approach.DEVELOPMENT
    assert per_track["thema"].own_levels == 1
    assert per_track["lokaal"].advice.approach is Approach.DESIGN


def test_a_project_outside_sub_programmes_is_a_track_when_levels_name_it() -> None:
    found = agreement(
        partners=[party("gemeente", 2)],
        stakeholders=[
            party("bewoners", 2, "citizens", track_levels=[{"track": "tuin", "level": 5}])
        ],
        organisation={"projects": [{"id": "tuin", "name": "Buurttuin"}, {"id": "x", "name": "X"}]},
    )
    tracks = advise_approach_per_track(found)
    assert [(t.track, t.kind) for t in tracks] == [("tuin", "project")]


def test_advice_as_json_has_a_list_per_track() -> None:
    found = agreement(
        partners=[party("gemeente", 3)],
        stakeholders=[
            party("bewoners", 3, "citizens", track_levels=[{"track": "lokaal", "level": 5}])
        ],
        organisation=pillars(),
    )
    data = json.loads(json.dumps(advice_as_dict(found)))
    tracks = {t["track"]: t for t in data["approach_per_track"]}
    assert tracks["lokaal"]["advice"]["approach"] == "development"
    assert tracks["lokaal"]["advice"]["high"] == ["Bewoners"]
    assert data["approach"]["approach"] == "mixed"


def test_cli_advice_prints_the_tracks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = agreement(
        partners=[party("gemeente", 3)],
        stakeholders=[
            party("bewoners", 3, "citizens", track_levels=[{"track": "lokaal", "level": 5}])
        ],
        organisation=pillars(),
    )
    path = tmp_path / "a.yaml"
    path.write_text(dump_yaml(found), encoding="utf-8")
    assert main(["advise", str(path)]) == 0
    text = capsys.readouterr().out
    assert "Benadering per deelprogramma of project" in text
    # (6 + 10) / 4 = 4 in the local pillar; the thematic one has no levels of its own.
    assert (
        "- Deelprogramma 'Lokale pijler': ontwikkelbenadering (vraaggericht), anders dan in het "
        "programma als geheel. Gewogen gemiddeld niveau 4; 1 partij werkt hier op een eigen "
        "niveau: Bewoners (5, elders 3)." in text
    )
    assert "Thematische pijler" not in text


def test_a_track_level_for_a_missing_track_is_a_reference_error() -> None:
    found = agreement(
        stakeholders=[
            party("bewoners", 3, "citizens", track_levels=[{"track": "lokaal", "level": 5}])
        ],
        organisation=pillars(),
    )
    found.partnership.stakeholders[0].track_levels[0].track = "nergens"
    problems = reference_problems(found)
    assert (
        ("partnership", "stakeholders", 0, "track_levels", 0, "track"),
        "Verwijzing naar 'nergens' klopt niet: er is geen deelprogramma of (deel)project met "
        "dit id.",
    ) in problems


def test_a_track_level_must_point_to_a_track_not_a_party() -> None:
    found = agreement(
        partners=[party("gemeente", 3, track_levels=[{"track": "lokaal", "level": 4}])],
        stakeholders=[party("bewoners", 3, "citizens")],
        organisation=pillars(),
    )
    found.partnership.partners[0].track_levels[0].track = "bewoners"
    assert [message for _path, message in reference_problems(found)] == [
        "'bewoners' is een belanghebbende, maar hier hoort een deelprogramma of (deel)project."
    ]


def test_wanted_level_above_the_current_one_gives_a_tip() -> None:
    found = agreement(
        stakeholders=[
            party("raad", 2, "government", wanted_level=4),
            party("tevreden", 3, wanted_level=3),
            party("bescheiden", 4, wanted_level=2),
        ]
    )
    hits = [f for f in check(found) if f.rule == "partnership-wanted-level-higher"]
    assert [(f.severity, f.path, f.message) for f in hits] == [
        (
            "tip",
            "partnership.stakeholders[0].wanted_level",
            "Raad: gewenst is meer invloed (niveau 4, co-creatie / partnerschap) dan nu (niveau 2, "
            "raadplegen); bespreek dit of leg uit waarom niet.",
        )
    ]


def test_an_unknown_wanted_level_is_refused_in_dutch() -> None:
    found = agreement(stakeholders=[party("raad", 2, wanted_level=4)])
    text = dump_yaml(found).replace("wanted_level: 4", "wanted_level: 7")
    with pytest.raises(DocumentError) as raised:
        loads_agreement(text)
    assert (
        "partnership.stakeholders[0].wanted_level: '7' is geen toegestane waarde. Kies uit: "
        "1 (Informeren)" in str(raised.value)
    )


def test_dumps_stay_the_same_when_the_new_fields_are_unused() -> None:
    # The small example as it was before the effect-measurement fields (it moved on since).
    frozen = Path(__file__).resolve().parents[1] / "model" / "data" / "small_before_effects.yaml"
    with open(frozen, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    found = Agreement.model_validate(data)
    dumped = found.model_dump(mode="json")
    for kind in ("partners", "stakeholders"):
        for item in dumped["partnership"][kind]:
            assert "track_levels" not in item
            assert "wanted_level" not in item
    # The hash the example had before these fields existed.
    assert revisions.content_hash(dumped) == (
        "4bb7be7c25185a71595d4a53d3dc6d1eb9a82908a1522bfa4cfc98c3d1266e97"
    )


def test_the_new_fields_are_written_when_used() -> None:
    found = agreement(
        stakeholders=[
            party("raad", 2, wanted_level=4, track_levels=[{"track": "lokaal", "level": 3}])
        ],
        organisation=pillars(),
    )
    item = found.model_dump(mode="json")["partnership"]["stakeholders"][0]
    assert item["wanted_level"] == 4
    assert item["track_levels"] == [{"track": "lokaal", "level": 3, "note": ""}]
    assert Agreement.model_validate(found.model_dump(mode="json")) == found


def test_two_levels_for_one_track_is_an_error() -> None:
    found = agreement(
        stakeholders=[
            party(
                "bewoners",
                3,
                "citizens",
                track_levels=[{"track": "lokaal", "level": 5}, {"track": "lokaal", "level": 4}],
            )
        ],
        organisation=pillars(),
    )
    hits = [f for f in check(found) if f.rule == "partnership-track-level-twice"]
    assert [(f.severity, f.path, f.message) for f in hits] == [
        (
            "error",
            "partnership.stakeholders[0].track_levels[1].track",
            "Bewoners heeft meer dan één niveau voor 'Lokale pijler'.",
        )
    ]
