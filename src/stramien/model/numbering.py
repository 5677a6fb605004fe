"""The stramien's paragraph numbers: the one table that the navigation, the form headings, the
checks, the documents and the glossary take their numbers from.

The numbers are the stramien's own (§1 to §5, and the sub-paragraphs it lists under §1 to §4);
the titles are ours. ``tests/web/test_numbering.py`` holds every place that shows a number
against this table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: str
    title: str

    @property
    def mark(self) -> str:
        """``§4.1``: how a text refers to the paragraph."""
        return f"§{self.number}"

    @property
    def heading(self) -> str:
        """``§4 Programma-opzet en organisatie`` for a paragraph, ``4.1 Doelenboom`` for a
        sub-paragraph: the headings of the document."""
        prefix = self.mark if "." not in self.number else self.number
        return f"{prefix} {self.title}"


PARAGRAPHS: tuple[Paragraph, ...] = (
    Paragraph("1", "Maatschappelijke ambitie"),
    Paragraph("1.1", "Kernachtige verwoording"),
    Paragraph("1.2", "Wie worden er beter van"),
    Paragraph("1.3", "Onderdeel van een groter geheel"),
    Paragraph("2", "Samenwerkingsverband"),
    Paragraph("2.1", "Strategie en de rol van de sectoren"),
    Paragraph("2.2", "Initiatiefnemer en participatie"),
    Paragraph("2.3", "Het consortium"),
    Paragraph("2.4", "Regievoering en besluitvorming"),
    Paragraph("3", "Visualisatie van de realisatie"),
    Paragraph("3.1", "Wat de partners realiseren"),
    Paragraph("3.2", "Impact voor gebruikers en samenleving"),
    Paragraph("3.3", "Publieke mijlpalen en oplevermomenten"),
    Paragraph("4", "Programma-opzet en organisatie"),
    Paragraph("4.1", "Doelenboom"),
    Paragraph("4.2", "Meetbare maatschappelijke meerwaarde"),
    Paragraph("4.3", "Fasering en mijlpalen"),
    Paragraph("4.4", "Wie betaalt wat"),
    Paragraph("4.5", "Programmaorganisatie en teamsamenstelling"),
    Paragraph("4.6", "Risico's en wie ze draagt"),
    Paragraph("5", "Bijlagen"),
)
BY_NUMBER: dict[str, Paragraph] = {p.number: p for p in PARAGRAPHS}

#: The paragraphs each top-level part of the agreement fills, in the stramien's order. The
#: programme organisation fills two: regie and decisions (§2.4) and the organogram (§4.5).
PART_PARAGRAPHS: dict[str, tuple[str, ...]] = {
    "ambition": ("1",),
    "partnership": ("2",),
    "realisation": ("3",),
    "goals": ("4.1",),
    "indicators": ("4.2",),
    "effect_measurement": ("4.2",),
    "planning": ("4.3",),
    "finance": ("4.4",),
    "organisation": ("2.4", "4.5"),
    "risks": ("4.6",),
    "appendices": ("5",),
    "amendments": ("5",),
}


def paragraph(number: str) -> Paragraph:
    return BY_NUMBER[number]


def marks(part: str) -> str:
    """``§4.2`` for a part of the agreement, ``§2.4 en §4.5`` for one that fills two."""
    return " en ".join(BY_NUMBER[number].mark for number in PART_PARAGRAPHS[part])


def annex(number: str) -> str:
    """``Bijlage bij §4``: the stramien's explanation that belongs to a paragraph."""
    return f"Bijlage bij {BY_NUMBER[number].mark}"
