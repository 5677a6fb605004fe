"""Issue 15, points 5 and 12 in the document: levels per track and the wanted level in §2.2,
the wanted level in the participation matrix, and the approach per sub-programme."""

from __future__ import annotations

from pathlib import Path

from stramien.io import load_agreement
from stramien.model import Agreement, ParticipationLevel, SubProgramme, TrackLevel
from stramien.render import build_document, figures
from stramien.render.blocks import Bullets, Table

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CAPTION = "Belanghebbenden en participatieniveau (5 O's)"


def participation_table(agreement: Agreement) -> Table:
    document = build_document(agreement)
    return next(b for b in document.blocks if isinstance(b, Table) and b.caption == CAPTION)


def with_levels() -> Agreement:
    agreement = load_agreement(EXAMPLES / "small.yaml")
    org = agreement.organisation
    org.sub_programmes = [SubProgramme(id="lokaal", name="Lokale pijler")]
    org.projects[0].sub_programme = "lokaal"
    council = agreement.partnership.stakeholders[0]
    council.wanted_level = ParticipationLevel.CO_CREATION
    council.track_levels = [TrackLevel(track="lokaal", level=ParticipationLevel.SELF_DEVELOPMENT)]
    return agreement


def test_the_table_stays_as_it_was_without_the_new_fields() -> None:
    table = participation_table(load_agreement(EXAMPLES / "small.yaml"))
    assert table.headers == ("Partij", "Soort", "Sector", "Participatieniveau", "Partner")


def test_the_table_shows_levels_per_track_and_the_wanted_level() -> None:
    agreement = with_levels()
    table = participation_table(agreement)
    assert table.headers == (
        "Partij",
        "Soort",
        "Sector",
        "Participatieniveau",
        "Niveau per spoor",
        "Gewenst niveau",
        "Partner",
    )
    council = agreement.partnership.stakeholders[0].name
    row = next(r for r in table.rows if r[0] == council)
    assert row[3:6] == (
        "1 Informeren",
        "5 Zelfontwikkeling in 'Lokale pijler'",
        "4 Co-creatie / partnerschap",
    )


def test_the_document_gives_the_approach_per_sub_programme() -> None:
    document = build_document(with_levels())
    lines = [item for b in document.blocks if isinstance(b, Bullets) for item in b.items]
    local = [line for line in lines if line.startswith("Deelprogramma 'Lokale pijler':")]
    assert len(local) == 1
    assert (
        "1 partij werkt hier op een eigen niveau: Gemeenteraad Apeldoorn (5, elders 1)" in local[0]
    )


def test_the_matrix_marks_the_wanted_level() -> None:
    agreement = with_levels()
    figure = figures.participation_matrix(agreement)
    assert figure is not None
    assert "Gewenst niveau anders dan het huidige: Gemeenteraad Apeldoorn (nu 1, gewenst 4)." in (
        figure.alt
    )
    assert "Gewenst niveau" in figure.svg
    plain = figures.participation_matrix(load_agreement(EXAMPLES / "small.yaml"))
    assert plain is not None and "Gewenst niveau" not in plain.svg
