"""Checks for §4.6: risks, their precautions, who bears them, the conclusions."""

from __future__ import annotations

from collections.abc import Iterator

from stramien.model import is_blank

from .context import Context
from .registry import Hit, Section, rule

S = Section.PROGRAMME


@rule(
    "risks-missing",
    S,
    "error",
    "Risicoanalyse",
    "Neem de belangrijkste risico's op met kans, impact, voorzorgsmaatregelen en risicodrager.",
)
def risks_missing(ctx: Context) -> Iterator[Hit]:
    if not ctx.agreement.risks.items:
        yield Hit("risks.items", "Er zijn geen risico's benoemd.")


@rule(
    "risk-precaution-missing",
    S,
    "error",
    "Voorzorgsmaatregel per risico",
    "Beschrijf wat er gedaan wordt om het risico te voorkomen of te beperken.",
    applies=lambda ctx: bool(ctx.agreement.risks.items),
)
def risk_precaution_missing(ctx: Context) -> Iterator[Hit]:
    for i, risk in enumerate(ctx.agreement.risks.items):
        if is_blank(risk.precautions):
            yield Hit(
                ctx.path("risks", "items", i, "precautions"),
                f"Bij risico '{risk.title}' staan geen voorzorgsmaatregelen.",
            )


@rule(
    "risk-bearer-missing",
    S,
    "error",
    "Risicodrager per risico",
    "Wijs per risico de partner aan die het draagt (de risicodrager).",
    applies=lambda ctx: bool(ctx.agreement.risks.items),
)
def risk_bearer_missing(ctx: Context) -> Iterator[Hit]:
    for i, risk in enumerate(ctx.agreement.risks.items):
        if risk.bearer is None:
            yield Hit(
                ctx.path("risks", "items", i, "bearer"),
                f"Bij risico '{risk.title}' staat niet wie het draagt.",
            )


@rule(
    "risks-conclusions-missing",
    S,
    "warning",
    "Conclusies uit de risicoanalyse",
    "Vat samen wat de risicoanalyse oplevert: de grootste risico's, de maatregelen en wie "
    "wat draagt.",
    applies=lambda ctx: bool(ctx.agreement.risks.items),
)
def risks_conclusions_missing(ctx: Context) -> Iterator[Hit]:
    if is_blank(ctx.agreement.risks.conclusions):
        yield Hit("risks.conclusions", "De conclusies uit de risicoanalyse ontbreken.")
