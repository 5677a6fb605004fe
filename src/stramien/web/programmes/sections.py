"""The parts of the agreement as the web app edits them, in the stramien's order; their
numbers come from the one table of paragraph numbers (``stramien.model.numbering``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, create_model

from stramien.model import Agreement
from stramien.model.numbering import marks
from stramien.rules import Finding


@dataclass(frozen=True)
class EditorSection:
    key: str
    number: str
    title: Any
    fields: tuple[str, ...]
    guidance: Any
    figures: tuple[str, ...] = ()

    @property
    def model(self) -> type[BaseModel]:
        return section_model(self.fields)


SECTIONS: tuple[EditorSection, ...] = (
    EditorSection(
        "ambitie",
        marks("ambition"),
        _("Ambitie"),
        ("programme", "ambition"),
        _(
            "Begin bij het waarom. Beschrijf de maatschappelijke opgave, voor wie het programma "
            "er is en wat er over een aantal jaren anders is. De kernboodschap is kort genoeg om "
            "in een halve minuut te vertellen; bestuurders en journalisten moeten hem kunnen "
            "herhalen. Het speelveld laat zien welke organisaties en belangen er al zijn."
        ),
    ),
    EditorSection(
        "partnerschap",
        marks("partnership"),
        _("Partnerschap"),
        ("partnership",),
        _(
            "Wie doet mee en waarom? Elke partner beschrijft zijn rol, zijn inbreng en welk "
            "eigen belang hij met het programma dient. Belanghebbenden die niet tekenen krijgen "
            "een niveau van participatie (van informeren tot meebeslissen), zodat duidelijk is "
            "wat zij mogen verwachten. Let erop dat de politieke, publieke, private en civiele "
            "sector vertegenwoordigd zijn waar de opgave dat vraagt."
        ),
        ("participation_matrix",),
    ),
    EditorSection(
        "realisatie",
        marks("realisation"),
        _("Realisatie"),
        ("realisation",),
        _(
            "Maak concreet wat er wordt gerealiseerd: wat ziet een bewoner straks, wat is er "
            "gebouwd, veranderd of georganiseerd? Een artist impression helpt iedereen hetzelfde "
            "beeld te hebben. Benoem ook de mogelijke nadelige gevolgen en hoe u die beperkt."
        ),
    ),
    EditorSection(
        "doelen",
        marks("goals"),
        _("Doelenboom"),
        ("goals",),
        _(
            "De doelenboom verbindt de ambitie met wat partners concreet doen. Elk doel draagt "
            "bij aan een hoger doel of direct aan de ambitie; een doel verplaatsen doet u door "
            "het hogere doel te wijzigen. Koppel partners en hun organisatiebelangen aan de "
            "doelen waaraan zij bijdragen, zodat zichtbaar wordt wat iedere partner eraan heeft."
        ),
        ("goal_tree",),
    ),
    EditorSection(
        "indicatoren",
        marks("indicators"),
        _("Indicatoren"),
        ("indicators",),
        _(
            "Hoe weet u of een doel dichterbij komt? Geef per doel een meetbare indicator met "
            "een nulmeting, een streefwaarde, een bron en een partner die meet. Kies liever "
            "weinig goede indicatoren dan veel vage."
        ),
    ),
    EditorSection(
        "effectmeting",
        marks("effect_measurement"),
        _("Effectmeting"),
        ("effect_measurement",),
        _(
            "Maak het maatschappelijk rendement zichtbaar met casussen: wat gebeurt er met een "
            "typische inwoner met en zonder het programma, en wat kost of bespaart dat? De "
            "prijslijst geeft de bedragen per gebeurtenis."
        ),
    ),
    EditorSection(
        "planning",
        marks("planning"),
        _("Planning"),
        ("planning",),
        _(
            "Deel het programma op in fasen met mijlpalen. Markeer de mijlpalen die publiek "
            "mogen worden gemaakt; die verschijnen later op de openbare pagina."
        ),
        ("phasing_gantt",),
    ),
    EditorSection(
        "financien",
        marks("finance"),
        _("Financiën"),
        ("finance",),
        _(
            "De begroting zet kosten per fase en jaar tegenover de bijdragen van partners, in "
            "geld en in natura. Het verschil laat zien of de financiering rond is. Elke partner "
            "vult zijn eigen bijdragen in."
        ),
        ("budget_chart",),
    ),
    EditorSection(
        "organisatie",
        marks("organisation"),
        _("Programmaorganisatie"),
        ("organisation",),
        _(
            "Richt de organisatie niet zwaarder in dan nodig. Een stuurgroep en een regiegroep "
            "zijn er altijd; de vragen in de checklist laten zien of projectteams, allianties of "
            "ruimte voor burgerinitiatieven nodig zijn. Een projectteam telt hoogstens zeven "
            "mensen."
        ),
        ("organogram",),
    ),
    EditorSection(
        "risicos",
        marks("risks"),
        _("Risico's"),
        ("risks",),
        _(
            "Welke risico's bedreigen de ambitie? Schat per risico kans en impact, leg vast wie "
            "het draagt en welke voorzorgsmaatregelen er zijn."
        ),
        ("risk_heatmap",),
    ),
    EditorSection(
        "bijlagen",
        marks("appendices"),
        _("Bijlagen"),
        ("appendices", "amendments"),
        _(
            "Kies de bijlagen die bij dit programma horen en vul ze in: afspraken per partner, "
            "publiekrechtelijke procedures, begrippen en wat verder nodig is om de "
            "overeenkomst uit te voeren."
        ),
    ),
)

BY_KEY = {section.key: section for section in SECTIONS}
TOP_LEVEL_SECTION = {name: section.key for section in SECTIONS for name in section.fields}


@cache
def section_model(fields: tuple[str, ...]) -> type[BaseModel]:
    """A model with just these top-level fields of the Agreement, for one editor form."""
    definitions: dict[str, Any] = {
        name: (Agreement.model_fields[name].annotation, Agreement.model_fields[name])
        for name in fields
    }
    name = "Section_" + "_".join(fields)
    model: type[BaseModel] = create_model(
        name, __config__=ConfigDict(extra="forbid"), **definitions
    )
    return model


_TOP = re.compile(r"^[A-Za-z_]+")


def finding_section(finding: Finding) -> str | None:
    """The editor section a finding belongs to, from the first key of its path."""
    found = _TOP.match(finding.path)
    return TOP_LEVEL_SECTION.get(found.group(0)) if found else None


def section_findings(findings: list[Finding], key: str) -> list[Finding]:
    return [f for f in findings if finding_section(f) == key]
