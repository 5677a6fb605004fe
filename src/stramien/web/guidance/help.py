"""The help pages: per section what it is for (the stramien's purpose of its paragraph, in
our own words), the section's guidance and the explanation of every field in its forms."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel

from stramien.web.programmes.sections import SECTIONS, EditorSection
from stramien.web.schemaform.fields import field_specs

#: Why each section is there: what a reader of the agreement should get from it.
PURPOSES: dict[str, tuple[Any, ...]] = {
    "ambitie": (
        _(
            "Bestuurders zien hun eigen doelen terug en kunnen aan raad of parlement uitleggen "
            "waarom het programma geld, aandacht en voorrang verdient."
        ),
        _("Journalisten begrijpen waar het om gaat en kunnen het in een paar zinnen navertellen."),
        _(
            "De ambitie raakt iets wat veel mensen belangrijk vinden, zodat zij zich eraan "
            "willen verbinden."
        ),
    ),
    "partnerschap": (
        _("Het is duidelijk wie het initiatief nam en hoe nauw er met wie wordt samengewerkt."),
        _("Elke sector (politiek, publiek, privaat, civiel) weet welke rol hij speelt."),
        _(
            "Een directie herkent in de beschreven rol de doelen van de eigen organisatie en kan "
            "intern uitleggen waarom er mensen en geld voor worden vrijgemaakt."
        ),
        _("De stuurgroep vertegenwoordigt de belangen van de organisaties bij de besluiten."),
        _(
            "Samen laten de partners zien dat iedereen die nodig is meedoet, met genoeg gezag, "
            "kennis en slagkracht om de ambitie waar te maken."
        ),
    ),
    "realisatie": (
        _("Een beeld van het resultaat maakt de partners enthousiast en geeft energie."),
        _("Ook gebruikers, financiers en omwonenden zien wat er concreet komt."),
        _(
            "Verwachtingen over wanneer iets klaar is, en over de hinder onderweg, worden "
            "vooraf eerlijk gedeeld."
        ),
    ),
    "doelen": (
        _(
            "De doelenboom laat zien hoe de maatschappelijke ambitie en de belangen van de "
            "organisaties met elkaar samenhangen."
        ),
    ),
    "indicatoren": (
        _(
            "Door de belangrijkste doelen meetbaar te maken kan het programma worden gevolgd "
            "en bijgestuurd."
        ),
    ),
    "effectmeting": (
        _(
            "Met casussen wordt zichtbaar wat het programma de samenleving oplevert, in "
            "gebeurtenissen en in geld."
        ),
    ),
    "planning": (
        _(
            "Iedereen ziet welke resultaten wanneer worden opgeleverd, per fase en per "
            "(deel)project."
        ),
    ),
    "financien": (
        _(
            "Open over het publieke geld en de menskracht die nodig zijn, en over hoe daarover "
            "verantwoording wordt afgelegd."
        ),
    ),
    "organisatie": (
        _(
            "De gevolgen van de samenwerking voor de organisatie zijn helder: wie stuurt, wie "
            "regisseert en welke teams er nodig zijn. Niet ingewikkelder dan nodig."
        ),
    ),
    "risicos": (
        _("Een overzicht van de grootste risico's, wat eraan wordt gedaan en wie ze draagt."),
    ),
    "bijlagen": (
        _(
            "Alleen de bijlagen die voor dit programma echt iets toevoegen; ze werken de "
            "afspraken uit waar de hoofdtekst kort blijft."
        ),
    ),
}


@dataclass(frozen=True)
class FieldHelp:
    """One field of a section's forms with its explanation; ``depth`` is how deep it sits."""

    label: str
    help: str
    depth: int
    is_group: bool


def _fields(model: type[BaseModel], depth: int, seen: frozenset[type]) -> Iterator[FieldHelp]:
    for spec in field_specs(model):
        if spec.hidden or spec.name == "id":
            continue
        nested = spec.model if spec.kind in ("group", "list") else None
        yield FieldHelp(spec.label, spec.help, depth, nested is not None)
        if nested is not None and nested not in seen:
            yield from _fields(nested, depth + 1, seen | {nested})


def field_help(section: EditorSection) -> list[FieldHelp]:
    """Every field the forms of ``section`` show, in their order, with its explanation."""
    return list(_fields(section.model, 0, frozenset({section.model})))


def index() -> list[dict[str, Any]]:
    return [{"section": section, "purposes": PURPOSES.get(section.key, ())} for section in SECTIONS]
