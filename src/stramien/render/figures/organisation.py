"""The organogram (§4.5): the bodies, who reports to whom, and the process director."""

from __future__ import annotations

from stramien.model import Agreement, MemberRole

from .. import _graphviz as gv
from ..blocks import Figure
from ._common import (
    AMBER,
    BLUE,
    INK,
    LIGHT_AMBER,
    LIGHT_BLUE,
    MUTED,
    PALE_BLUE,
    dot_svg,
    enumeration,
    finish,
    one_line,
    party_names,
    plural,
    shorten,
)

MAX_MEMBER_NAMES = 8


def organogram(agreement: Agreement) -> Figure | None:
    """The bodies of the programme organisation, who reports to whom, and the director."""
    org = agreement.organisation
    if not org.bodies and org.process_director is None:
        return None
    title = "Programma-organogram"
    span = gv.Span
    names = party_names(agreement)
    body_ids = {body.id for body in org.bodies}
    lines = [
        f"digraph {gv.quote(title)} {{",
        f"  graph [rankdir=TB, fontname={gv.quote(gv.FONT)}, bgcolor=white, pad=0.15, "
        "nodesep=0.25, ranksep=0.45];",
        f"  node [fontname={gv.quote(gv.FONT)}, fontsize=9, shape=box, style=filled, "
        f'fillcolor="{PALE_BLUE}", color="{BLUE}", fontcolor="{INK}", margin="0.12,0.06", '
        "penwidth=0.8];",
        f'  edge [color="{MUTED}", arrowsize=0.55, penwidth=0.8, dir=back];',
    ]
    for body in org.bodies:
        rows: list[list[list[gv.Span]]] = [
            [[span(line, bold=True, size=10)]] for line in gv.wrap(body.name, 32, max_lines=3)
        ]
        rows.append([[span(body.kind.label, italic=True, size=8, color=MUTED)]])
        if body.members and len(body.members) <= MAX_MEMBER_NAMES:
            for member in body.members:
                text = shorten(member.name, 40)
                if member.role is not MemberRole.MEMBER:
                    text += f" ({member.role.label.lower()})"
                organisation = names.get(member.organisation or "", "")
                rows.append(
                    [
                        [span(text)],
                        [span(shorten(organisation, 36), size=8, color=MUTED)],
                    ]
                )
        elif body.members:
            rows.append([[span(f"{len(body.members)} leden")]])
            chairs = [m for m in body.members if m.role is MemberRole.CHAIR]
            if chairs:
                rows.append([[span(f"voorzitter: {shorten(chairs[0].name, 40)}", size=8)]])
        else:
            rows.append([[span("nog geen leden", italic=True, size=8, color=MUTED)]])
        top = body.reports_to is None or body.reports_to not in body_ids
        style = f', fillcolor="{LIGHT_BLUE}", penwidth=1.2' if top else ""
        lines.append(f"  {gv.quote(body.id)} [label={gv.html_table(rows)}{style}];")
    for body in org.bodies:
        if body.reports_to in body_ids and body.reports_to != body.id:
            lines.append(f"  {gv.quote(body.reports_to)} -> {gv.quote(body.id)};")

    director = org.process_director
    if director is not None:
        label: list[list[gv.Span]] = [[span("Procesregisseur", italic=True, size=8, color=AMBER)]]
        label.append([span(shorten(director.name, 40), bold=True, size=10)])
        if director.function:
            label += [[span(line, size=8)] for line in gv.wrap(director.function, 32, 2)]
        if director.organisation in names:
            label.append([span(shorten(names[director.organisation], 40), size=8, color=MUTED)])
        lines.append(
            f"  {gv.quote('_director')} [label={gv.html_label(label)}, shape=box, "
            f'style="rounded,filled", fillcolor="{LIGHT_AMBER}", color="{AMBER}"];'
        )
        # Linked (dashed) to the bodies the director sits in.
        key = one_line(director.name).casefold()
        seats = [
            body.id
            for body in org.bodies
            if any(one_line(member.name).casefold() == key for member in body.members)
        ]
        for body_id in seats:
            lines.append(
                f"  {gv.quote('_director')} -> {gv.quote(body_id)} "
                f'[dir=none, style=dashed, color="{AMBER}", constraint=false];'
            )
    lines.append("}")
    svg = dot_svg("\n".join(lines) + "\n")

    alt = f"Organogram met {plural(len(org.bodies), 'orgaan', 'organen')}"
    roots = [b for b in org.bodies if b.reports_to is None or b.reports_to not in body_ids]
    if roots:
        alt += "; bovenaan " + enumeration([shorten(b.name, 60) for b in roots])
    reports = [b for b in org.bodies if b.reports_to in body_ids and b.reports_to != b.id]
    if reports:
        by_id = {b.id: b for b in org.bodies}
        parts = [
            f"{shorten(b.name, 60)} aan {shorten(by_id[b.reports_to].name, 60)}"
            for b in reports[:8]
            if b.reports_to is not None
        ]
        more = f" en {len(reports) - 8} meer" if len(reports) > 8 else ""
        alt += ". Verantwoording: " + "; ".join(parts) + more
    if director is not None:
        alt += f". Procesregisseur: {shorten(director.name, 60)}"
    alt += "."
    return finish("organogram", title, alt, svg)
