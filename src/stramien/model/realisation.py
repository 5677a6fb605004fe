"""§3 Visualising the realisation: what is built, its impact and its downsides."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .base import Id, LongText, ShortText, StramienModel
from .enums import ConsequenceKind

# An attachment name, never a path: renderers resolve it inside the programme's own files.
AttachmentName = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\- ]{0,120}$", strip_whitespace=True)
]


class Image(StramienModel):
    """An image attached to the programme, such as the artist impression."""

    file: AttachmentName = Field(
        title="Bestand",
        description="Naam van het bijgevoegde beeldbestand (PNG, JPEG of SVG), zonder map.",
    )
    alt_text: LongText = Field(
        default="",
        title="Tekstalternatief",
        description="Beschrijf wat er op het beeld te zien is, voor wie het niet kan zien.",
    )
    caption: ShortText = Field(default="", title="Onderschrift", description="Korte toelichting.")
    credit: ShortText = Field(default="", title="Maker", description="Wie het beeld maakte.")


class NegativeConsequence(StramienModel):
    """A downside of carrying out the programme that users or residents will notice."""

    id: Id
    kind: ConsequenceKind = Field(
        title="Soort",
        description="Gedragsverandering, tijdelijk ongemak of iets anders.",
    )
    description: LongText = Field(
        title="Beschrijving", description="Wat merken gebruikers of omwonenden ervan, en wanneer?"
    )
    mitigation: LongText = Field(
        default="",
        title="Wat we eraan doen",
        description="Hoe het ongemak wordt beperkt of uitgelegd.",
    )


class Realisation(StramienModel):
    """§3: what partners concretely deliver, and what that means for users and society."""

    description: LongText = Field(
        default="",
        title="Wat er concreet komt",
        description="Beschrijf wat de partners samen tot stand brengen, zo concreet dat een "
        "buitenstaander het voor zich ziet.",
    )
    artist_impression: Image | None = Field(
        default=None,
        title="Artist impression",
        description="Een beeld van het eindresultaat dat de verbeelding prikkelt.",
    )
    impact: LongText = Field(
        default="",
        title="Impact",
        description="Wat het initiatief betekent voor gebruikers en de samenleving: de "
        "maatschappelijke meerwaarde en hoe mensen met elkaar omgaan.",
    )
    negative_consequences: list[NegativeConsequence] = Field(
        default_factory=list,
        title="Negatieve gevolgen",
        description="Gedragsverandering of tijdelijk ongemak tijdens de uitvoering of bij "
        "ingebruikname; eerlijk benoemen voorkomt teleurstelling.",
    )
