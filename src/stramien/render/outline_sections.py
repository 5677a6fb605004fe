"""The summary, §1 to §3 and the signature page of the document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from stramien import images
from stramien.formatting import euro, long_date
from stramien.model import (
    ParticipationLevel,
    Party,
    adopted_amendments,
    initiators_of,
    succeeded_on,
)
from stramien.model.dates import plan_date, sort_key
from stramien.model.numbering import paragraph
from stramien.rules import advise_approach, advise_approach_per_track, track_summary

from .blocks import Bullets, Facts, PageBreak, Paragraph, Picture, Signature, SignaturePage
from .outline_builder import OutlineBuilder, in_governance, yes_no


def party_history(b: OutlineBuilder, party: str) -> str:
    """A party's name with what became of it: "Gemeente A — opgegaan in Gemeente B per
    1 januari 2027"; just the name when it was not succeeded."""
    name = b.names.get(party, party)
    succession = succeeded_on(b.agreement.partnership.successions, party)
    if succession is None or succession.successor == party:
        return name
    successor = b.names.get(succession.successor, succession.successor)
    return f"{name} — opgegaan in {successor} per {long_date(succession.date)}"


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
        _participation_headers(parties),
        (_participation_row(b, p, p.id in partner_ids, parties) for p in parties),
        widths=_participation_widths(parties),
    )
    advice = advise_approach(b.agreement)
    b.heading(3, f"Benadering: {advice.label}", "benadering")
    b.add(Bullets(tuple(advice.reasoning)))
    tracks = [t for t in advise_approach_per_track(b.agreement) if t.own_levels]
    if tracks:
        b.add(
            Paragraph(
                "Per deelprogramma of project telt elke partij mee met haar niveau in dat "
                "spoor, als zij daar een eigen niveau heeft, en anders met haar algemene niveau."
            ),
            Bullets(tuple(track_summary(t) for t in tracks)),
        )
    _partners(b)
    _successions(b)
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


def _level(level: ParticipationLevel) -> str:
    return f"{int(level)} {level.label}"


def _participation_headers(parties: list[Party]) -> tuple[str, ...]:
    headers = ["Partij", "Soort", "Sector", "Participatieniveau"]
    if any(p.track_levels for p in parties):
        headers.append("Niveau per spoor")
    if any(p.wanted_level is not None for p in parties):
        headers.append("Gewenst niveau")
    return (*headers, "Partner")


def _participation_widths(parties: list[Party]) -> tuple[float, ...]:
    widths: list[float] = [3, 2, 1, 2]
    if any(p.track_levels for p in parties):
        widths.append(3)
    if any(p.wanted_level is not None for p in parties):
        widths.append(2)
    return (*widths, 1)


def _participation_row(
    b: OutlineBuilder, party: Party, partner: bool, parties: list[Party]
) -> tuple[str, ...]:
    row = [
        party_history(b, party.id),
        party.category.label,
        party.sector.label,
        _level(party.participation_level),
    ]
    if any(p.track_levels for p in parties):
        row.append(
            "; ".join(
                f"{_level(t.level)} in '{b.track_names.get(t.track, t.track)}'"
                for t in party.track_levels
            )
        )
    if any(p.wanted_level is not None for p in parties):
        row.append(_level(party.wanted_level) if party.wanted_level is not None else "")
    return (*row, yes_no(partner))


def _level_facts(b: OutlineBuilder, party: Party) -> list[tuple[str, str]]:
    """A party's levels per track and its wanted level, when it has them."""
    facts = []
    if party.track_levels:
        tracks = "; ".join(
            f"{t.level.label} in '{b.track_names.get(t.track, t.track)}'"
            + (f" ({t.note})" if t.note else "")
            for t in party.track_levels
        )
        facts.append(("Niveau per spoor", tracks))
    if party.wanted_level is not None:
        facts.append(("Gewenst niveau", party.wanted_level.label))
    return facts


def _partners(b: OutlineBuilder) -> None:
    b.heading(2, paragraph("2.3").heading, "consortium")
    successions = b.agreement.partnership.successions
    for partner in b.agreement.partnership.partners:
        b.heading(3, partner.name, f"partner-{partner.id}")
        history: list[tuple[str, str]] = []
        went_up = succeeded_on(successions, partner.id)
        if went_up is not None and went_up.successor != partner.id:
            history.append(("Opvolging", party_history(b, partner.id)))
        history.extend(
            (
                "Neemt over van",
                f"{b.names.get(s.predecessor, s.predecessor)} per {long_date(s.date)} "
                f"({s.reason.label.lower()})",
            )
            for s in successions
            if s.successor == partner.id and s.predecessor != partner.id
        )
        b.add(
            Facts(
                (
                    *history,
                    (
                        "Soort en sector",
                        f"{partner.category.label}, {partner.sector.label.lower()}",
                    ),
                    ("Participatieniveau", partner.participation_level.label),
                    *_level_facts(b, partner),
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


def _successions(b: OutlineBuilder) -> None:
    successions = sorted(b.agreement.partnership.successions, key=lambda s: s.date)
    if not successions:
        return
    b.heading(3, "Opvolging van partijen", "opvolging")
    b.text(
        "Vanaf de genoemde datum neemt de opvolger de rol, de bijdragen en de goedkeuringen "
        "van de voorganger over.",
        "note",
    )
    b.table(
        "Opvolging van partijen",
        ("Per", "Voorganger", "Opvolger", "Reden", "Toelichting"),
        (
            (
                long_date(s.date),
                b.names.get(s.predecessor, s.predecessor),
                b.names.get(s.successor, s.successor),
                s.reason.label,
                s.description,
            )
            for s in successions
        ),
        widths=(1.5, 2, 2, 1.5, 3),
    )


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
        if in_governance(body):
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
        (
            (plan_date(m.date, m.precision), m.title, m.kind.label)
            for m in sorted(public, key=lambda m: sort_key(m.date, m.precision))
        ),
        widths=(1.5, 4, 1.5),
    )


def amendments(b: OutlineBuilder) -> None:
    """The annex listing the amendments of the agreement, when there are any."""
    items = sorted(b.agreement.amendments, key=lambda a: a.number)
    if not items:
        return
    b.heading(1, "Wijzigingen", "wijzigingen")
    adopted = adopted_amendments(items)
    if adopted:
        b.text(
            f"Deze versie van de overeenkomst bevat wijziging {adopted[-1].number}, "
            f"vastgesteld op {long_date(adopted[-1].adopted)}.",
            "note",
        )
    b.table(
        "Wijzigingen van de overeenkomst",
        ("Nr.", "Wijziging", "Soort", "Vastgesteld", "Gewijzigde onderdelen", "Wat er verandert"),
        (
            (
                f"Wijziging {a.number}",
                a.title,
                a.kind.label,
                long_date(a.adopted) if a.adopted is not None else "in voorbereiding",
                ", ".join(a.sections) or "—",
                a.summary,
            )
            for a in items
        ),
        widths=(1.2, 2, 1.5, 1.5, 2, 3),
    )


def signatures(b: OutlineBuilder, approvals: Mapping[str, str], on: dt.date | None = None) -> None:
    """One block per signatory; once adopted, each carries its organisation's approval.

    A partner that went up in a successor on or before ``on`` (without a date: any recorded
    succession) no longer signs, unless it approved this version itself."""
    entries: list[Signature] = []
    successions = b.agreement.partnership.successions
    for partner in b.agreement.partnership.partners:
        approval = approvals.get(partner.name, "")
        went_up = succeeded_on(successions, partner.id)
        if (
            not approval
            and went_up is not None
            and went_up.successor != partner.id
            and (on is None or went_up.date <= on)
        ):
            continue
        entries.extend(
            Signature(partner.name, s.name, s.function, s.mandate, approval)
            for s in partner.signatories
        )
        if approval and not partner.signatories:
            entries.append(Signature(partner.name, "", "", "", approval))
    # A successor that is no partner in the text (a stakeholder) approved in its
    # predecessor's place: its approval is on the page too.
    partner_names = {p.name for p in b.agreement.partnership.partners}
    entries.extend(
        Signature(name, "", "", "", approval)
        for name, approval in approvals.items()
        if name not in partner_names
        and any(b.names.get(s.successor) == name for s in b.agreement.partnership.successions)
    )
    b.add(PageBreak())
    b.heading(1, "Ondertekening", "ondertekening")
    b.add(
        SignaturePage(
            "Aldus overeengekomen door de partners, ieder vertegenwoordigd door de hieronder "
            "genoemde persoon op grond van het vermelde mandaat.",
            tuple(entries),
        )
    )
