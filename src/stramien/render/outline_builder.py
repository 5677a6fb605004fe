"""The builder every part of the document writes into: blocks, names and drawn figures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from stramien.model import Agreement, Body, BodyKind, Member

from . import figures
from .blocks import Block, Facts, Heading, Paragraph, Table


def yes_no(value: bool | None) -> str:
    return {True: "ja", False: "nee", None: "nog niet beantwoord"}[value]


def in_governance(body: Body) -> bool:
    """A body §2.4 describes (boards, regiegroep, programme office); the rest go to §4.5."""
    return body.kind.is_board or body.kind in (BodyKind.DIRECTION_GROUP, BodyKind.PROGRAMME_OFFICE)


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
        drawn: figures.FigureJobs | figures.Sketch,
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

    def _on_behalf_of(self, member: Member) -> str:
        """The organisation a member sits for, and the sector from whose midst, if given."""
        organisation = self.names.get(member.organisation or "", "")
        if member.sector is None:
            return organisation
        sector = f"uit het midden van de sector {member.sector.label.lower()}"
        return f"{organisation} ({sector})" if organisation else sector[0].upper() + sector[1:]

    def body(self, body: Body) -> None:
        """One body of the programme organisation: its tasks, mandate, line and members."""
        self.heading(3, f"{body.kind.label}: {body.name}", f"orgaan-{body.id}")
        self.text(body.tasks)
        facts: list[tuple[str, str]] = []
        parent = self.body_names.get(body.reports_to or "")
        if parent is not None and body.reports_to != body.id:
            facts.append(
                ("Adviseert" if body.kind.is_advisory else "Legt verantwoording af aan", parent)
            )
        if body.mandate.strip():
            facts.append(("Mandaat", " ".join(body.mandate.split())))
        if facts:
            self.add(Facts(tuple(facts)))
        self.table(
            f"Samenstelling {body.name}",
            ("Naam", "Functie", "Namens", "Rol"),
            ((m.name, m.function, self.represents(m), self.role(m)) for m in body.members),
        )

    def represents(self, member: Member) -> str:
        """On whose behalf a person sits: the organisation, or "onafhankelijk"."""
        organisation = self._on_behalf_of(member)
        if member.independent and not organisation:
            return "onafhankelijk"
        return organisation

    @staticmethod
    def role(member: Member) -> str:
        if member.independent:
            return f"Onafhankelijk {member.role.label.lower()}"
        return member.role.label
