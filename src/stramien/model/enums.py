"""The fixed vocabularies of the stramien, each value with its Dutch label."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members know their Dutch label."""

    @property
    def label(self) -> str:
        return _LABELS[self]


class StakeholderCategory(LabelledEnum):
    """The '5 O's' of the annex to §2, plus target groups and citizens."""

    GOVERNMENT = "government"
    CIVIL_SOCIETY = "civil_society"
    BUSINESS = "business"
    EDUCATION_RESEARCH = "education_research"
    CITIZENS = "citizens"


class Sector(LabelledEnum):
    """The sectors whose role §2.1 asks for."""

    POLITICAL = "political"
    PUBLIC = "public"
    PRIVATE = "private"
    CIVIL = "civil"


class ParticipationLevel(IntEnum):
    """The participation ladder of the annex to §2, from low (1) to high (5)."""

    INFORM = 1
    CONSULT = 2
    ADVISE = 3
    CO_CREATION = 4
    SELF_DEVELOPMENT = 5

    @property
    def label(self) -> str:
        return PARTICIPATION_LABELS[self]

    @property
    def role_of_stakeholder(self) -> str:
        return PARTICIPATION_ROLES[self]


PARTICIPATION_LABELS: dict[ParticipationLevel, str] = {
    ParticipationLevel.INFORM: "Informeren",
    ParticipationLevel.CONSULT: "Raadplegen",
    ParticipationLevel.ADVISE: "Adviseren",
    ParticipationLevel.CO_CREATION: "Co-creatie / partnerschap",
    ParticipationLevel.SELF_DEVELOPMENT: "Zelfontwikkeling",
}

# In our own words: what each rung of the ladder means for the stakeholder.
PARTICIPATION_ROLES: dict[ParticipationLevel, str] = {
    ParticipationLevel.INFORM: (
        "Luistert mee. De initiatiefnemer bepaalt agenda, inhoud en besluit en houdt de "
        "belanghebbende op de hoogte, bijvoorbeeld met bijeenkomsten, nieuwsbrieven of gesprekken."
    ),
    ParticipationLevel.CONSULT: (
        "Praat mee. Zijn inbreng voedt de meningsvorming, maar de initiatiefnemer is er niet "
        "aan gebonden en houdt de agenda in handen."
    ),
    ParticipationLevel.ADVISE: (
        "Denkt mee. Mag problemen agenderen en oplossingen aandragen die serieus meewegen; het "
        "bestuur legt uit waarom een advies wel of niet wordt gevolgd."
    ),
    ParticipationLevel.CO_CREATION: (
        "Beslist mee. Stelt samen met de initiatiefnemer agenda, randvoorwaarden en plan op; "
        "de initiatiefnemer verbindt zich aan de gezamenlijke oplossingen."
    ),
    ParticipationLevel.SELF_DEVELOPMENT: (
        "Neemt het over. Ontwikkelt zelf beleid en neemt zelf besluiten binnen vooraf "
        "nauwkeurig vastgelegde randvoorwaarden; de initiatiefnemer toetst en neemt over."
    ),
}


class Approach(LabelledEnum):
    """Supply-driven design approach versus demand-driven development approach."""

    DESIGN = "design"
    DEVELOPMENT = "development"
    MIXED = "mixed"


class BodyKind(LabelledEnum):
    """The bodies a programme organisation can have (§2.4 and the annex to §4)."""

    STEERING_COMMITTEE = "steering_committee"
    DIRECTION_GROUP = "direction_group"
    PROJECT_TEAM = "project_team"
    SUBPROJECT_TEAM = "subproject_team"
    INTERVENTION_TEAM = "intervention_team"
    COMMUNICATION_TEAM = "communication_team"
    PROJECT_SUPPORT = "project_support"
    SOUNDING_BOARD = "sounding_board"
    GENERAL_BOARD = "general_board"
    DAILY_BOARD = "daily_board"
    PROGRAMME_OFFICE = "programme_office"
    ADVISORY_BODY = "advisory_body"
    QUALITY_TEAM = "quality_team"
    EVALUATOR = "evaluator"
    OTHER = "other"

    @property
    def is_board(self) -> bool:
        """A body that takes the programme's decisions: a stuurgroep or a (daily) board."""
        return self in BOARD_KINDS

    @property
    def is_advisory(self) -> bool:
        """A body that advises or tests another body rather than doing the work."""
        return self in ADVISORY_KINDS


BOARD_KINDS = frozenset({BodyKind.STEERING_COMMITTEE, BodyKind.GENERAL_BOARD, BodyKind.DAILY_BOARD})
ADVISORY_KINDS = frozenset(
    {BodyKind.ADVISORY_BODY, BodyKind.QUALITY_TEAM, BodyKind.EVALUATOR, BodyKind.SOUNDING_BOARD}
)


class MemberRole(LabelledEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    SECRETARY = "secretary"
    DIRECTOR = "director"
    MEMBER = "member"
    ADVISER = "adviser"


class ContributionKind(LabelledEnum):
    """Money or one of the in-kind contributions named in §4.4."""

    CASH = "cash"
    CAPITAL_GOODS = "capital_goods"
    LABOUR = "labour"
    OFFICE_SPACE = "office_space"
    OTHER_IN_KIND = "other_in_kind"

    @property
    def in_kind(self) -> bool:
        return self is not ContributionKind.CASH


class ConsequenceKind(LabelledEnum):
    BEHAVIOUR_CHANGE = "behaviour_change"
    TEMPORARY_NUISANCE = "temporary_nuisance"
    OTHER = "other"


class MilestoneKind(LabelledEnum):
    MILESTONE = "milestone"
    DELIVERY = "delivery"
    DECISION = "decision"


class DatePrecision(LabelledEnum):
    """How precise a planned date is: a day, or a period as people plan ("Q3 2026")."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    SEASON = "season"
    MID_YEAR = "mid_year"
    EARLY_YEAR = "early_year"
    LATE_YEAR = "late_year"
    YEAR = "year"


class CollaborationForm(LabelledEnum):
    """How citizens' initiatives are worked with (annex to §4, item 4)."""

    PUBLIC_CIVIL = "public_civil"
    CIVIL_CIVIL = "civil_civil"


class AllianceKind(LabelledEnum):
    PUBLIC_PRIVATE = "public_private"
    PRIVATE_PRIVATE = "private_private"
    PUBLIC_PUBLIC = "public_public"
    PUBLIC_CIVIL = "public_civil"
    OTHER_INITIATIVE = "other_initiative"


class SubProgrammeKind(LabelledEnum):
    """What a programme of projects calls its parts: a sub-programme or a pillar."""

    SUB_PROGRAMME = "sub_programme"
    PILLAR = "pillar"


class IndicatorDirection(LabelledEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class ReportingFrequency(LabelledEnum):
    """How often an indicator is measured; this fixes its reporting periods."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"

    @property
    def periods_per_year(self) -> int:
        return _PERIODS_PER_YEAR[self]

    @property
    def key_letter(self) -> str:
        """The letter of a period key (2027-M03, 2027-Q2, 2027-H1); a year has none."""
        return _KEY_LETTERS[self]


_PERIODS_PER_YEAR: dict[ReportingFrequency, int] = {
    ReportingFrequency.MONTHLY: 12,
    ReportingFrequency.QUARTERLY: 4,
    ReportingFrequency.HALF_YEARLY: 2,
    ReportingFrequency.YEARLY: 1,
}
_KEY_LETTERS: dict[ReportingFrequency, str] = {
    ReportingFrequency.MONTHLY: "M",
    ReportingFrequency.QUARTERLY: "Q",
    ReportingFrequency.HALF_YEARLY: "H",
    ReportingFrequency.YEARLY: "",
}


class MeasureType(LabelledEnum):
    """What kind of value an indicator records."""

    NUMBER = "number"
    PERCENTAGE = "percentage"
    YES_NO = "yes_no"
    SCORE = "score"


class TimeAggregation(LabelledEnum):
    """How the values of successive periods make up the value so far."""

    SUM = "sum"
    LATEST = "latest"
    AVERAGE = "average"
    MAXIMUM = "maximum"


class GoalRollup(LabelledEnum):
    """How an indicator's status counts in the status of its goal."""

    SUM = "sum"
    WEIGHTED = "weighted"
    NONE = "none"


class AmendmentKind(LabelledEnum):
    """How an adopted agreement is changed later."""

    ADDENDUM = "addendum"
    NEW_VERSION = "new_version"


class SuccessionReason(LabelledEnum):
    """Why one party takes over from another."""

    MERGER = "merger"
    REDIVISION = "redivision"
    MINISTRY_CHANGE = "ministry_change"
    OTHER = "other"


class AppendixKind(LabelledEnum):
    """The possible appendices of §5, in the stramien's order."""

    MONITORING = "monitoring"
    ORGANOGRAM = "organogram"
    PLANNING_BUDGET = "planning_budget"
    PARTNER_AGREEMENTS = "partner_agreements"
    COMMUNICATION_PLAN = "communication_plan"
    PROBLEM_ANALYSIS = "problem_analysis"
    RISK_ANALYSIS = "risk_analysis"
    CALAMITIES = "calamities"
    PUBLIC_LAW_PROCEDURES = "public_law_procedures"
    EXIT_CLAUSE = "exit_clause"
    DEFINITIONS = "definitions"


_LABELS: dict[LabelledEnum, str] = {
    StakeholderCategory.GOVERNMENT: "Overheid",
    StakeholderCategory.CIVIL_SOCIETY: "Maatschappelijke organisatie",
    StakeholderCategory.BUSINESS: "Ondernemer",
    StakeholderCategory.EDUCATION_RESEARCH: "Onderwijs- of onderzoeksinstelling",
    StakeholderCategory.CITIZENS: "Doelgroep of burgers",
    Sector.POLITICAL: "Politiek",
    Sector.PUBLIC: "Publiek",
    Sector.PRIVATE: "Privaat",
    Sector.CIVIL: "Civiel",
    Approach.DESIGN: "Ontwerpbenadering (aanbodgericht)",
    Approach.DEVELOPMENT: "Ontwikkelbenadering (vraaggericht)",
    Approach.MIXED: "Gemengd: ontwerp- en ontwikkelbenadering naast elkaar",
    BodyKind.STEERING_COMMITTEE: "Stuurgroep",
    BodyKind.DIRECTION_GROUP: "Regiegroep",
    BodyKind.PROJECT_TEAM: "Projectteam",
    BodyKind.SUBPROJECT_TEAM: "Deelprojectteam",
    BodyKind.INTERVENTION_TEAM: "Interventieteam",
    BodyKind.COMMUNICATION_TEAM: "Communicatieteam",
    BodyKind.PROJECT_SUPPORT: "Projectondersteuning",
    BodyKind.SOUNDING_BOARD: "Klankbordgroep",
    BodyKind.GENERAL_BOARD: "Algemeen bestuur",
    BodyKind.DAILY_BOARD: "Dagelijks bestuur",
    BodyKind.PROGRAMME_OFFICE: "Programmabureau",
    BodyKind.ADVISORY_BODY: "Adviesorgaan",
    BodyKind.QUALITY_TEAM: "Kwaliteitsteam",
    BodyKind.EVALUATOR: "Onafhankelijke evaluatie",
    BodyKind.OTHER: "Overig orgaan",
    MemberRole.CHAIR: "Voorzitter",
    MemberRole.VICE_CHAIR: "Vicevoorzitter",
    MemberRole.SECRETARY: "Secretaris",
    MemberRole.DIRECTOR: "Directeur",
    MemberRole.MEMBER: "Lid",
    MemberRole.ADVISER: "Adviseur",
    ContributionKind.CASH: "Geld",
    ContributionKind.CAPITAL_GOODS: "In natura: kapitaalgoederen",
    ContributionKind.LABOUR: "In natura: arbeid",
    ContributionKind.OFFICE_SPACE: "In natura: kantoorruimte",
    ContributionKind.OTHER_IN_KIND: "In natura: overig",
    ConsequenceKind.BEHAVIOUR_CHANGE: "Gedragsverandering",
    ConsequenceKind.TEMPORARY_NUISANCE: "Tijdelijk ongemak",
    ConsequenceKind.OTHER: "Overig",
    MilestoneKind.MILESTONE: "Mijlpaal",
    MilestoneKind.DELIVERY: "Oplevermoment",
    MilestoneKind.DECISION: "Besluitmoment",
    DatePrecision.DAY: "Op de dag",
    DatePrecision.MONTH: "Maand (maart 2026)",
    DatePrecision.QUARTER: "Kwartaal (3e kwartaal 2026)",
    DatePrecision.HALF_YEAR: "Halfjaar (1e helft 2026)",
    DatePrecision.SEASON: "Seizoen (voorjaar, zomer, najaar, winter)",
    DatePrecision.MID_YEAR: "Medio het jaar (juni en juli)",
    DatePrecision.EARLY_YEAR: "Begin van het jaar (januari tot en met maart)",
    DatePrecision.LATE_YEAR: "Eind van het jaar (oktober tot en met december)",
    DatePrecision.YEAR: "Jaar",
    CollaborationForm.PUBLIC_CIVIL: "Publiek-civiel",
    CollaborationForm.CIVIL_CIVIL: "Civiel-civiel",
    AllianceKind.PUBLIC_PRIVATE: "Publiek-privaat",
    AllianceKind.PRIVATE_PRIVATE: "Privaat-privaat",
    AllianceKind.PUBLIC_PUBLIC: "Publiek-publiek",
    AllianceKind.PUBLIC_CIVIL: "Publiek-civiel",
    AllianceKind.OTHER_INITIATIVE: "Raakvlak met ander initiatief",
    SubProgrammeKind.SUB_PROGRAMME: "Deelprogramma",
    SubProgrammeKind.PILLAR: "Pijler",
    IndicatorDirection.INCREASE: "Hoger is beter",
    IndicatorDirection.DECREASE: "Lager is beter",
    ReportingFrequency.MONTHLY: "Maandelijks",
    ReportingFrequency.QUARTERLY: "Per kwartaal",
    ReportingFrequency.HALF_YEARLY: "Per halfjaar",
    ReportingFrequency.YEARLY: "Jaarlijks",
    MeasureType.NUMBER: "Getal of aantal",
    MeasureType.PERCENTAGE: "Percentage (teller gedeeld door noemer)",
    MeasureType.YES_NO: "Ja of nee",
    MeasureType.SCORE: "Score van 1 tot en met 5",
    TimeAggregation.SUM: "Optellen: de perioden samen",
    TimeAggregation.LATEST: "Stand: de laatst gemeten waarde",
    TimeAggregation.AVERAGE: "Gemiddelde van de perioden",
    TimeAggregation.MAXIMUM: "Hoogste waarde van de perioden",
    GoalRollup.SUM: "Telt mee: de minst gunstige status bepaalt die van het doel",
    GoalRollup.WEIGHTED: "Telt mee met een gewicht",
    GoalRollup.NONE: "Telt niet mee voor het doel",
    AmendmentKind.ADDENDUM: "Addendum (aanvulling op de overeenkomst)",
    AmendmentKind.NEW_VERSION: "Nieuwe versie (vervangt de hele tekst)",
    SuccessionReason.MERGER: "Fusie",
    SuccessionReason.REDIVISION: "Gemeentelijke herindeling",
    SuccessionReason.MINISTRY_CHANGE: "Wijziging ministerie",
    SuccessionReason.OTHER: "Andere reden",
    AppendixKind.MONITORING: "Programmamonitoring (doelenboom met dashboard)",
    AppendixKind.ORGANOGRAM: "Programma-organogram",
    AppendixKind.PLANNING_BUDGET: "Hoofdplanning en begroting (en deelprojectplannen)",
    AppendixKind.PARTNER_AGREEMENTS: (
        "Afspraken met partners (taken, verantwoordelijkheden, bevoegdheden)"
    ),
    AppendixKind.COMMUNICATION_PLAN: "Communicatie- en/of informatieplan",
    AppendixKind.PROBLEM_ANALYSIS: "Integrale probleemanalyse",
    AppendixKind.RISK_ANALYSIS: "Algemene risicoanalyse en voorzorgsmaatregelen",
    AppendixKind.CALAMITIES: "Onvoorziene omstandigheden en calamiteiten (met schaderegeling)",
    AppendixKind.PUBLIC_LAW_PROCEDURES: "Publiekrechtelijke procedures",
    AppendixKind.EXIT_CLAUSE: "Annuleringsclausule (uittreden van een partner)",
    AppendixKind.DEFINITIONS: "Definities",
}
