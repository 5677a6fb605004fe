"""Checks for §3: what is built, the impact, the downsides and the public milestones."""

from __future__ import annotations

from collections.abc import Iterator

from stramien.model import ConsequenceKind, is_blank

from .context import Context
from .registry import Hit, Section, rule

S = Section.REALISATION


@rule(
    "realisation-description-missing",
    S,
    "error",
    "Wat er concreet komt",
    "Beschrijf zo concreet mogelijk wat de partners samen tot stand brengen.",
)
def description_missing(ctx: Context) -> Iterator[Hit]:
    if is_blank(ctx.agreement.realisation.description):
        yield Hit("realisation.description", "Er staat niet wat de partners concreet realiseren.")


@rule(
    "realisation-artist-impression-missing",
    S,
    "warning",
    "Artist impression",
    "Voeg een beeld toe van het eindresultaat; het prikkelt de fantasie en geeft derden een "
    "beeld van de gezamenlijke creatie.",
)
def artist_impression_missing(ctx: Context) -> Iterator[Hit]:
    if ctx.agreement.realisation.artist_impression is None:
        yield Hit("realisation.artist_impression", "Er is geen artist impression.")


@rule(
    "realisation-image-alt-missing",
    S,
    "error",
    "Tekstalternatief bij het beeld",
    "Beschrijf bij 'Tekstalternatief' wat er op het beeld te zien is, voor wie het niet kan zien.",
    applies=lambda ctx: ctx.agreement.realisation.artist_impression is not None,
)
def image_alt_missing(ctx: Context) -> Iterator[Hit]:
    image = ctx.agreement.realisation.artist_impression
    if image is not None and is_blank(image.alt_text):
        yield Hit(
            "realisation.artist_impression.alt_text",
            f"Het beeld '{image.file}' heeft geen tekstalternatief.",
        )


@rule(
    "realisation-impact-missing",
    S,
    "error",
    "Impact voor gebruikers en samenleving",
    "Beschrijf de maatschappelijke meerwaarde: wat het betekent voor de omgeving en voor "
    "hoe mensen met elkaar omgaan.",
)
def impact_missing(ctx: Context) -> Iterator[Hit]:
    if is_blank(ctx.agreement.realisation.impact):
        yield Hit("realisation.impact", "De impact voor gebruikers en samenleving ontbreekt.")


@rule(
    "realisation-negative-consequences-missing",
    S,
    "warning",
    "Negatieve gevolgen benoemd",
    "Benoem eerlijk welk ongemak of welke gedragsverandering de uitvoering vraagt; zo "
    "beheers je verwachtingen.",
)
def negative_consequences_missing(ctx: Context) -> Iterator[Hit]:
    consequences = ctx.agreement.realisation.negative_consequences
    if not consequences:
        yield Hit(
            "realisation.negative_consequences",
            "Er zijn geen negatieve gevolgen benoemd (gedragsverandering, tijdelijk ongemak).",
        )
        return
    kinds = {c.kind for c in consequences}
    for kind in (ConsequenceKind.BEHAVIOUR_CHANGE, ConsequenceKind.TEMPORARY_NUISANCE):
        if kind not in kinds:
            yield Hit(
                "realisation.negative_consequences",
                f"Er is geen gevolg van de soort '{kind.label.lower()}' benoemd; is die er echt "
                "niet?",
                "Vrijwel elk programma vraagt iets van gebruikers; benoem het of licht toe "
                "waarom het ontbreekt.",
            )


@rule(
    "realisation-mitigation-missing",
    S,
    "tip",
    "Wat we doen aan het ongemak",
    "Schrijf erbij hoe het ongemak beperkt of uitgelegd wordt.",
)
def mitigation_missing(ctx: Context) -> Iterator[Hit]:
    for i, item in enumerate(ctx.agreement.realisation.negative_consequences):
        if is_blank(item.mitigation):
            yield Hit(
                ctx.path("realisation", "negative_consequences", i, "mitigation"),
                f"Bij '{item.description[:60]}' staat niet wat eraan gedaan wordt.",
            )


@rule(
    "realisation-public-milestones-missing",
    S,
    "error",
    "Publieke mijlpalen",
    "Vink bij de belangrijkste mijlpalen en oplevermomenten 'Publiek' aan; zij komen op de "
    "publiekspagina en in de kalender.",
)
def public_milestones_missing(ctx: Context) -> Iterator[Hit]:
    if not any(m.public for m in ctx.agreement.planning.milestones):
        yield Hit(
            "planning.milestones",
            "Er zijn geen publieke mijlpalen of oplevermomenten benoemd.",
        )
