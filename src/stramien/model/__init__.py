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
from .enums import (
    AllianceKind,
    AppendixKind,
    Approach,
    BodyKind,
    CollaborationForm,
    ConsequenceKind,
    ContributionKind,
    IndicatorDirection,
    MemberRole,
    MilestoneKind,
    ParticipationLevel,
    Sector,
    StakeholderCategory,
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
)
from .partnership import Interest, Partner, Partnership, Party, SectorRole, Signatory, Stakeholder
from .programme import (
    CaseEvent,
    Contribution,
    CostItem,
    EffectCase,
    EffectMeasurement,
    Finance,
    Goal,
    Indicator,
    Milestone,
    Phase,
    Planning,
    PriceItem,
    Risk,
    RiskSection,
)
from .realisation import Image, NegativeConsequence, Realisation


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the agreement document, for other tools to integrate with."""
    schema = Agreement.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://stramien.nl/schema/agreement-{SCHEMA_VERSION}.json"
    return schema


__all__ = [
    "KIND_NAMES",
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
    "EffectCase",
    "EffectMeasurement",
    "ExitClause",
    "Finance",
    "Goal",
    "Image",
    "Indicator",
    "IndicatorDirection",
    "Interest",
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
    "Phase",
    "Planning",
    "PriceItem",
    "Programme",
    "Project",
    "PublicLawProcedure",
    "Realisation",
    "Risk",
    "RiskSection",
    "Sector",
    "SectorRole",
    "Signatory",
    "Stakeholder",
    "StakeholderCategory",
    "StramienModel",
    "TaskAgreement",
    "field_labels",
    "format_path",
    "is_blank",
    "iter_identified",
    "json_schema",
    "reference_problems",
]
