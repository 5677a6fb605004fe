"""The builder every part of the document writes into: blocks, names and drawn figures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from stramien.model import Agreement, Body

from . import figures
from .blocks import Block, Heading, Paragraph, Table


def yes_no(value: bool | None) -> str:
    return {True: "ja", False: "nee", None: "nog niet beantwoord"}[value]


def paragraphs(text: str, style: str = "normal") -> list[Block]:
    """User text split on blank lines; each part one paragraph (never markup)."""
    parts = [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(part, style) for part in parts if part]  # type: ignore[arg-type]


class OutlineBuilder:
    """The blocks of the document so far, and what every part looks up while adding to it."""

    def __init__(
        self,
        agreement: Agreement,
        attachments: Mapping[str, bytes],
        drawn: figures.FigureJobs,
    ) -> None:
        self.agreement = agreement
        self.attachments = attachments
        self.drawn = drawn
        self.blocks: list[Block] = []
        self.names = {
            p.id: p.name
            for p in [*agreement.partnership.partners, *agreement.partnership.stakeholders]
        }
        self.goal_titles = {g.id: g.title for g in agreement.goals}
        self.phase_names = {p.id: p.name for p in agreement.planning.phases}
        self.body_names = {b.id: b.name for b in agreement.organisation.bodies}
        org = agreement.organisation
        self.track_names = {
            **{s.id: s.name for s in org.sub_programmes},
            **{p.id: p.name for p in org.projects},
        }

    def add(self, *blocks: Block | None) -> None:
        self.blocks.extend(b for b in blocks if b is not None)

    def figure(self, name: str) -> None:
        """The figure(s) ``name`` (see ``figures.DOCUMENT_FIGURES``), drawn meanwhile."""
        found = self.drawn.get(name)
        if isinstance(found, list):
            self.add(*found)
        else:
            self.add(found)

    def heading(self, level: int, text: str, anchor: str) -> None:
        self.blocks.append(Heading(level, text, anchor))  # type: ignore[arg-type]

    def text(self, text: str, style: str = "normal", empty: str = "") -> None:
        found = paragraphs(text, style)
        if found:
            self.blocks.extend(found)
        elif empty:
            self.blocks.append(Paragraph(empty, "note"))

    def table(
        self,
        caption: str,
        headers: Iterable[str],
        rows: Iterable[Iterable[str]],
        numeric: Iterable[int] = (),
        widths: tuple[float, ...] | None = None,
    ) -> None:
        body = tuple(tuple(row) for row in rows)
        if body:
            self.blocks.append(Table(caption, tuple(headers), body, frozenset(numeric), widths))

    def body(self, body: Body) -> None:
        """One body of the programme organisation: its tasks and who sits in it."""
        self.heading(3, f"{body.kind.label}: {body.name}", f"orgaan-{body.id}")
        self.text(body.tasks)
        self.table(
            f"Samenstelling {body.name}",
            ("Naam", "Functie", "Namens", "Rol"),
            (
                (m.name, m.function, self.names.get(m.organisation or "", ""), m.role.label)
                for m in body.members
            ),
        )
