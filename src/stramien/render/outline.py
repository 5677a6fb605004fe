"""Agreement -> Document: the content and order of the agreement, shared by every format."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from stramien.model import Agreement, AppendixKind, BodyKind, Member
from stramien.monitor.effects import case_effects
from stramien.rules import advise_approach, advise_structure
from stramien.rules.advice import STATUS_LABELS
from stramien.rules.context import euro

from . import figures
from .blocks import (
    Block,
    Bullets,
    Document,
    Facts,
    Heading,
    PageBreak,
    Paragraph,
    Picture,
    RevisionMeta,
    Signature,
    SignaturePage,
    Table,
)
from .text import nl_date

PICTURE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


def short_date(day: dt.date | None) -> str:
    return f"{day:%d-%m-%Y}" if day is not None else "—"


def number(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:,f}".replace(",", "X").replace(".", ",").replace("X", ".")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text} {unit}".strip()


def yes_no(value: bool | None) -> str:
    return {True: "ja", False: "nee", None: "nog niet beantwoord"}[value]


def paragraphs(text: str, style: str = "normal") -> list[Block]:
    """User text split on blank lines; each part one paragraph (never markup)."""
    parts = [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(part, style) for part in parts if part]  # type: ignore[arg-type]


def content_hash(agreement: Agreement) -> str:
    """sha256 over the canonical JSON of the agreement: sorted keys, no whitespace."""
    canonical = json.dumps(
        agreement.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class _Builder:
    def __init__(
        self,
        agreement: Agreement,
        attachments: Mapping[str, bytes],
        drawn: figures.FigureJobs,
    ) -> None:
        self.a = agreement
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

    def member_rows(self, members: list[Member]) -> list[tuple[str, str, str, str]]:
        return [
            (m.name, m.function, self.names.get(m.organisation or "", ""), m.role.label)
            for m in members
        ]

    # -- the parts of the agreement, in the stramien's order ------------------------------
    def summary(self) -> None:
        p = self.a.programme
        self.heading(1, "Samenvatting", "samenvatting")
        self.text(p.summary)
        initiator = self.names.get(self.a.partnership.initiator or "", "—")
        total = sum((c.amount for c in self.a.finance.cost_items), Decimal(0))
        self.add(
            Facts(
                (
                    ("Programma", p.name),
                    ("Gebied", p.region or "—"),
                    ("Looptijd", f"{nl_date(p.start)} tot en met {nl_date(p.end)}"),
                    ("Initiatiefnemer", initiator),
                    ("Partners", str(len(self.a.partnership.partners))),
                    ("Totale begroting", euro(total)),
                )
            )
        )

    def ambition(self) -> None:
        amb = self.a.ambition
        self.heading(1, "§1 Maatschappelijke ambitie", "ambitie")
        self.text(amb.statement, "lead", empty="De ambitie is nog niet verwoord.")
        if amb.story:
            self.heading(2, "Het verhaal dat ons beweegt", "verhaal")
            self.text(amb.story)
        self.heading(2, "Wie worden er beter van", "begunstigden")
        items = tuple(f"{b.name}: {b.benefit}" if b.benefit else b.name for b in amb.beneficiaries)
        self.add(Bullets(items) if items else Paragraph("Nog niet ingevuld.", "note"))
        self.heading(2, "Onderdeel van een groter geheel", "groter-geheel")
        self.text(amb.larger_whole, empty="Nog niet ingevuld.")

    def partnership(self) -> None:
        ps = self.a.partnership
        self.heading(1, "§2 Samenwerkingsverband", "samenwerkingsverband")
        self.heading(2, "Strategie en de rol van de sectoren", "strategie")
        self.text(ps.strategy, empty="De strategie is nog niet beschreven.")
        self.table(
            "Rol van de sectoren",
            ("Sector", "Rol", "Nodig"),
            ((r.sector.label, r.role, yes_no(r.needed)) for r in ps.sector_roles),
            widths=(1, 4, 1),
        )
        self.heading(2, "Initiatiefnemer en participatie", "participatie")
        initiator = self.names.get(ps.initiator or "")
        self.add(
            Paragraph(
                f"Initiatiefnemer: {initiator}." if initiator else "Er is nog geen initiatiefnemer."
            )
        )
        self.figure("participation_matrix")
        parties = sorted(
            [*ps.partners, *ps.stakeholders],
            key=lambda p: (p.category.label, -p.participation_level, p.name),
        )
        partner_ids = {p.id for p in ps.partners}
        self.table(
            "Belanghebbenden en participatieniveau (5 O's)",
            ("Partij", "Soort", "Sector", "Participatieniveau", "Partner"),
            (
                (
                    p.name,
                    p.category.label,
                    p.sector.label,
                    f"{int(p.participation_level)} {p.participation_level.label}",
                    yes_no(p.id in partner_ids),
                )
                for p in parties
            ),
            widths=(3, 2, 1, 2, 1),
        )
        advice = advise_approach(self.a)
        self.heading(3, f"Benadering: {advice.label}", "benadering")
        self.add(Bullets(tuple(advice.reasoning)))
        self.partners()
        self.governance()

    def partners(self) -> None:
        self.heading(2, "Het consortium", "consortium")
        for partner in self.a.partnership.partners:
            self.heading(3, partner.name, f"partner-{partner.id}")
            self.add(
                Facts(
                    (
                        (
                            "Soort en sector",
                            f"{partner.category.label}, {partner.sector.label.lower()}",
                        ),
                        ("Participatieniveau", partner.participation_level.label),
                        ("Rol", partner.role or "—"),
                        ("Bijdrage", partner.contribution or "—"),
                        ("Kernwaarden", ", ".join(partner.core_values) or "—"),
                        (
                            "Organisatiebelangen",
                            "; ".join(i.description for i in partner.interests) or "—",
                        ),
                    )
                )
            )

    def governance(self) -> None:
        org = self.a.organisation
        self.heading(2, "Regievoering en besluitvorming", "besluitvorming")
        self.text(org.decision_making, empty="Nog niet beschreven.")
        director = org.process_director
        if director is not None:
            organisation = self.names.get(director.organisation or "", "")
            who = ", ".join(x for x in (director.name, director.function, organisation) if x)
            self.add(Paragraph(f"Procesregisseur: {who}."))
        for body in org.bodies:
            if body.kind in (BodyKind.STEERING_COMMITTEE, BodyKind.DIRECTION_GROUP):
                self.heading(3, f"{body.kind.label}: {body.name}", f"orgaan-{body.id}")
                self.text(body.tasks)
                self.table(
                    f"Samenstelling {body.name}",
                    ("Naam", "Functie", "Namens", "Rol"),
                    self.member_rows(body.members),
                )

    def realisation(self) -> None:
        r = self.a.realisation
        self.heading(1, "§3 Visualisatie van de realisatie", "realisatie")
        self.text(r.description, empty="Nog niet beschreven wat er concreet komt.")
        image = r.artist_impression
        if image is not None:
            data = self.attachments.get(image.file)
            suffix = "." + image.file.rsplit(".", 1)[-1].lower() if "." in image.file else ""
            mime = PICTURE_TYPES.get(suffix)
            if data is not None and mime is not None:
                caption = image.caption or "Artist impression"
                self.add(Picture(image.file, data, mime, image.alt_text, caption))  # type: ignore[arg-type]
            else:
                what = image.alt_text or image.file
                self.add(Paragraph(f"Artist impression: {what} (beeld niet bijgevoegd).", "note"))
        self.heading(2, "Impact voor gebruikers en samenleving", "impact")
        self.text(r.impact, empty="Nog niet beschreven.")
        self.heading(2, "Wat het van mensen vraagt", "negatieve-gevolgen")
        self.table(
            "Negatieve gevolgen en wat we eraan doen",
            ("Soort", "Wat merken mensen", "Wat we eraan doen"),
            ((c.kind.label, c.description, c.mitigation) for c in r.negative_consequences),
            widths=(1, 3, 3),
        )
        self.heading(2, "Publieke mijlpalen en oplevermomenten", "publieke-mijlpalen")
        public = [m for m in self.a.planning.milestones if m.public]
        self.table(
            "Publieke mijlpalen",
            ("Datum", "Mijlpaal", "Soort"),
            (
                (nl_date(m.date), m.title, m.kind.label)
                for m in sorted(public, key=lambda m: m.date)
            ),
            widths=(1.5, 4, 1.5),
        )

    def programme(self) -> None:
        self.heading(1, "§4 Programma-opzet en organisatie", "programma")
        self.goal_tree()
        self.indicators()
        self.phasing()
        self.finance()
        self.organisation()
        self.risks()

    def goal_tree(self) -> None:
        self.heading(2, "4.1 Doelenboom", "doelenboom")
        self.figure("goal_tree")
        interests = {i.id: i.description for p in self.a.partnership.partners for i in p.interests}
        self.table(
            "Doelen en hun samenhang",
            ("Id", "Doel", "Draagt bij aan", "Partners", "Belangen"),
            (
                (
                    g.id,
                    g.title,
                    "ambitie" if g.contributes_to_ambition else ", ".join(g.contributes_to),
                    ", ".join(self.names.get(p, p) for p in g.partners),
                    "; ".join(interests.get(i, i) for i in g.interests),
                )
                for g in self.a.goals
            ),
            widths=(1, 3, 1.5, 2.5, 3),
        )

    def indicators(self) -> None:
        em = self.a.effect_measurement
        self.heading(2, "4.2 Meetbare maatschappelijke meerwaarde", "meerwaarde")
        self.text(em.method)
        self.table(
            "Dashboard van prestatie-indicatoren",
            ("Indicator", "Doel", "Nulmeting", "Streefwaarde", "Streefdatum", "Eigenaar"),
            (
                (
                    k.name,
                    self.goal_titles.get(k.goal, k.goal),
                    number(k.baseline, k.unit),
                    number(k.target, k.unit),
                    short_date(k.target_date),
                    self.names.get(k.owner or "", "—"),
                )
                for k in self.a.indicators
            ),
            numeric=(2, 3),
            widths=(3, 3, 1.5, 1.5, 1.5, 2),
        )
        self.figure("kpi_charts")
        effects = case_effects(self.a)
        if effects:
            self.heading(3, "Effectberekening per casus", "effecten")
            self.table(
                "Maatschappelijke kosten per scenario (alle vergelijkbare gevallen)",
                ("Casus", "Gevallen", "Met aanpak", "Zonder aanpak", "Verschil"),
                (
                    (
                        e.case.title,
                        str(e.case.count),
                        euro(e.intervention),
                        euro(e.reference),
                        euro(e.saving),
                    )
                    for e in effects
                ),
                numeric=(1, 2, 3, 4),
            )

    def phasing(self) -> None:
        planning = self.a.planning
        self.heading(2, "4.3 Fasering en mijlpalen", "fasering")
        self.figure("phasing_gantt")
        self.table(
            "Fasen",
            ("Fase", "Van", "Tot en met", "Resultaten"),
            (
                (p.name, short_date(p.start), short_date(p.end), "; ".join(p.results))
                for p in planning.phases
            ),
            widths=(2, 1.2, 1.2, 4),
        )
        self.table(
            "Mijlpalen en oplevermomenten",
            ("Datum", "Mijlpaal", "Soort", "Fase", "Publiek"),
            (
                (
                    short_date(m.date),
                    m.title,
                    m.kind.label,
                    self.phase_names.get(m.phase or "", "—"),
                    yes_no(m.public),
                )
                for m in planning.milestones
            ),
            widths=(1.2, 4, 1.3, 2, 0.8),
        )

    def finance(self) -> None:
        fin = self.a.finance
        self.heading(2, "4.4 Wie betaalt wat", "financien")
        self.figure("budget_chart")
        costs = sum((c.amount for c in fin.cost_items), Decimal(0))
        cash = sum((c.amount for c in fin.contributions if not c.kind.in_kind), Decimal(0))
        in_kind = sum((c.amount for c in fin.contributions if c.kind.in_kind), Decimal(0))
        self.add(
            Facts(
                (
                    ("Totale begrote kosten", euro(costs)),
                    ("Financiering in geld", euro(cash)),
                    ("Bijdragen in natura", euro(in_kind)),
                    ("Saldo", euro(cash + in_kind - costs)),
                )
            )
        )
        per_year_cost: dict[int, Decimal] = defaultdict(Decimal)
        per_year_fin: dict[int, Decimal] = defaultdict(Decimal)
        for item in fin.cost_items:
            per_year_cost[item.year] += item.amount
        for contribution in fin.contributions:
            per_year_fin[contribution.year] += contribution.amount
        self.table(
            "Kosten en financiering per jaar",
            ("Jaar", "Kosten", "Financiering", "Saldo"),
            (
                (
                    str(y),
                    euro(per_year_cost[y]),
                    euro(per_year_fin[y]),
                    euro(per_year_fin[y] - per_year_cost[y]),
                )
                for y in sorted(set(per_year_cost) | set(per_year_fin))
            ),
            numeric=(1, 2, 3),
        )
        by_partner: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for contribution in fin.contributions:
            by_partner[contribution.partner][1 if contribution.kind.in_kind else 0] += (
                contribution.amount
            )
        self.table(
            "Bijdragen per partner",
            ("Partner", "Geld", "In natura", "Totaal"),
            (
                (
                    self.names.get(p.id, p.id),
                    euro(by_partner[p.id][0]),
                    euro(by_partner[p.id][1]),
                    euro(sum(by_partner[p.id], Decimal(0))),
                )
                for p in self.a.partnership.partners
                if p.id in by_partner
            ),
            numeric=(1, 2, 3),
        )
        self.table(
            "Bijdragen in natura",
            ("Partner", "Soort", "Omschrijving", "Waardering", "Waarde"),
            (
                (
                    self.names.get(c.partner, c.partner),
                    c.kind.label,
                    c.description,
                    c.valuation,
                    euro(c.amount),
                )
                for c in fin.contributions
                if c.kind.in_kind
            ),
            numeric=(4,),
            widths=(2, 2, 3, 3, 1.5),
        )
        self.text(fin.notes)

    def organisation(self) -> None:
        org = self.a.organisation
        self.heading(2, "4.5 Programmaorganisatie en teamsamenstelling", "organisatie")
        self.figure("organogram")
        self.table(
            "Checklist inrichting van het programma",
            ("Vraag", "Antwoord", "Onderdeel", "Stand"),
            (
                (
                    item.question,
                    "altijd" if item.key.startswith("always:") else yes_no(item.answer),
                    item.element,
                    STATUS_LABELS[item.status],
                )
                for item in advise_structure(self.a)
            ),
            widths=(4, 1, 2, 2),
        )
        self.text(org.checklist.notes)
        for body in org.bodies:
            if body.kind in (BodyKind.STEERING_COMMITTEE, BodyKind.DIRECTION_GROUP):
                continue
            self.heading(3, f"{body.kind.label}: {body.name}", f"orgaan-{body.id}")
            self.text(body.tasks)
            self.table(
                f"Samenstelling {body.name}",
                ("Naam", "Functie", "Namens", "Rol"),
                self.member_rows(body.members),
            )
        budget: dict[str, Decimal] = defaultdict(Decimal)
        for item in self.a.finance.cost_items:
            if item.project:
                budget[item.project] += item.amount
        for project in org.projects:
            self.heading(3, f"(Deel)project: {project.name}", f"project-{project.id}")
            client = ", ".join(
                x
                for x in (
                    project.commissioning_client,
                    self.names.get(project.commissioning_organisation or "", ""),
                )
                if x
            )
            self.add(
                Facts(
                    (
                        ("Team", self.body_names.get(project.team or "", "—")),
                        ("Opdrachtgever", client or "—"),
                        ("Budget", euro(budget[project.id])),
                        (
                            "Doelen",
                            "; ".join(self.goal_titles.get(g, g) for g in project.goals) or "—",
                        ),
                    )
                )
            )
            if project.research_questions:
                self.add(Paragraph("Onderzoeksvragen:"), Bullets(tuple(project.research_questions)))
            self.table(
                f"Opleveringen {project.name}",
                ("Datum", "Wat wordt opgeleverd"),
                ((short_date(d.due), d.title) for d in project.deliverables),
                widths=(1, 5),
            )
        if org.alliances:
            self.heading(3, "Allianties", "allianties")
            self.table(
                "Allianties",
                ("Alliantie", "Soort", "Met wie", "Doel"),
                (
                    (al.name, al.kind.label, ", ".join(al.parties), al.purpose)
                    for al in org.alliances
                ),
            )
        if org.citizen_initiatives:
            self.heading(3, "Samenwerking met burgerinitiatieven", "burgerinitiatieven")
            self.table(
                "Burgerinitiatieven",
                ("Initiatief", "Vorm", "Hoe we samenwerken"),
                ((ci.name, ci.form.label, ci.how) for ci in org.citizen_initiatives),
            )

    def risks(self) -> None:
        rs = self.a.risks
        self.heading(2, "4.6 Risico's en wie ze draagt", "risicos")
        self.text(rs.conclusions)
        self.figure("risk_heatmap")
        ordered = sorted(rs.items, key=lambda r: (-r.score, r.id))
        self.table(
            "Risico's, maatregelen en risicodragers",
            ("Id", "Risico", "Kans", "Impact", "Voorzorgsmaatregelen", "Drager"),
            (
                (
                    r.id,
                    r.title,
                    str(r.likelihood),
                    str(r.impact),
                    r.precautions,
                    self.names.get(r.bearer or "", "—"),
                )
                for r in ordered
            ),
            numeric=(2, 3),
            widths=(1, 3, 0.7, 0.8, 4, 2),
        )

    def appendices(self) -> None:
        chosen = [kind for kind in AppendixKind if kind in set(self.a.appendices.chosen)]
        if not chosen:
            return
        self.heading(1, "§5 Bijlagen", "bijlagen")
        for number_, kind in enumerate(chosen, start=1):
            self.heading(2, f"Bijlage {number_}. {kind.label}", f"bijlage-{kind.value}")
            APPENDIX_WRITERS[kind](self)

    def signatures(self, approvals: Mapping[str, str]) -> None:
        """One block per signatory; once adopted, each carries its organisation's approval."""
        entries: list[Signature] = []
        for partner in self.a.partnership.partners:
            approval = approvals.get(partner.name, "")
            entries.extend(
                Signature(partner.name, s.name, s.function, s.mandate, approval)
                for s in partner.signatories
            )
            if approval and not partner.signatories:
                entries.append(Signature(partner.name, "", "", "", approval))
        self.add(PageBreak())
        self.heading(1, "Ondertekening", "ondertekening")
        self.add(
            SignaturePage(
                "Aldus overeengekomen door de partners, ieder vertegenwoordigd door de hieronder "
                "genoemde persoon op grond van het vermelde mandaat.",
                tuple(entries),
            )
        )


def _monitoring(b: _Builder) -> None:
    per_goal: dict[str, list[str]] = defaultdict(list)
    for k in b.a.indicators:
        per_goal[k.goal].append(
            f"{k.name} ({number(k.baseline, k.unit)} → {number(k.target, k.unit)})"
        )
    b.table(
        "Doelen met hun prestatie-indicatoren",
        ("Doel", "Indicatoren"),
        ((g.title, "; ".join(per_goal[g.id])) for g in b.a.goals if g.id in per_goal),
        widths=(2, 4),
    )


def _organogram(b: _Builder) -> None:
    b.table(
        "Organen van het programma",
        ("Orgaan", "Soort", "Leden", "Legt verantwoording af aan"),
        (
            (
                body.name,
                body.kind.label,
                str(len(body.members)),
                b.body_names.get(body.reports_to or "", "—"),
            )
            for body in b.a.organisation.bodies
        ),
        numeric=(2,),
    )


def _planning_budget(b: _Builder) -> None:
    projects = {p.id: p.name for p in b.a.organisation.projects}
    b.table(
        "Begroting per post",
        ("Post", "Soort", "Jaar", "Fase", "(Deel)project", "Bedrag"),
        (
            (
                c.description,
                c.category,
                str(c.year),
                b.phase_names.get(c.phase or "", "—"),
                projects.get(c.project or "", "—"),
                euro(c.amount),
            )
            for c in b.a.finance.cost_items
        ),
        numeric=(2, 5),
        widths=(2.6, 1.3, 0.8, 2.1, 2, 1.5),
    )
    if b.a.appendices.subproject_plans:
        b.heading(3, "Deelprojectplannen", "deelprojectplannen")
        b.text(b.a.appendices.subproject_plans)


def _partner_agreements(b: _Builder) -> None:
    for item in b.a.appendices.partner_agreements:
        b.heading(3, b.names.get(item.partner, item.partner), f"tvb-{item.partner}")
        for label, entries in (
            ("Taken", item.tasks),
            ("Verantwoordelijkheden", item.responsibilities),
            ("Bevoegdheden", item.authorities),
        ):
            if entries:
                b.add(Paragraph(f"{label}:"), Bullets(tuple(entries)))


def _text_appendix(field: str) -> Callable[[_Builder], None]:
    def write(b: _Builder) -> None:
        b.text(getattr(b.a.appendices, field), empty="Nog niet ingevuld.")

    return write


def _risk_analysis(b: _Builder) -> None:
    b.text(b.a.appendices.risk_analysis)
    counts: dict[str, int] = defaultdict(int)
    for r in b.a.risks.items:
        counts["hoog" if r.score >= 15 else "midden" if r.score >= 8 else "laag"] += 1
    b.add(
        Facts(
            tuple((f"Risico's {level}", str(counts[level])) for level in ("hoog", "midden", "laag"))
        )
    )


def _calamities(b: _Builder) -> None:
    cal = b.a.appendices.calamities
    b.heading(3, "Werkwijze bij calamiteiten", "calamiteiten-werkwijze")
    b.text(cal.procedure, empty="Nog niet ingevuld.")
    b.heading(3, "Schaderegeling", "schaderegeling")
    b.text(cal.damage_settlement, empty="Nog niet ingevuld.")


def _public_law(b: _Builder) -> None:
    b.table(
        "Publiekrechtelijke procedures",
        ("Procedure", "Bevoegd gezag", "Gepland besluit", "Toelichting"),
        (
            (p.name, p.competent_authority, short_date(p.planned), p.description)
            for p in b.a.appendices.public_law_procedures
        ),
    )


def _exit_clause(b: _Builder) -> None:
    clause = b.a.appendices.exit_clause
    months = clause.notice_period_months
    b.add(
        Facts(
            (
                ("Opzegtermijn", f"{months} maanden" if months is not None else "—"),
                ("Voorwaarden", clause.conditions or "—"),
                ("Financiële afwikkeling", clause.financial_settlement or "—"),
            )
        )
    )


def _definitions(b: _Builder) -> None:
    b.table(
        "Definities",
        ("Begrip", "Betekenis"),
        ((d.term, d.meaning) for d in b.a.appendices.definitions),
        widths=(1, 4),
    )


APPENDIX_WRITERS: dict[AppendixKind, Callable[[_Builder], None]] = {
    AppendixKind.MONITORING: _monitoring,
    AppendixKind.ORGANOGRAM: _organogram,
    AppendixKind.PLANNING_BUDGET: _planning_budget,
    AppendixKind.PARTNER_AGREEMENTS: _partner_agreements,
    AppendixKind.COMMUNICATION_PLAN: _text_appendix("communication_plan"),
    AppendixKind.PROBLEM_ANALYSIS: _text_appendix("problem_analysis"),
    AppendixKind.RISK_ANALYSIS: _risk_analysis,
    AppendixKind.CALAMITIES: _calamities,
    AppendixKind.PUBLIC_LAW_PROCEDURES: _public_law,
    AppendixKind.EXIT_CLAUSE: _exit_clause,
    AppendixKind.DEFINITIONS: _definitions,
}


def build_document(
    agreement: Agreement,
    meta: RevisionMeta | None = None,
    attachments: Mapping[str, bytes] | None = None,
    *,
    draw_figures: bool = True,
) -> Document:
    """The whole agreement as blocks, in the stramien's order, ending with the signatures.

    The figures are drawn in threads while the rest is built. ``draw_figures=False`` leaves
    the drawing out (for Markdown, which shows a figure as its title and alt text): the
    figures are there, with an empty ``svg``.
    """
    if meta is None:
        meta = RevisionMeta(hash=content_hash(agreement))
    with figures.FigureJobs(agreement, draw=draw_figures) as drawn:
        builder = _Builder(agreement, attachments or {}, drawn)
        builder.summary()
        builder.ambition()
        builder.partnership()
        builder.realisation()
        builder.programme()
        builder.appendices()
        builder.signatures(dict(meta.approvals))
    programme = agreement.programme
    return Document(
        title=programme.name,
        subtitle="Samenwerkingsovereenkomst",
        short_name=programme.short_name or programme.name,
        partners=tuple(p.name for p in agreement.partnership.partners),
        meta=meta,
        blocks=tuple(builder.blocks),
    )
