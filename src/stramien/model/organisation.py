"""§2.4 and the annex to §4: programme organisation, bodies, (sub)projects, alliances."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from pydantic import Field, model_validator

from .base import Amount, Id, LateFieldsModel, LongText, Ref, ShortText, StramienModel, YesNo
from .dates import PlanDate, precision_from_input, window
from .enums import (
    AllianceKind,
    BodyKind,
    CollaborationForm,
    DatePrecision,
    MemberRole,
    Sector,
    SubProgrammeKind,
)


class Member(LateFieldsModel):
    """A person in a body: on behalf of an organisation, from the midst of a sector, or
    independent of any."""

    LATE_FIELDS: ClassVar[tuple[str, ...]] = ("independent", "sector")

    name: ShortText = Field(
        title="Naam", description="Naam van de persoon (of de functie, zolang die vacant is)."
    )
    function: ShortText = Field(
        default="", title="Functie", description="Functie in de eigen organisatie."
    )
    organisation: Ref | None = Field(
        default=None,
        title="Organisatie",
        description="Id van de partner of belanghebbende namens wie deze persoon zitting heeft.",
    )
    role: MemberRole = Field(
        default=MemberRole.MEMBER,
        title="Rol",
        description="Voorzitter, vicevoorzitter, secretaris, directeur (bijvoorbeeld de "
        "programmadirecteur die het programmabureau leidt), lid of adviseur.",
    )
    independent: YesNo = Field(
        default=False,
        title="Onafhankelijk",
        description="Ja als deze persoon geen organisatie vertegenwoordigt, zoals een "
        "onafhankelijk voorzitter of een onafhankelijk lid; laat dan 'Organisatie' leeg.",
    )
    sector: Sector | None = Field(
        default=None,
        title="Namens de sector",
        description="De sector waaruit dit lid zitting heeft ('uit het midden van'), ook als "
        "hij of zij geen organisatie vertegenwoordigt of geen partner is. Telt mee bij de "
        "vraag of elke benodigde sector aan boord is.",
    )


class Body(LateFieldsModel):
    """A body of the programme organisation: stuurgroep, boards, bureau, teams, ..."""

    LATE_FIELDS: ClassVar[tuple[str, ...]] = ("mandate",)

    id: Id
    kind: BodyKind = Field(
        title="Soort orgaan",
        description="Stuurgroep, algemeen of dagelijks bestuur, regiegroep, programmabureau, "
        "projectteam, adviesorgaan, ...",
    )
    name: ShortText = Field(title="Naam", description="Naam van het orgaan.")
    tasks: LongText = Field(
        default="",
        title="Taken en bevoegdheden",
        description="Waarvoor dit orgaan verantwoordelijk is.",
    )
    members: list[Member] = Field(default_factory=list, title="Leden", description="Samenstelling.")
    reports_to: Ref | None = Field(
        default=None,
        title="Legt verantwoording af aan",
        description="Id van het hogere orgaan. Bij een adviesorgaan, kwaliteitsteam, "
        "evaluatie of klankbordgroep: het orgaan dat het adviseert.",
    )
    mandate: LongText = Field(
        default="",
        title="Mandaat",
        description="Waarover dit orgaan zelf mag besluiten zonder het orgaan waaraan het "
        "verantwoording aflegt, en tot welk bedrag; bijvoorbeeld 'besluit over projecten "
        "tot € 500.000'.",
    )


class Deliverable(LateFieldsModel):
    LATE_FIELDS: ClassVar[tuple[str, ...]] = ("due_precision",)

    id: Id
    title: ShortText = Field(title="Product of dienst", description="Wat er wordt opgeleverd.")
    due: PlanDate = Field(
        title="Opleverdatum",
        description=(
            "Wanneer het wordt opgeleverd: een dag, of een periode zoals Q3 2026 of eind 2027 "
            "(dan wordt de eerste dag van die periode bewaard)."
        ),
    )
    due_precision: DatePrecision = Field(
        default=DatePrecision.DAY,
        title="Nauwkeurigheid van de opleverdatum",
        description=(
            "Hoe precies de opleverdatum vastligt: op de dag, of een maand, kwartaal, halfjaar, "
            "seizoen, medio, begin of eind van het jaar, of een jaar."
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _precision_from_text(cls, data: Any) -> Any:
        return precision_from_input(data, {"due": "due_precision"})

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        """The first and last day of the period the delivery is planned in."""
        return window(self.due, self.due_precision)


class SubProgramme(StramienModel):
    """A sub-programme or pillar of a programme of projects: it groups projects, not work."""

    id: Id
    name: ShortText = Field(title="Naam", description="Naam van het deelprogramma of de pijler.")
    kind: SubProgrammeKind = Field(
        default=SubProgrammeKind.SUB_PROGRAMME,
        title="Soort",
        description="Deelprogramma of pijler (bijvoorbeeld een lokale of een thematische "
        "pijler); alleen de benaming in het document verschilt.",
    )
    description: LongText = Field(
        default="",
        title="Toelichting",
        description="Waar dit deelprogramma over gaat en hoe het bijdraagt aan de ambitie.",
    )
    owner: Ref | None = Field(
        default=None,
        title="Eigenaar",
        description="Id van de partner die verantwoordelijk is voor dit deelprogramma.",
    )
    goals: list[Ref] = Field(
        default_factory=list,
        title="Doelstellingen",
        description="Ids van de doelen uit de doelenboom waaraan dit deelprogramma werkt.",
    )
    budget_ceiling: Amount | None = Field(
        default=None,
        title="Budgetplafond",
        description="Het bedrag in euro dat dit deelprogramma hoogstens mag besteden; de "
        "kostenposten van zijn projecten samen blijven daaronder. Leeg als er geen plafond is.",
    )


class Project(LateFieldsModel):
    """A (sub)project that makes concrete products or services (annex to §4, item 1)."""

    LATE_FIELDS: ClassVar[tuple[str, ...]] = ("sub_programme",)

    id: Id
    name: ShortText = Field(title="Naam", description="Naam van het (deel)project.")
    team: Ref | None = Field(
        default=None, title="Team", description="Id van het projectteam of deelprojectteam."
    )
    goals: list[Ref] = Field(
        default_factory=list,
        title="Doelstellingen",
        description="Ids van de doelen uit de doelenboom waaraan dit project werkt.",
    )
    research_questions: list[LongText] = Field(
        default_factory=list,
        title="Onderzoeksvragen",
        description="De belangrijkste vragen die het project beantwoordt.",
    )
    deliverables: list[Deliverable] = Field(
        default_factory=list, title="Opleveringen", description="Wat wanneer wordt opgeleverd."
    )
    commissioning_client: ShortText = Field(
        default="",
        title="(Ambtelijk) opdrachtgever",
        description="Wie opdrachtgever is, bijvoorbeeld 'directeur Wonen, gemeente X'.",
    )
    commissioning_organisation: Ref | None = Field(
        default=None, title="Organisatie opdrachtgever", description="Id van de partner."
    )
    sub_programme: Ref | None = Field(
        default=None,
        title="Deelprogramma",
        description="Id van het deelprogramma (of de pijler) waartoe dit project hoort; leeg "
        "als het programma geen deelprogramma's kent.",
    )


class Alliance(StramienModel):
    """A collaboration with another initiative or a new public-private/private-private deal."""

    id: Id
    name: ShortText = Field(title="Alliantie", description="Naam van de alliantie.")
    kind: AllianceKind = Field(title="Soort", description="Publiek-privaat, privaat-privaat, ...")
    parties: list[ShortText] = Field(
        default_factory=list, title="Met wie", description="De partijen of initiatieven."
    )
    purpose: LongText = Field(default="", title="Doel", description="Wat de alliantie regelt.")


class CitizenInitiative(StramienModel):
    id: Id
    name: ShortText = Field(title="Burgerinitiatief", description="Naam van het initiatief.")
    form: CollaborationForm = Field(title="Vorm", description="Publiek-civiel of civiel-civiel.")
    how: LongText = Field(
        default="",
        title="Hoe we samenwerken",
        description="Hoe de samenwerking procesmatig is vormgegeven.",
    )


class OrganisationChecklist(StramienModel):
    """The questions of the annex to §4; each answer is yes, no or not yet answered."""

    produces_products: YesNo | None = Field(
        default=None,
        title="Brengt het programma concrete producten of diensten voort?",
        description="Zo ja: een projectteam (max. 7) en zo nodig deelprojectteams.",
    )
    in_current_affairs: YesNo | None = Field(
        default=None,
        title="Staat het programma midden in de actualiteit?",
        description="Zo ja: een interventieteam dat snel reageert en vooruitkijkt.",
    )
    touches_other_initiatives: YesNo | None = Field(
        default=None,
        title="Raakt het programma andere initiatieven, of ontstaan er nieuwe samenwerkingen?",
        description="Zo ja: leg vast welke allianties met wie worden gesloten.",
    )
    citizen_initiatives_matter: YesNo | None = Field(
        default=None,
        title="Spelen burgerinitiatieven een belangrijke rol?",
        description="Zo ja: beschrijf hoe de samenwerking verloopt (publiek-civiel, "
        "civiel-civiel).",
    )
    communication_critical: YesNo | None = Field(
        default=None,
        title="Is communicatie met media en samenleving een kritische succesfactor?",
        description="Zo ja: een communicatieteam.",
    )
    control_complex: YesNo | None = Field(
        default=None,
        title="Is de beheersing van het programma complex en cruciaal?",
        description="Zo ja: projectondersteuning (secretaris, planner).",
    )
    regular_sounding: YesNo | None = Field(
        default=None,
        title="Moeten resultaten regelmatig worden getoetst bij de achterban?",
        description="Zo ja: een klankbordgroep.",
    )
    notes: LongText = Field(
        default="", title="Toelichting", description="Uitleg bij de antwoorden."
    )


class Organisation(LateFieldsModel):
    """Who directs, decides and does the work."""

    LATE_FIELDS: ClassVar[tuple[str, ...]] = ("sub_programmes",)

    process_director: Member | None = Field(
        default=None,
        title="Procesregisseur",
        description="De persoon die verantwoordelijk is voor de procesgang.",
    )
    decision_making: LongText = Field(
        default="",
        title="Regievoering en besluitvorming",
        description="Hoe regie en besluitvorming zijn georganiseerd, ook bij dilemma's.",
    )
    checklist: OrganisationChecklist = Field(
        default_factory=OrganisationChecklist,
        title="Checklist inrichting programma",
        description="De vragen uit de toelichting bij §4; de antwoorden bepalen het advies.",
    )
    bodies: list[Body] = Field(
        default_factory=list, title="Organen", description="Stuurgroep, regiegroep, teams."
    )
    sub_programmes: list[SubProgramme] = Field(
        default_factory=list,
        title="Deelprogramma's",
        description="Bestaat het programma uit deelprogramma's of pijlers met elk eigen "
        "projecten? Noem ze hier en geef bij elk project aan waartoe het hoort.",
    )
    projects: list[Project] = Field(
        default_factory=list, title="(Deel)projecten", description="Met doelen en opleveringen."
    )
    alliances: list[Alliance] = Field(
        default_factory=list, title="Allianties", description="Samenwerkingen met anderen."
    )
    citizen_initiatives: list[CitizenInitiative] = Field(
        default_factory=list,
        title="Burgerinitiatieven",
        description="En hoe ermee wordt samengewerkt.",
    )
