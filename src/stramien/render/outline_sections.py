"""The summary, §1 to §3 and the signature page of the document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from stramien import images
from stramien.formatting import euro, long_date
from stramien.model import BodyKind, initiators_of
from stramien.model.numbering import paragraph
from stramien.rules import advise_approach

from .blocks import Bullets, Facts, PageBreak, Paragraph, Picture, Signature, SignaturePage
from .outline_builder import OutlineBuilder, yes_no


def summary(b: OutlineBuilder) -> None:
    p = b.agreement.programme
    b.heading(1, "Samenvatting", "samenvatting")
    b.text(p.summary)
    initiator = _initiator_names(b) or "—"
    total = sum((c.amount for c in b.agreement.finance.cost_items), Decimal(0))
    count = len(b.agreement.partnership.funders)
    funders = [("Financiers (niet-ondertekenend)", str(count))] if count else []
    b.add(
        Facts(
            (
                ("Programma", p.name),
                ("Gebied", p.region or "—"),
                ("Looptijd", f"{long_date(p.start)} tot en met {long_date(p.end)}"),
                (
                    "Initiatiefnemers"
                    if len(initiators_of(b.agreement.partnership)) > 1
                    else "Initiatiefnemer",
                    initiator,
                ),
                ("Partners", str(len(b.agreement.partnership.partners))),
                *funders,
                ("Totale begroting", euro(total)),
            )
        )
    )


def ambition(b: OutlineBuilder) -> None:
    amb = b.agreement.ambition
    b.heading(1, paragraph("1").heading, "ambitie")
    b.heading(2, paragraph("1.1").heading, "kernachtig")
    b.text(amb.statement, "lead", empty="De ambitie is nog niet verwoord.")
    if amb.story:
        b.heading(3, "Het verhaal dat ons beweegt", "verhaal")
        b.text(amb.story)
    b.heading(2, paragraph("1.2").heading, "begunstigden")
    items = tuple(
        f"{group.name}: {group.benefit}" if group.benefit else group.name
        for group in amb.beneficiaries
    )
    b.add(Bullets(items) if items else Paragraph("Nog niet ingevuld.", "note"))
    b.heading(2, paragraph("1.3").heading, "groter-geheel")
    b.text(amb.larger_whole, empty="Nog niet ingevuld.")


def partnership(b: OutlineBuilder) -> None:
    ps = b.agreement.partnership
    b.heading(1, paragraph("2").heading, "samenwerkingsverband")
    b.heading(2, paragraph("2.1").heading, "strategie")
    b.text(ps.strategy, empty="De strategie is nog niet beschreven.")
    b.table(
        "Rol van de sectoren",
        ("Sector", "Rol", "Nodig"),
        ((r.sector.label, r.role, yes_no(r.needed)) for r in ps.sector_roles),
        widths=(1, 4, 1),
    )
    b.heading(2, paragraph("2.2").heading, "participatie")
    initiator = _initiator_names(b)
    if not initiator:
        b.add(Paragraph("Er is nog geen initiatiefnemer."))
    elif len(initiators_of(ps)) > 1:
        b.add(Paragraph(f"Initiatiefnemers: {initiator}."))
    else:
        b.add(Paragraph(f"Initiatiefnemer: {initiator}."))
    _founding_moments(b)
    b.figure("participation_matrix")
    parties = sorted(
        [*ps.partners, *ps.stakeholders],
        key=lambda p: (p.category.label, -p.participation_level, p.name),
    )
    partner_ids = {p.id for p in ps.partners}
    b.table(
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
    advice = advise_approach(b.agreement)
    b.heading(3, f"Benadering: {advice.label}", "benadering")
    b.add(Bullets(tuple(advice.reasoning)))
    _partners(b)
    _governance(b)


def _initiator_names(b: OutlineBuilder) -> str:
    """Every initiator by name, as one line: 'A, B en C'."""
    names = [b.names.get(ref, ref) for ref in initiators_of(b.agreement.partnership)]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


def _founding_moments(b: OutlineBuilder) -> None:
    """The founding moments in date order (undated ones last), each with its date."""
    moments = b.agreement.partnership.founding_moments
    if not moments:
        return
    ordered = sorted(
        enumerate(moments),
        key=lambda item: (item[1].date is None, item[1].date or dt.date.min, item[0]),
    )
    items = []
    for _, moment in ordered:
        when = long_date(moment.date) if moment.date is not None else "datum nog niet bekend"
        line = f"{when}: {moment.title}"
        if moment.description.strip():
            line += f" — {' '.join(moment.description.split())}"
        items.append(line)
    b.heading(3, "Totstandkoming", "totstandkoming")
    b.add(Bullets(tuple(items)))


def _funders(b: OutlineBuilder) -> None:
    """Parties that pay without signing: what they fund, on which conditions, and how much."""
    funders = b.agreement.partnership.funders
    if not funders:
        return
    b.heading(3, "Financiers (niet-ondertekenend)", "financiers")
    b.add(
        Paragraph(
            "Deze partijen betalen mee aan het programma zonder partner te zijn: zij tekenen "
            "deze overeenkomst niet en hebben geen participatieniveau.",
            "note",
        )
    )
    amounts: dict[str, Decimal] = {}
    for contribution in b.agreement.finance.contributions:
        amounts[contribution.partner] = amounts.get(contribution.partner, Decimal(0)) + (
            contribution.amount
        )
    b.table(
        "Financiers",
        ("Financier", "Soort", "Wat zij financiert", "Voorwaarden", "Bijdrage"),
        (
            (
                f.name,
                f.category.label,
                f.description or "—",
                f.conditions or "—",
                euro(amounts.get(f.id, Decimal(0))),
            )
            for f in funders
        ),
        numeric=(4,),
        widths=(2, 1.5, 3, 3, 1.5),
    )


def _partners(b: OutlineBuilder) -> None:
    b.heading(2, paragraph("2.3").heading, "consortium")
    for partner in b.agreement.partnership.partners:
        b.heading(3, partner.name, f"partner-{partner.id}")
        b.add(
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
    _funders(b)


def _governance(b: OutlineBuilder) -> None:
    org = b.agreement.organisation
    b.heading(2, paragraph("2.4").heading, "besluitvorming")
    b.text(org.decision_making, empty="Nog niet beschreven.")
    director = org.process_director
    if director is not None:
        organisation = b.names.get(director.organisation or "", "")
        who = ", ".join(x for x in (director.name, director.function, organisation) if x)
        b.add(Paragraph(f"Procesregisseur: {who}."))
    for body in org.bodies:
        if body.kind in (BodyKind.STEERING_COMMITTEE, BodyKind.DIRECTION_GROUP):
            b.body(body)


def realisation(b: OutlineBuilder) -> None:
    r = b.agreement.realisation
    b.heading(1, paragraph("3").heading, "realisatie")
    b.heading(2, paragraph("3.1").heading, "wat-er-komt")
    b.text(r.description, empty="Nog niet beschreven wat er concreet komt.")
    image = r.artist_impression
    if image is not None:
        data = b.attachments.get(image.file)
        # The bytes decide, not the name: a file that is no picture is never embedded.
        mime = images.displayable_type(data, image.file) if data is not None else None
        if data is not None and mime is not None:
            caption = image.caption or "Artist impression"
            b.add(Picture(image.file, data, mime, image.alt_text, caption))  # type: ignore[arg-type]
        else:
            what = image.alt_text or image.file
            why = "beeld niet bijgevoegd" if data is None else "het bestand is geen leesbaar beeld"
            b.add(Paragraph(f"Artist impression: {what} ({why}).", "note"))
    b.heading(2, paragraph("3.2").heading, "impact")
    b.text(r.impact, empty="Nog niet beschreven.")
    b.heading(3, "Wat het van mensen vraagt", "negatieve-gevolgen")
    b.table(
        "Negatieve gevolgen en wat we eraan doen",
        ("Soort", "Wat merken mensen", "Wat we eraan doen"),
        ((c.kind.label, c.description, c.mitigation) for c in r.negative_consequences),
        widths=(1, 3, 3),
    )
    b.heading(2, paragraph("3.3").heading, "publieke-mijlpalen")
    public = [m for m in b.agreement.planning.milestones if m.public]
    b.table(
        "Publieke mijlpalen",
        ("Datum", "Mijlpaal", "Soort"),
        ((long_date(m.date), m.title, m.kind.label) for m in sorted(public, key=lambda m: m.date)),
        widths=(1.5, 4, 1.5),
    )


def signatures(b: OutlineBuilder, approvals: Mapping[str, str]) -> None:
    """One block per signatory; once adopted, each carries its organisation's approval."""
    entries: list[Signature] = []
    for partner in b.agreement.partnership.partners:
        approval = approvals.get(partner.name, "")
        entries.extend(
            Signature(partner.name, s.name, s.function, s.mandate, approval)
            for s in partner.signatories
        )
        if approval and not partner.signatories:
            entries.append(Signature(partner.name, "", "", "", approval))
    b.add(PageBreak())
    b.heading(1, "Ondertekening", "ondertekening")
    b.add(
        SignaturePage(
            "Aldus overeengekomen door de partners, ieder vertegenwoordigd door de hieronder "
            "genoemde persoon op grond van het vermelde mandaat.",
            tuple(entries),
        )
    )
