"""The agreement as one typed document (no Django, no I/O)."""

from __future__ import annotations

from typing import Any

from .agreement import (
    KIND_NAMES,
    SCHEMA_VERSION,
    SUPPORTED_SCHEMA_VERSIONS,
    Agreement,
    Programme,
    format_path,
    iter_identified,
    reference_problems,
)
from .ambition import Ambition, Beneficiary
from .appendices import (
    Appendices,
    Calamities,
    Definition,
    ExitClause,
    PublicLawProcedure,
    TaskAgreement,
)
from .base import StramienModel, field_labels, is_blank
from .effects import CaseEvent, EffectCase, EffectMeasurement, PriceItem
from .enums import (
    AllianceKind,
    AppendixKind,
    Approach,
    BodyKind,
    CollaborationForm,
    ConsequenceKind,
    ContributionKind,
    GoalRollup,
    IndicatorDirection,
    MeasureType,
    MemberRole,
    MilestoneKind,
    ParticipationLevel,
    ReportingFrequency,
    Sector,
    StakeholderCategory,
    TimeAggregation,
)
from .finance import (
    BudgetStages,
    Contribution,
    CostItem,
    Finance,
    budget_stages,
    tracks_stages,
)
from .organisation import (
    Alliance,
    Body,
    CitizenInitiative,
    Deliverable,
    Member,
    Organisation,
    OrganisationChecklist,
    Project,
    SubProgramme,
)
from .partnership import Interest, Partner, Partnership, Party, SectorRole, Signatory, Stakeholder
from .planning import Milestone, Phase, Planning
from .programme import (
    INDICATOR_ERROR_TYPES,
    PERIOD_KEY_HELP,
    Dimension,
    Goal,
    Indicator,
    PeriodTarget,
    Risk,
    RiskSection,
    parse_period_key,
    period_dates,
    period_key,
    period_key_problem,
)
from .realisation import Image, NegativeConsequence, Realisation


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the agreement document, for other tools to integrate with."""
    schema = Agreement.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://stramien.nl/schema/agreement-{SCHEMA_VERSION}.json"
    return schema


__all__ = [
    "INDICATOR_ERROR_TYPES",
    "KIND_NAMES",
    "PERIOD_KEY_HELP",
    "SCHEMA_VERSION",
    "SUPPORTED_SCHEMA_VERSIONS",
    "Agreement",
    "Alliance",
    "AllianceKind",
    "Ambition",
    "Appendices",
    "AppendixKind",
    "Approach",
    "Beneficiary",
    "Body",
    "BodyKind",
    "BudgetStages",
    "Calamities",
    "CaseEvent",
    "CitizenInitiative",
    "CollaborationForm",
    "ConsequenceKind",
    "Contribution",
    "ContributionKind",
    "CostItem",
    "Definition",
    "Deliverable",
    "Dimension",
    "EffectCase",
    "EffectMeasurement",
    "ExitClause",
    "Finance",
    "Goal",
    "GoalRollup",
    "Image",
    "Indicator",
    "IndicatorDirection",
    "Interest",
    "MeasureType",
    "Member",
    "MemberRole",
    "Milestone",
    "MilestoneKind",
    "NegativeConsequence",
    "Organisation",
    "OrganisationChecklist",
    "ParticipationLevel",
    "Partner",
    "Partnership",
    "Party",
    "PeriodTarget",
    "Phase",
    "Planning",
    "PriceItem",
    "Programme",
    "Project",
    "PublicLawProcedure",
    "Realisation",
    "ReportingFrequency",
    "Risk",
    "RiskSection",
    "Sector",
    "SectorRole",
    "Signatory",
    "Stakeholder",
    "StakeholderCategory",
    "StramienModel",
    "SubProgramme",
    "TaskAgreement",
    "TimeAggregation",
    "budget_stages",
    "field_labels",
    "format_path",
    "is_blank",
    "iter_identified",
    "json_schema",
    "parse_period_key",
    "period_dates",
    "period_key",
    "period_key_problem",
    "reference_problems",
    "tracks_stages",
]
