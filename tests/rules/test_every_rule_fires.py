"""Every rule fires on a minimal bad case, and not on the complete small example.

Each case starts from ``examples/small.yaml`` (or an empty document), breaks one thing
the way a user might, and expects the named rule to report it.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from stramien.model import Agreement
from stramien.rules import RULES, check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Data = dict[str, Any]


def small() -> Data:
    with open(EXAMPLES / "small.yaml", encoding="utf-8") as handle:
        data: Data = yaml.safe_load(handle)
    return data


EMPTY: Data = {"programme": {"name": "Leeg programma"}}


def forget(data: Any, ids: set[str]) -> Any:
    """Remove every reference to ``ids`` so the document stays valid after a deletion."""
    if isinstance(data, dict):
        return {
            key: (
                None
                if isinstance(value, str) and value in ids and key != "id"
                else forget(value, ids)
            )
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [forget(item, ids) for item in data if not (isinstance(item, str) and item in ids)]
    return data


def bodies(data: Data, kind: str) -> list[Data]:
    return [b for b in data["organisation"]["bodies"] if b["kind"] == kind]


def remove_bodies(data: Data, kind: str) -> Data:
    gone = {b["id"] for b in bodies(data, kind)}
    data["organisation"]["bodies"] = [
        b for b in data["organisation"]["bodies"] if b["id"] not in gone
    ]
    result: Data = forget(data, gone)
    return result


def top_goal(data: Data) -> Data:
    return next(g for g in data["goals"] if g.get("contributes_to_ambition"))


def first_in_kind(data: Data) -> Data:
    return next(c for c in data["finance"]["contributions"] if c["kind"] != "cash")


def mutate_price_item_not_in_list(d: Data) -> None:
    # The bijstand line moves to a 2027 version; the first case stays on an empty 2025 one.
    measurement = d["effect_measurement"]
    line = next(i for i in measurement["price_list"] if i["id"] == "pr-bijstand")
    measurement["price_list"].remove(line)
    measurement["price_lists"] = [
        {"id": "pl-oud", "title": "Prijslijst 2025", "year": 2025, "items": []},
        {"id": "pl-nieuw", "title": "Prijslijst 2027", "year": 2027, "items": [line]},
    ]
    measurement["cases"][0]["price_list"] = "pl-oud"


def mutate_event_date_without_start(d: Data) -> None:
    d["programme"]["start"] = None
    d["effect_measurement"]["cases"][1]["start"] = None


def mutate_only_activities(d: Data) -> None:
    case = d["effect_measurement"]["cases"][2]
    for event in case["intervention"] + case["reference"]:
        event["kind"] = "activiteit"


def mutate_cycle(d: Data) -> None:
    top = top_goal(d)
    child = next(g for g in d["goals"] if top["id"] in g.get("contributes_to", []))
    top["contributes_to"] = [child["id"]]


def mutate_milestone_outside_phase(d: Data) -> None:
    phases = {p["id"]: p for p in d["planning"]["phases"]}
    last = d["planning"]["phases"][-1]["id"]
    milestone = next(m for m in d["planning"]["milestones"] if m.get("phase") not in (None, last))
    milestone["date"] = phases[milestone["phase"]]["end"] + dt.timedelta(days=1)


def mutate_unfilled_sector(d: Data) -> None:
    for partner in d["partnership"]["partners"]:
        partner["sector"] = "public"
    d["partnership"]["sector_roles"].append({"sector": "private", "role": "Investeren."})


def mutate_without_steering_member(d: Data) -> None:
    partner = d["partnership"]["partners"][0]
    partner["participation_level"] = 4
    for body in bodies(d, "steering_committee"):
        body["members"] = [m for m in body["members"] if m.get("organisation") != partner["id"]]


def mutate_wanted_level(d: Data) -> None:
    stakeholder = d["partnership"]["stakeholders"][0]
    stakeholder["participation_level"] = 2
    stakeholder["wanted_level"] = 4


def mutate_track_level_twice(d: Data) -> None:
    project = d["organisation"]["projects"][0]["id"]
    d["partnership"]["stakeholders"][0]["track_levels"] = [
        {"track": project, "level": 3},
        {"track": project, "level": 4},
    ]


def mutate_partner_without_goal(d: Data) -> None:
    partner_id = d["partnership"]["partners"][0]["id"]
    for goal in d["goals"]:
        goal["partners"] = [p for p in goal.get("partners", []) if p != partner_id] or [
            d["partnership"]["partners"][1]["id"]
        ]


def mutate_partner_without_contribution(d: Data) -> None:
    partner_id = d["partnership"]["partners"][0]["id"]
    contributions = d["finance"]["contributions"]
    d["finance"]["contributions"] = [c for c in contributions if c["partner"] != partner_id]


def mutate_reporting_cycle(d: Data) -> None:
    first, second = d["organisation"]["bodies"][:2]
    first["reports_to"], second["reports_to"] = second["id"], first["id"]


def mutate_team_without_line(d: Data) -> None:
    body = next(b for b in d["organisation"]["bodies"] if b["kind"] != "steering_committee")
    body["reports_to"] = None


def mutate_unneeded(d: Data) -> None:
    d["organisation"]["checklist"]["regular_sounding"] = False
    if not bodies(d, "sounding_board"):
        d["organisation"]["bodies"].append(
            {"id": "kbg-extra", "kind": "sounding_board", "name": "Klankbord", "tasks": "Toetsen."}
        )


def mutate_element_missing(d: Data) -> None:
    d["organisation"]["checklist"]["in_current_affairs"] = True
    d.update(remove_bodies(d, "intervention_team"))


def mutate_project_team_too_large(d: Data) -> None:
    team = bodies(d, "project_team")[0]
    team["members"] = [{"name": f"Teamlid {n}"} for n in range(8)]


def mutate_body_large(d: Data) -> None:
    board = bodies(d, "steering_committee")[0]
    board["members"] += [{"name": f"Bestuurder {n}"} for n in range(8)]


def mutate_bodies_overlap(d: Data) -> None:
    steering = bodies(d, "steering_committee")[0]
    d["organisation"]["bodies"].append(
        {
            "id": "org-kerngroep",
            "kind": "other",
            "name": "Kerngroep",
            "reports_to": steering["id"],
            "members": copy.deepcopy(steering["members"][:3]),
        }
    )


def mutate_no_projects(d: Data) -> None:
    gone = {p["id"] for p in d["organisation"]["projects"]}
    d["organisation"]["projects"] = []
    d.update(forget(d, gone))


def mutate_partner_agreements(d: Data) -> None:
    if "partner_agreements" not in d["appendices"]["chosen"]:
        d["appendices"]["chosen"].append("partner_agreements")
    d["appendices"]["partner_agreements"] = d["appendices"].get("partner_agreements", [])[1:]


def mutate_subproject_plans(d: Data) -> None:
    if "planning_budget" not in d["appendices"]["chosen"]:
        d["appendices"]["chosen"].append("planning_budget")
    d["appendices"]["subproject_plans"] = ""
    if not bodies(d, "subproject_team"):
        d["organisation"]["bodies"].append(
            {
                "id": "dpt-extra",
                "kind": "subproject_team",
                "name": "Deelprojectteam",
                "tasks": "Uitvoeren.",
                "members": [{"name": "Iemand"}],
            }
        )


def mutate_appendix_empty(d: Data) -> None:
    d["appendices"]["problem_analysis"] = ""
    if "problem_analysis" not in d["appendices"]["chosen"]:
        d["appendices"]["chosen"].append("problem_analysis")


def mutate_appendix_not_chosen(d: Data) -> None:
    d["appendices"]["definitions"] = [{"term": "Wijk", "meaning": "Het gebied van de aanpak."}]
    d["appendices"]["chosen"] = [k for k in d["appendices"]["chosen"] if k != "definitions"]


def mutate_years_shifted(d: Data) -> None:
    # Money paid in late cannot cover earlier years (money paid early carries forward).
    last_year = max(item["year"] for item in d["finance"]["cost_items"])
    for contribution in d["finance"]["contributions"]:
        contribution["year"] = last_year


def mutate_project_without_goal(d: Data) -> None:
    d["organisation"]["projects"][0]["goals"] = []


def mutate_goal_without_project(d: Data) -> None:
    for project in d["organisation"]["projects"]:
        project["goals"] = [g for g in project["goals"] if g != "g-renovatie"]


def add_sub_programme(d: Data, **fields: Any) -> Data:
    """A pillar with owner and goal; the first project of the small example belongs to it."""
    sub: Data = {
        "id": "sp-wijk",
        "name": "Wijkpijler",
        "kind": "pillar",
        "owner": "gem-apeldoorn",
        "goals": ["g-gezond"],
        **fields,
    }
    d["organisation"]["sub_programmes"] = [sub]
    for project in d["organisation"]["projects"]:
        project["sub_programme"] = "sp-wijk"
    return sub


def mutate_sub_programme_without_projects(d: Data) -> None:
    add_sub_programme(d)
    d["organisation"]["sub_programmes"].append(
        {"id": "sp-leeg", "name": "Lege pijler", "owner": "gem-apeldoorn", "goals": ["g-wonen"]}
    )


def mutate_project_without_sub_programme(d: Data) -> None:
    add_sub_programme(d)
    d["organisation"]["projects"][0]["sub_programme"] = None


def mutate_project_goal_outside_sub_programme(d: Data) -> None:
    add_sub_programme(d, goals=["g-wonen", "g-meedoen"])  # prj-wijkhart also serves g-gezond


def mutate_no_interests(d: Data) -> None:
    ids = {i["id"] for i in d["partnership"]["partners"][0]["interests"]}
    d["partnership"]["partners"][0]["interests"] = []
    d.update(forget(d, ids))


def mutate_no_direction(d: Data) -> None:
    d.update(remove_bodies(d, "direction_group"))
    d["organisation"]["process_director"] = None


def for_each(items: Callable[[Data], list[Data]], **changes: Any) -> Callable[[Data], None]:
    """A mutation that sets the same fields on every item of a list."""

    def apply(d: Data) -> None:
        for item in items(d):
            item.update(changes)

    return apply


def set_(path: str, value: Any) -> Callable[[Data], None]:
    """A mutation that sets one field, addressed like ``goals.0.partners``."""

    def apply(d: Data) -> None:
        *parents, last = path.split(".")
        node: Any = d
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return apply


def succession(
    sid: str = "s1",
    predecessor: str = "roc-ovc",
    successor: str = "roc-ovc",
    date: dt.date = dt.date(2027, 1, 1),
) -> Data:
    return {"id": sid, "predecessor": predecessor, "successor": successor, "date": date}


CASES: dict[str, tuple[Data | None, Callable[[Data], None]]] = {
    "programme-period-missing": (None, set_("programme.start", None)),
    "programme-period-order": (None, set_("programme.end", dt.date(2000, 1, 1))),
    "ambition-statement-missing": (None, set_("ambition.statement", " ")),
    "ambition-statement-too-long": (None, set_("ambition.statement", "woord " * 61)),
    "ambition-statement-too-thin": (None, set_("ambition.statement", "Een betere wijk.")),
    "ambition-story-missing": (None, set_("ambition.story", "")),
    "ambition-beneficiaries-missing": (None, set_("ambition.beneficiaries", [])),
    "ambition-beneficiary-benefit-missing": (None, set_("ambition.beneficiaries.0.benefit", "")),
    "ambition-larger-whole-missing": (None, set_("ambition.larger_whole", "")),
    "partnership-strategy-missing": (None, set_("partnership.strategy", "")),
    "partnership-sector-roles-missing": (None, set_("partnership.sector_roles", [])),
    "partnership-sector-role-unfilled": (None, mutate_unfilled_sector),
    "partnership-initiator-missing": (None, set_("partnership.initiator", None)),
    "partnership-founding-moment-undated": (
        None,
        set_("partnership.founding_moments", [{"id": "om-start", "title": "Startdocument"}]),
    ),
    "partnership-partners-missing": (EMPTY, lambda d: None),
    "partner-role-missing": (None, set_("partnership.partners.0.role", "")),
    "partner-contribution-missing": (None, set_("partnership.partners.0.contribution", "")),
    "partner-core-values-missing": (None, set_("partnership.partners.0.core_values", [])),
    "partner-interests-missing": (None, mutate_no_interests),
    "partner-signatory-missing": (None, set_("partnership.partners.0.signatories", [])),
    "partner-low-participation": (None, set_("partnership.partners.0.participation_level", 2)),
    "partnership-wanted-level-higher": (None, mutate_wanted_level),
    "partnership-track-level-twice": (None, mutate_track_level_twice),
    "partnership-five-os-coverage": (
        None,
        for_each(
            lambda d: d["partnership"]["partners"] + d["partnership"].get("stakeholders", []),
            category="government",
        ),
    ),
    "governance-direction-missing": (None, mutate_no_direction),
    "governance-steering-missing": (
        None,
        lambda d: d.update(remove_bodies(d, "steering_committee")),
    ),
    "governance-body-not-composed": (
        None,
        lambda d: bodies(d, "steering_committee")[0].update(members=[]),
    ),
    "governance-steering-chair-missing": (
        None,
        for_each(lambda d: bodies(d, "steering_committee")[0]["members"], role="member"),
    ),
    "governance-cocreator-not-in-steering": (None, mutate_without_steering_member),
    "governance-decision-making-missing": (None, set_("organisation.decision_making", "")),
    "consortium-goal-without-partner": (None, set_("goals.0.partners", [])),
    "consortium-partner-without-goal": (None, mutate_partner_without_goal),
    "consortium-costs-not-covered": (
        None,
        lambda d: d["finance"]["cost_items"].append(
            {"id": "extra-kosten", "description": "Tegenvaller", "year": 2027, "amount": 10**9}
        ),
    ),
    "realisation-description-missing": (None, set_("realisation.description", "")),
    "realisation-artist-impression-missing": (None, set_("realisation.artist_impression", None)),
    "realisation-image-alt-missing": (None, set_("realisation.artist_impression.alt_text", "")),
    "realisation-impact-missing": (None, set_("realisation.impact", "")),
    "realisation-negative-consequences-missing": (
        None,
        set_("realisation.negative_consequences", []),
    ),
    "realisation-mitigation-missing": (
        None,
        set_("realisation.negative_consequences.0.mitigation", ""),
    ),
    "realisation-public-milestones-missing": (
        None,
        for_each(lambda d: d["planning"]["milestones"], public=False),
    ),
    "goals-missing": (EMPTY, lambda d: None),
    "goals-top-missing": (None, for_each(lambda d: d["goals"], contributes_to_ambition=False)),
    "goals-cycle": (None, mutate_cycle),
    "goals-not-connected": (
        None,
        lambda d: d["goals"].append(
            {"id": "los-doel", "title": "Los doel", "partners": [d["goals"][0]["partners"][0]]}
        ),
    ),
    "goals-interest-not-linked": (
        None,
        lambda d: d["partnership"]["partners"][0]["interests"].append(
            {"id": "nieuw-belang", "description": "Een belang zonder doel."}
        ),
    ),
    "kpi-top-goal-unmeasured": (
        None,
        lambda d: d["goals"].append(
            {
                "id": "nieuw-hoofddoel",
                "title": "Nieuw hoofddoel",
                "contributes_to_ambition": True,
                "partners": [d["goals"][0]["partners"][0]],
            }
        ),
    ),
    "kpi-incomplete": (None, set_("indicators.0.owner", None)),
    "kpi-measure-fit": (
        None,
        lambda d: d["indicators"][1].update(measure="percentage", target=140),
    ),
    "kpi-period-target-outside": (
        None,
        set_("indicators.0.period_targets", [{"period": "2099-Q1", "target": 7}]),
    ),
    "kpi-target-direction": (
        None,
        lambda d: d["indicators"][0].update(target=d["indicators"][0]["baseline"]),
    ),
    "kpi-dates": (None, set_("indicators.0.target_date", dt.date(2099, 1, 1))),
    "effect-method-missing": (None, set_("effect_measurement.method", "")),
    "effect-case-incomplete": (None, set_("effect_measurement.cases.0.reference", [])),
    "effect-event-unpriced": (
        None,
        set_("effect_measurement.cases.0.intervention.0.price_item", None),
    ),
    "effects-price-item-not-in-list": (None, mutate_price_item_not_in_list),
    "effects-unit-mismatch": (
        None,
        set_("effect_measurement.cases.0.intervention.0.unit", "per uur"),
    ),
    "effects-event-outside-horizon": (
        None,
        set_("effect_measurement.cases.0.reference.3.year", 7),
    ),
    "effects-event-date-without-start": (None, mutate_event_date_without_start),
    "effects-no-life-events": (None, mutate_only_activities),
    "effects-case-without-goal": (
        None,
        lambda d: d["effect_measurement"]["cases"][2].update(goal=None, goals=[]),
    ),
    "effects-stakeholder-missing": (
        None,
        lambda d: d["effect_measurement"]["price_list"][0].update(stakeholder=None, payer=""),
    ),
    "effects-price-source-missing": (
        None,
        lambda d: d["effect_measurement"]["price_list"][0].update(source="", illustrative=False),
    ),
    "phases-missing": (EMPTY, lambda d: None),
    "phase-dates": (
        None,
        lambda d: d["planning"]["phases"][0].update(
            end=d["planning"]["phases"][0]["start"] - dt.timedelta(days=1)
        ),
    ),
    "phases-order": (None, lambda d: d["planning"]["phases"].reverse()),
    "phase-results-missing": (None, set_("planning.phases.0.results", [])),
    "milestones-missing": (EMPTY, lambda d: None),
    "milestone-dates": (None, set_("planning.milestones.0.date", dt.date(2099, 1, 1))),
    "milestone-outside-phase": (None, mutate_milestone_outside_phase),
    "milestones-order": (None, lambda d: d["planning"]["milestones"].reverse()),
    "finance-costs-missing": (EMPTY, lambda d: None),
    "finance-contributions-missing": (EMPTY, lambda d: None),
    "finance-negative-amount": (None, set_("finance.cost_items.0.amount", -5000)),
    "finance-year-not-covered": (None, mutate_years_shifted),
    "finance-year-outside-period": (None, set_("finance.cost_items.0.year", 2150)),
    "finance-in-kind-unvalued": (None, lambda d: first_in_kind(d).update(valuation="")),
    "finance-partner-without-contribution": (None, mutate_partner_without_contribution),
    "finance-committed-over-budget": (None, set_("finance.cost_items.0.committed", 10**6)),
    "finance-spent-over-committed": (None, set_("finance.cost_items.0.spent", 10**6)),
    "finance-spent-in-future-year": (
        None,
        lambda d: d["finance"]["cost_items"][0].update(year=2199, spent=1000),
    ),
    "risks-missing": (EMPTY, lambda d: None),
    "risk-precaution-missing": (None, set_("risks.items.0.precautions", "")),
    "risk-bearer-missing": (None, set_("risks.items.0.bearer", None)),
    "risks-conclusions-missing": (None, set_("risks.conclusions", "")),
    "org-checklist-unanswered": (None, set_("organisation.checklist.produces_products", None)),
    "org-element-missing": (None, mutate_element_missing),
    "org-element-unneeded": (None, mutate_unneeded),
    "org-project-team-too-large": (None, mutate_project_team_too_large),
    "org-independent-with-organisation": (
        None,
        set_("organisation.bodies.0.members.0.independent", True),
    ),
    "org-chair-independent": (None, set_("organisation.bodies.0.members.0.organisation", None)),
    "org-body-large": (None, mutate_body_large),
    "org-bodies-overlap": (None, mutate_bodies_overlap),
    "org-body-incomplete": (None, set_("organisation.bodies.0.tasks", "")),
    "org-reporting-line": (None, mutate_reporting_cycle),
    "org-team-without-line": (None, mutate_team_without_line),
    "org-projects-missing": (None, mutate_no_projects),
    "org-project-incomplete": (None, set_("organisation.projects.0.research_questions", [])),
    "org-project-team": (None, set_("organisation.projects.0.team", None)),
    "org-projects-without-goal": (None, mutate_project_without_goal),
    "org-goals-without-project": (None, mutate_goal_without_project),
    "org-sub-programme-without-projects": (None, mutate_sub_programme_without_projects),
    "org-sub-programme-incomplete": (None, lambda d: add_sub_programme(d, owner=None)),
    "org-project-without-sub-programme": (None, mutate_project_without_sub_programme),
    "org-sub-programme-over-budget": (None, lambda d: add_sub_programme(d, budget_ceiling=1000)),
    "org-project-goal-outside-sub-programme": (
        None,
        mutate_project_goal_outside_sub_programme,
    ),
    "org-deliverable-outside-period": (
        None,
        set_("organisation.projects.0.deliverables.0.due", dt.date(2099, 1, 1)),
    ),
    "org-citizen-initiative-how": (
        None,
        lambda d: (
            d["organisation"]
            .setdefault("citizen_initiatives", [])
            .append({"id": "bi-nieuw", "name": "Buurtmoestuin", "form": "civil_civil"})
        ),
    ),
    "org-alliance-incomplete": (
        None,
        lambda d: (
            d["organisation"]
            .setdefault("alliances", [])
            .append(
                {"id": "al-nieuw", "name": "Alliantie zonder partijen", "kind": "public_private"}
            )
        ),
    ),
    "finance-funder-without-contribution": (
        None,
        set_(
            "partnership.funders",
            [{"id": "fin-fonds", "name": "Wijkfonds", "category": "civil_society"}],
        ),
    ),
    "appendices-none-chosen": (None, set_("appendices.chosen", [])),
    "appendix-empty": (None, mutate_appendix_empty),
    "appendix-not-chosen": (None, mutate_appendix_not_chosen),
    "appendix-partner-agreements-coverage": (None, mutate_partner_agreements),
    "appendix-subproject-plans": (None, mutate_subproject_plans),
    "appendix-suggested": (None, set_("appendices.chosen", [])),
    "amendments-numbering": (
        None,
        set_("amendments", [{"number": 1, "title": "Eerste"}, {"number": 3, "title": "Derde"}]),
    ),
    "amendments-dates": (
        None,
        set_(
            "amendments",
            [
                {"number": 1, "title": "Eerste", "adopted": dt.date(2027, 6, 1)},
                {"number": 2, "title": "Tweede", "adopted": dt.date(2027, 1, 1)},
            ],
        ),
    ),
    "succession-self": (None, lambda d: d["partnership"].update(successions=[succession()])),
    "succession-chain": (
        None,
        lambda d: d["partnership"].update(
            successions=[
                succession("s1", "roc-ovc", "bv-zonnehof"),
                succession("s2", "bv-zonnehof", "roc-ovc"),
            ]
        ),
    ),
    "succession-outside-period": (
        None,
        lambda d: d["partnership"].update(
            successions=[succession("s1", "roc-ovc", "bv-zonnehof", dt.date(2040, 1, 1))]
        ),
    ),
}


def rule_ids(data: Data) -> set[str]:
    return {finding.rule for finding in check(Agreement.model_validate(data))}


def test_every_registered_rule_has_a_case() -> None:
    assert {r.id for r in RULES} == set(CASES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_its_bad_case(rule_id: str) -> None:
    start, mutate = CASES[rule_id]
    data = copy.deepcopy(start) if start is not None else small()
    if start is None:
        assert rule_id not in rule_ids(data), "the small example itself should not trigger it"
    mutate(data)
    findings = [f for f in check(Agreement.model_validate(data)) if f.rule == rule_id]
    assert findings, f"{rule_id} did not fire"
    for finding in findings:
        assert finding.message and finding.hint and finding.path
