"""The Agreement: the whole collaboration agreement as one typed document."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar

from pydantic import BaseModel, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .ambition import Ambition
from .amendments import Amendment
from .appendices import Appendices
from .base import LateFieldsModel, LongText, ShortText, StramienModel
from .effects import EffectMeasurement
from .finance import Finance
from .numbering import marks
from .organisation import Organisation
from .partnership import Partnership
from .planning import Planning
from .programme import Goal, Indicator, RiskSection
from .realisation import Realisation

SCHEMA_VERSION = "1.0"
SUPPORTED_SCHEMA_VERSIONS = ("1.0",)

Path = tuple[str | int, ...]

# What each kind of referenced item is called in a Dutch message.
KIND_NAMES: dict[str, str] = {
    "Partner": "partner",
    "Stakeholder": "belanghebbende",
    "Beneficiary": "begunstigde groep",
    "Interest": "organisatiebelang",
    "Signatory": "ondertekenaar",
    "Funder": "financier",
    "FoundingMoment": "oprichtingsmoment",
    "Goal": "doel",
    "Indicator": "indicator",
    "PriceItem": "prijsregel",
    "PriceList": "prijslijst",
    "EffectCase": "casus",
    "Phase": "fase",
    "Milestone": "mijlpaal",
    "CostItem": "begrotingspost",
    "Contribution": "bijdrage",
    "Risk": "risico",
    "Body": "orgaan",
    "SubProgramme": "deelprogramma",
    "Project": "(deel)project",
    "Deliverable": "oplevering",
    "Alliance": "alliantie",
    "CitizenInitiative": "burgerinitiatief",
    "NegativeConsequence": "negatief gevolg",
    "PublicLawProcedure": "procedure",
    "Succession": "opvolging",
}


_PARTY = ("Partner", "Stakeholder")
# Who can bear a cost or receive a benefit in the effect calculation.
EFFECT_PARTIES = ("Partner", "Stakeholder", "Funder", "Beneficiary")

# Every reference field of the document: (model class, field) -> the kinds of item (class names)
# it may point to. Mirrors the checks in ``reference_problems``; forms use it for their choices.
REFERENCE_KINDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Partnership", "initiator"): _PARTY,
    ("Partnership", "initiators"): _PARTY,
    ("TrackLevel", "track"): ("SubProgramme", "Project"),
    ("Succession", "predecessor"): _PARTY,
    ("Succession", "successor"): _PARTY,
    ("Goal", "contributes_to"): ("Goal",),
    ("Goal", "partners"): ("Partner",),
    ("Goal", "interests"): ("Interest",),
    ("Indicator", "goal"): ("Goal",),
    ("Indicator", "owner"): ("Partner",),
    ("EffectCase", "goal"): ("Goal",),
    ("EffectCase", "goals"): ("Goal",),
    ("EffectCase", "indicators"): ("Indicator",),
    ("EffectCase", "price_list"): ("PriceList",),
    ("CaseEvent", "price_item"): ("PriceItem",),
    ("CaseEvent", "stakeholder"): EFFECT_PARTIES,
    ("PriceItem", "stakeholder"): EFFECT_PARTIES,
    ("Milestone", "phase"): ("Phase",),
    ("CostItem", "phase"): ("Phase",),
    ("CostItem", "project"): ("Project",),
    ("Contribution", "partner"): ("Partner", "Funder"),
    ("Contribution", "cost_item"): ("CostItem",),
    ("Risk", "bearer"): ("Partner",),
    ("Member", "organisation"): _PARTY,
    ("Body", "reports_to"): ("Body",),
    ("Project", "team"): ("Body",),
    ("Project", "commissioning_organisation"): ("Partner",),
    ("Project", "goals"): ("Goal",),
    ("Project", "sub_programme"): ("SubProgramme",),
    ("SubProgramme", "owner"): ("Partner",),
    ("SubProgramme", "goals"): ("Goal",),
    ("TaskAgreement", "partner"): ("Partner",),
}


class Programme(StramienModel):
    """Name and period of the programme."""

    name: ShortText = Field(
        title="Naam van het programma", description="De naam waaronder het programma bekend is."
    )
    short_name: ShortText = Field(
        default="", title="Korte naam", description="Afkorting of roepnaam, voor kopregels."
    )
    summary: LongText = Field(
        default="", title="Samenvatting", description="Eén alinea voor wie maar één alinea leest."
    )
    region: ShortText = Field(default="", title="Gebied", description="Waar het programma speelt.")
    start: dt.date | None = Field(
        default=None, title="Startdatum", description="Begin van het programma."
    )
    end: dt.date | None = Field(
        default=None, title="Einddatum", description="Einde van het programma."
    )


class Agreement(LateFieldsModel):
    """The cross-organisational collaboration agreement (samenwerkingsovereenkomst)."""

    LATE_FIELDS: ClassVar[tuple[str, ...]] = ("amendments",)

    schema_version: str = Field(
        default=SCHEMA_VERSION,
        title="Schemaversie",
        description="Versie van het documentformaat; laat staan zoals Stramien het schreef.",
    )
    programme: Programme = Field(title="Programma", description="Naam en looptijd.")
    ambition: Ambition = Field(
        default_factory=Ambition,
        title=f"{marks('ambition')} Maatschappelijke ambitie",
        description="Waarom en voor wie.",
    )
    partnership: Partnership = Field(
        default_factory=Partnership,
        title=f"{marks('partnership')} Samenwerkingsverband",
        description="Strategie, initiatiefnemer, belanghebbenden en partners.",
    )
    realisation: Realisation = Field(
        default_factory=Realisation,
        title=f"{marks('realisation')} Visualisatie van de realisatie",
        description="Wat er komt, de impact en het ongemak.",
    )
    goals: list[Goal] = Field(
        default_factory=list,
        title=f"{marks('goals')} Doelenboom",
        description="Doelen en hun causale verbanden.",
    )
    indicators: list[Indicator] = Field(
        default_factory=list,
        title=f"{marks('indicators')} Prestatie-indicatoren",
        description="Het dashboard van maatschappelijke indicatoren.",
    )
    effect_measurement: EffectMeasurement = Field(
        default_factory=EffectMeasurement,
        title=f"{marks('effect_measurement')} Effectmeting",
        description="Hoe de maatschappelijke meerwaarde gemeten wordt.",
    )
    planning: Planning = Field(
        default_factory=Planning,
        title=f"{marks('planning')} Fasering",
        description="Fasen en mijlpalen.",
    )
    finance: Finance = Field(
        default_factory=Finance,
        title=f"{marks('finance')} Wie betaalt wat",
        description="Begroting en financiering.",
    )
    organisation: Organisation = Field(
        default_factory=Organisation,
        title=f"{marks('organisation')} Programmaorganisatie",
        description="Regie, besluitvorming, organen en (deel)projecten.",
    )
    risks: RiskSection = Field(
        default_factory=RiskSection,
        title=f"{marks('risks')} Risico's",
        description="Risico's en wie ze draagt.",
    )
    appendices: Appendices = Field(
        default_factory=Appendices,
        title=f"{marks('appendices')} Bijlagen",
        description="Alleen wat relevant is.",
    )
    amendments: list[Amendment] = Field(
        default_factory=list,
        title=f"{marks('amendments')} Wijzigingen",
        description="Latere wijzigingen van de vastgestelde overeenkomst, genummerd 1, 2, 3.",
    )

    @field_validator("schema_version")
    @classmethod
    def _known_schema_version(cls, value: str) -> str:
        if value not in SUPPORTED_SCHEMA_VERSIONS:
            raise PydanticCustomError(
                "schema_version",
                "Schemaversie {version} wordt door deze versie van Stramien niet ondersteund "
                "(wel: {supported}). Werk Stramien bij of sla het document op in een "
                "ondersteunde versie.",
                {"version": value, "supported": ", ".join(SUPPORTED_SCHEMA_VERSIONS)},
            )
        return value

    @model_validator(mode="after")
    def _references_resolve(self) -> Agreement:
        problems = reference_problems(self)
        if problems:
            raise PydanticCustomError(
                "references",
                "Het document bevat {count} ongeldige verwijzing(en) of dubbele id('s).",
                {"count": len(problems), "problems": problems},
            )
        return self

    def items_by_id(self) -> dict[str, BaseModel]:
        """Every item that has an id, keyed by that id."""
        return {item_id: item for item_id, item, _ in iter_identified(self)}


def iter_identified(root: BaseModel, path: Path = ()) -> Iterator[tuple[str, BaseModel, Path]]:
    """Yield (id, item, path) for every item in the document that carries an id.

    Depth first, in field order; only the fields that can hold an item with an id are
    walked (see ``_id_fields``)."""
    found: list[tuple[str, BaseModel, Path]] = []
    _collect_identified(root, path, found)
    yield from found


def _collect_identified(
    node: BaseModel, path: Path, found: list[tuple[str, BaseModel, Path]]
) -> None:
    item_id = getattr(node, "id", None)
    if isinstance(item_id, str):
        found.append((item_id, node, path))
    for name in _id_fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, BaseModel):
            _collect_identified(value, (*path, name), found)
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if isinstance(element, BaseModel):
                    _collect_identified(element, (*path, name, index), found)


# Per model class: the names of its fields that can hold (at any depth) an item with an id.
_ID_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}
# A field whose type says nothing (``Any``, a forward reference...) is always walked.
_UNKNOWN = object()


def _id_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    found = _ID_FIELDS.get(cls)
    if found is None:
        found = tuple(
            name
            for name, info in cls.model_fields.items()
            if _reaches_id(_models_in(info.annotation))
        )
        _ID_FIELDS[cls] = found
    return found


def _models_in(annotation: Any) -> set[Any]:
    """The model classes (and their subclasses) a value of ``annotation`` can be or hold;
    ``_UNKNOWN`` among them when the annotation cannot tell."""
    found: set[Any] = set()
    todo = [annotation]
    while todo:
        current = todo.pop()
        origin = typing.get_origin(current)
        if origin is typing.Annotated:
            todo.append(typing.get_args(current)[0])
        elif origin is typing.Literal:
            continue
        elif origin is not None:
            todo.extend(typing.get_args(current))
            if origin not in _CONTAINERS and origin not in (typing.Union, types.UnionType):
                todo.append(origin)
        elif current is None or current is type(None):
            continue
        elif isinstance(current, type) and issubclass(current, BaseModel):
            found.add(current)
            found.update(_subclasses(current))
        elif isinstance(current, type) and issubclass(current, (*_PLAIN_TYPES, Enum)):
            continue
        else:
            found.add(_UNKNOWN)
    return found


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set()
    todo = list(cls.__subclasses__())
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(current.__subclasses__())
    return found


def _reaches_id(models: set[Any]) -> bool:
    """True when an item with an id can occur in (or be) a value of one of ``models``."""
    seen: set[Any] = set()
    todo = list(models)
    while todo:
        current = todo.pop()
        if current is _UNKNOWN:
            return True
        if current in seen:
            continue
        seen.add(current)
        if "id" in current.model_fields or any("id" in vars(k) for k in current.__mro__):
            return True
        for info in current.model_fields.values():
            todo.extend(_models_in(info.annotation))
    return False


_PLAIN_TYPES = (str, int, float, bool, dt.date, dt.datetime, Decimal, bytes)
_CONTAINERS = (list, tuple, set, frozenset, dict)


def _expect(
    problems: list[tuple[Path, str]],
    index: dict[str, tuple[str, Path]],
    ref: str | None,
    kinds: tuple[str, ...],
    path: Path,
) -> None:
    if ref is None:
        return
    found = index.get(ref)
    if found is not None and found[0] in kinds:
        return
    wanted = " of ".join(KIND_NAMES[k] for k in kinds)
    if found is None:
        problems.append(
            (path, f"Verwijzing naar '{ref}' klopt niet: er is geen {wanted} met dit id.")
        )
    else:
        problems.append(
            (
                path,
                f"'{ref}' is een {KIND_NAMES.get(found[0], found[0])}, "
                f"maar hier hoort een {wanted}.",
            )
        )


def _price_list_of(path: Path) -> Path | None:
    """The path of the price list a price item at ``path`` belongs to (None: not an item)."""
    if path[:2] == ("effect_measurement", "price_list") and len(path) == 3:
        return path[:2]
    if path[:2] == ("effect_measurement", "price_lists") and len(path) == 5:
        return path[:4]
    return None


def _repeats_in_other_price_list(
    first: tuple[str, Path] | None, item_id: str, path: Path, seen: set[tuple[Path, str]]
) -> bool:
    """True for a price item whose id is already used by an item of another price-list
    version: a line keeps its id over the versions (that is how a case is re-priced), so
    only a repeat within one list, or by another kind of item, clashes."""
    own_list = _price_list_of(path)
    if own_list is None:
        return False
    repeat = (own_list, item_id) in seen
    seen.add((own_list, item_id))
    if first is None or repeat or first[0] != "PriceItem":
        return False
    return _price_list_of(first[1]) is not None


def reference_problems(agreement: Agreement) -> list[tuple[Path, str]]:
    """Duplicate ids and references that do not point to an item of the right kind."""
    problems: list[tuple[Path, str]] = []
    index: dict[str, tuple[str, Path]] = {}
    in_price_list: set[tuple[Path, str]] = set()
    for item_id, item, path in iter_identified(agreement):
        # Only the effect measurement holds price lists.
        if (
            path
            and path[0] == "effect_measurement"
            and _repeats_in_other_price_list(index.get(item_id), item_id, path, in_price_list)
        ):
            continue
        if item_id in index:
            problems.append(
                (
                    (*path, "id"),
                    f"Het id '{item_id}' komt al voor (bij {format_path(index[item_id][1])}); "
                    "ids moeten in het hele document uniek zijn.",
                )
            )
        elif item_id not in index:
            index[item_id] = (type(item).__name__, path)

    def expect(ref: str | None, kinds: tuple[str, ...], path: Path) -> None:
        if ref is None:
            return
        found = index.get(ref)
        if found is None or found[0] not in kinds:
            _expect(problems, index, ref, kinds, path)

    party = ("Partner", "Stakeholder")
    p = agreement.partnership
    expect(p.initiator, party, ("partnership", "initiator"))
    for j, ref in enumerate(p.initiators):
        expect(ref, party, ("partnership", "initiators", j))
    for kind in ("partners", "stakeholders"):
        for i, someone in enumerate(getattr(p, kind)):
            for j, track in enumerate(someone.track_levels):
                expect(
                    track.track,
                    ("SubProgramme", "Project"),
                    ("partnership", kind, i, "track_levels", j, "track"),
                )
    for i, succession in enumerate(p.successions):
        base_s: Path = ("partnership", "successions", i)
        expect(succession.predecessor, party, (*base_s, "predecessor"))
        expect(succession.successor, party, (*base_s, "successor"))
    for i, goal in enumerate(agreement.goals):
        base: Path = ("goals", i)
        for j, ref in enumerate(goal.contributes_to):
            expect(ref, ("Goal",), (*base, "contributes_to", j))
        for j, ref in enumerate(goal.partners):
            expect(ref, ("Partner",), (*base, "partners", j))
        for j, ref in enumerate(goal.interests):
            expect(ref, ("Interest",), (*base, "interests", j))
    for i, indicator in enumerate(agreement.indicators):
        expect(indicator.goal, ("Goal",), ("indicators", i, "goal"))
        expect(indicator.owner, ("Partner",), ("indicators", i, "owner"))
    measurement = agreement.effect_measurement
    price_lists: list[tuple[Path, list[Any]]] = [
        (("effect_measurement", "price_list"), measurement.price_list)
    ]
    price_lists += [
        (("effect_measurement", "price_lists", i, "items"), version.items)
        for i, version in enumerate(measurement.price_lists)
    ]
    for list_path, items in price_lists:
        for j, item in enumerate(items):
            expect(item.stakeholder, EFFECT_PARTIES, (*list_path, j, "stakeholder"))
    for i, case in enumerate(measurement.cases):
        base = ("effect_measurement", "cases", i)
        expect(case.goal, ("Goal",), (*base, "goal"))
        for j, ref in enumerate(case.goals):
            expect(ref, ("Goal",), (*base, "goals", j))
        for j, ref in enumerate(case.indicators):
            expect(ref, ("Indicator",), (*base, "indicators", j))
        expect(case.price_list, ("PriceList",), (*base, "price_list"))
        for scenario in ("intervention", "reference"):
            for j, event in enumerate(getattr(case, scenario)):
                expect(event.price_item, ("PriceItem",), (*base, scenario, j, "price_item"))
                expect(event.stakeholder, EFFECT_PARTIES, (*base, scenario, j, "stakeholder"))
    for i, milestone in enumerate(agreement.planning.milestones):
        expect(milestone.phase, ("Phase",), ("planning", "milestones", i, "phase"))
    for i, cost in enumerate(agreement.finance.cost_items):
        expect(cost.phase, ("Phase",), ("finance", "cost_items", i, "phase"))
        expect(cost.project, ("Project",), ("finance", "cost_items", i, "project"))
    for i, contribution in enumerate(agreement.finance.contributions):
        expect(
            contribution.partner,
            ("Partner", "Funder"),
            ("finance", "contributions", i, "partner"),
        )
        expect(contribution.cost_item, ("CostItem",), ("finance", "contributions", i, "cost_item"))
    for i, risk in enumerate(agreement.risks.items):
        expect(risk.bearer, ("Partner",), ("risks", "items", i, "bearer"))
    org = agreement.organisation
    if org.process_director is not None:
        expect(
            org.process_director.organisation,
            party,
            ("organisation", "process_director", "organisation"),
        )
    for i, body in enumerate(org.bodies):
        expect(body.reports_to, ("Body",), ("organisation", "bodies", i, "reports_to"))
        for j, member in enumerate(body.members):
            expect(
                member.organisation,
                party,
                ("organisation", "bodies", i, "members", j, "organisation"),
            )
    for i, sub in enumerate(org.sub_programmes):
        base = ("organisation", "sub_programmes", i)
        expect(sub.owner, ("Partner",), (*base, "owner"))
        for j, ref in enumerate(sub.goals):
            expect(ref, ("Goal",), (*base, "goals", j))
    for i, project in enumerate(org.projects):
        base = ("organisation", "projects", i)
        expect(project.sub_programme, ("SubProgramme",), (*base, "sub_programme"))
        expect(project.team, ("Body",), (*base, "team"))
        expect(
            project.commissioning_organisation, ("Partner",), (*base, "commissioning_organisation")
        )
        for j, ref in enumerate(project.goals):
            expect(ref, ("Goal",), (*base, "goals", j))
    for i, task in enumerate(agreement.appendices.partner_agreements):
        expect(task.partner, ("Partner",), ("appendices", "partner_agreements", i, "partner"))
    return problems


def format_path(path: tuple[Any, ...]) -> str:
    """A document path as people read it: ``goals[3].contributes_to[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
