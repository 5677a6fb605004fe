"""The organogram draws bodies by tier, advisers beside the body they advise, people in bodies."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from stramien.model import Agreement
from stramien.render import figures

SVG = "{http://www.w3.org/2000/svg}"

PROVINCE = {
    "id": "provincie",
    "name": "Provincie Noord",
    "category": "government",
    "sector": "public",
    "participation_level": 4,
}


def agreement(**organisation: Any) -> Agreement:
    return Agreement.model_validate(
        {
            "programme": {"name": "Regio Deal"},
            "partnership": {"partners": [PROVINCE]},
            "organisation": organisation,
        }
    )


DIRECTOR = {"name": "N.N. directeur", "function": "Programmadirecteur", "organisation": "provincie"}
BODIES = [
    {
        "id": "ab",
        "kind": "general_board",
        "name": "Algemeen bestuur",
        "members": [
            {"name": "N.N. voorzitter", "role": "chair", "independent": True},
            {"name": "N.N. gedeputeerde", "organisation": "provincie"},
        ],
    },
    {
        "id": "db",
        "kind": "daily_board",
        "name": "Dagelijks bestuur",
        "reports_to": "ab",
        "members": [{"name": "N.N. gedeputeerde", "organisation": "provincie", "role": "chair"}],
    },
    {
        "id": "kt",
        "kind": "quality_team",
        "name": "Kwaliteitsteam",
        "reports_to": "db",
        "members": [{"name": "N.N. kwaliteit", "independent": True}],
    },
    {
        "id": "pb",
        "kind": "programme_office",
        "name": "Programmabureau",
        "reports_to": "db",
        "members": [{**DIRECTOR, "role": "director"}],
    },
]


def drawn(agreement: Agreement) -> tuple[dict[str, float], dict[str, str], str]:
    """Each node's vertical centre, each edge's dash style, and all text."""
    figure = figures.organogram(agreement)
    assert figure is not None
    root = ET.fromstring(figure.svg)
    centres: dict[str, float] = {}
    edges: dict[str, str] = {}
    for group in root.iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if title is None or title.text is None:
            continue
        if group.get("class") == "node":
            # A box is a polygon, a rounded box a path: either way, pairs of x,y numbers.
            shape = group.find(f"{SVG}polygon")
            outline = shape.get("points") if shape is not None else None
            if outline is None:
                path = group.find(f"{SVG}path")
                assert path is not None
                outline = path.get("d")
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", outline or "")]
            ys = numbers[1::2]
            centres[title.text] = (min(ys) + max(ys)) / 2
        elif group.get("class") == "edge":
            path = group.find(f"{SVG}path")
            assert path is not None
            edges[title.text] = path.get("stroke-dasharray") or "solid"
    text = "\n".join("".join(el.itertext()) for el in root.iter(f"{SVG}text"))
    return centres, edges, text


def test_bodies_are_drawn_by_tier_and_advisers_beside_the_body_they_advise() -> None:
    centres, edges, _ = drawn(agreement(bodies=BODIES, process_director=DIRECTOR))
    assert centres["ab"] < centres["db"] < centres["pb"]
    assert abs(centres["kt"] - centres["db"]) < 1  # beside the daily board it advises
    assert edges["ab->db"] == "solid" and edges["db->pb"] == "solid"
    assert edges["db->kt"] != "solid"  # advice, not a reporting line
    assert len(edges) == 3


def test_the_director_and_the_independent_chair_are_people_in_their_body() -> None:
    centres, edges, text = drawn(agreement(bodies=BODIES, process_director=DIRECTOR))
    assert "N.N. directeur (directeur, procesregisseur)" in text
    assert "N.N. voorzitter (voorzitter)" in text
    assert text.count("onafhankelijk") == 2  # the chair and the quality team member
    # No separate director node with a dashed line to every body they sit in.
    assert "_director" not in centres
    assert not any(name.startswith("_director") for name in edges)


def test_a_director_in_no_body_stands_alone_without_lines() -> None:
    centres, edges, text = drawn(agreement(bodies=BODIES[:2], process_director=DIRECTOR))
    assert "_director" in centres and "Procesregisseur" in text
    assert set(edges) == {"ab->db"}


def test_a_large_board_names_its_independent_chair() -> None:
    board = {
        "id": "ab",
        "kind": "general_board",
        "name": "Algemeen bestuur",
        "members": [
            {"name": "N.N. voorzitter", "role": "chair", "independent": True},
            *({"name": f"Lid {n}", "organisation": "provincie"} for n in range(16)),
        ],
    }
    figure = figures.organogram(agreement(bodies=[board]))
    assert figure is not None
    _, _, text = drawn(agreement(bodies=[board]))
    assert "17 leden" in text
    assert "onafhankelijk voorzitter: N.N. voorzitter" in text
    assert "Lid 3" not in text
    assert "Onafhankelijk voorzitter: N.N. voorzitter (Algemeen bestuur)" in figure.alt


def test_a_member_from_the_midst_of_a_sector_shows_the_sector() -> None:
    board = {
        "id": "ab",
        "kind": "general_board",
        "name": "Algemeen bestuur",
        "members": [
            {"name": "N.N. zorg", "sector": "civil"},
            {"name": "N.N. gedeputeerde", "organisation": "provincie", "sector": "public"},
        ],
    }
    figure = figures.organogram(agreement(bodies=[board]))
    assert figure is not None
    assert "sector civiel" in figure.svg
    # The organisation a member sits for comes first; the sector is not repeated then.
    assert "Provincie Noord" in figure.svg and "sector publiek" not in figure.svg
