"""The organogram (§4.5): the bodies by tier, who reports to whom, and who advises whom."""

from __future__ import annotations

from stramien.model import Agreement, Body, Member, MemberRole

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
INDEPENDENT = "onafhankelijk"
# Roles worth naming when a body is too large to list every member.
KEY_ROLES = (MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.DIRECTOR)


def _key(member: Member) -> str:
    return one_line(member.name).casefold()


def _role_text(member: Member, director_key: str | None, *, independent: bool = True) -> str:
    """What a person is in the body: "voorzitter", "onafhankelijk voorzitter", ..."""
    parts = []
    marked = independent and member.independent
    if member.role is not MemberRole.MEMBER:
        role = member.role.label.lower()
        parts.append(f"{INDEPENDENT} {role}" if marked else role)
    elif marked:
        parts.append(f"{INDEPENDENT} lid")
    if director_key is not None and _key(member) == director_key:
        parts.append("procesregisseur")
    return ", ".join(parts)


def _member_rows(
    body: Body, names: dict[str, str], director_key: str | None
) -> list[list[list[gv.Span]]]:
    span = gv.Span
    rows: list[list[list[gv.Span]]] = []
    if not body.members:
        return [[[span("nog geen leden", italic=True, size=8, color=MUTED)]]]
    if len(body.members) <= MAX_MEMBER_NAMES:
        for member in body.members:
            text = shorten(member.name, 40)
            # The organisation column says "onafhankelijk" already.
            role = _role_text(member, director_key, independent=bool(member.organisation))
            if role:
                text += f" ({role})"
            organisation = names.get(member.organisation or "", "")
            if member.independent and not organisation:
                organisation = INDEPENDENT
            elif member.sector is not None and not organisation:
                # A member from the midst of a sector, for no organisation in particular.
                organisation = f"sector {member.sector.label.lower()}"
            rows.append([[span(text)], [span(shorten(organisation, 36), size=8, color=MUTED)]])
        return rows
    # A large body: its size, then only the people who lead it (and the process director).
    rows.append([[span(f"{len(body.members)} leden")]])
    for member in body.members:
        seated = director_key is not None and _key(member) == director_key
        if member.role in KEY_ROLES or member.independent or seated:
            role = _role_text(member, director_key) or "lid"
            rows.append([[span(f"{role}: {shorten(member.name, 40)}", size=8)]])
    return rows


def organogram(agreement: Agreement) -> Figure | None:
    """The bodies of the programme organisation by tier, with advisory bodies beside."""
    org = agreement.organisation
    if not org.bodies and org.process_director is None:
        return None
    title = "Programma-organogram"
    span = gv.Span
    names = party_names(agreement)
    by_id = {body.id: body for body in org.bodies}
    director = org.process_director
    director_key = _key(director) if director is not None else None
    seated = director_key is not None and any(
        _key(member) == director_key for body in org.bodies for member in body.members
    )
    lines = [
        f"digraph {gv.quote(title)} {{",
        f"  graph [rankdir=TB, fontname={gv.quote(gv.FONT)}, bgcolor=white, pad=0.15, "
        "nodesep=0.25, ranksep=0.45];",
        f"  node [fontname={gv.quote(gv.FONT)}, fontsize=9, shape=box, style=filled, "
        f'fillcolor="{PALE_BLUE}", color="{BLUE}", fontcolor="{INK}", margin="0.12,0.06", '
        "penwidth=0.8];",
        f'  edge [color="{MUTED}", arrowsize=0.55, penwidth=0.8, dir=back];',
    ]

    def line_up(body: Body) -> Body | None:
        """The body this one reports to (or advises), if it is a real other body."""
        parent = by_id.get(body.reports_to or "")
        return parent if parent is not None and parent.id != body.id else None

    for body in org.bodies:
        rows: list[list[list[gv.Span]]] = [
            [[span(line, bold=True, size=10)]] for line in gv.wrap(body.name, 32, max_lines=3)
        ]
        rows.append([[span(body.kind.label, italic=True, size=8, color=MUTED)]])
        rows += _member_rows(body, names, director_key)
        if line_up(body) is None:
            style = f', fillcolor="{LIGHT_BLUE}", penwidth=1.2'
        elif body.kind.is_advisory:
            style = ', fillcolor="white", style="filled,dashed"'
        else:
            style = ""
        lines.append(f"  {gv.quote(body.id)} [label={gv.html_table(rows)}{style}];")
    for body in org.bodies:
        parent = line_up(body)
        if parent is None:
            continue
        if body.kind.is_advisory:
            # Beside the body it advises, joined by a dotted line: advice, not command.
            lines.append(f"  {{rank=same; {gv.quote(parent.id)}; {gv.quote(body.id)};}}")
            lines.append(
                f"  {gv.quote(parent.id)} -> {gv.quote(body.id)} "
                f'[dir=none, style=dotted, color="{AMBER}", penwidth=1.0];'
            )
        else:
            lines.append(f"  {gv.quote(parent.id)} -> {gv.quote(body.id)};")

    if director is not None and not seated:
        # A process director in no body stands on their own, without lines.
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
    lines.append("}")
    svg = dot_svg("\n".join(lines) + "\n")
    return finish("organogram", title, _alt(agreement), svg)


def _alt(agreement: Agreement) -> str:
    org = agreement.organisation
    by_id = {b.id: b for b in org.bodies}
    alt = f"Organogram met {plural(len(org.bodies), 'orgaan', 'organen')}"
    roots = [b for b in org.bodies if b.reports_to is None or b.reports_to not in by_id]
    if roots:
        alt += "; bovenaan " + enumeration([shorten(b.name, 60) for b in roots])
    lined = [b for b in org.bodies if b.reports_to in by_id and b.reports_to != b.id]
    reports = [b for b in lined if not b.kind.is_advisory]
    if reports:
        parts = [
            f"{shorten(b.name, 60)} aan {shorten(by_id[b.reports_to].name, 60)}"
            for b in reports[:8]
            if b.reports_to is not None
        ]
        more = f" en {len(reports) - 8} meer" if len(reports) > 8 else ""
        alt += ". Verantwoording: " + "; ".join(parts) + more
    advisers = [b for b in lined if b.kind.is_advisory]
    if advisers:
        parts = [
            f"{shorten(b.name, 60)} adviseert {shorten(by_id[b.reports_to].name, 60)}"
            for b in advisers[:8]
            if b.reports_to is not None
        ]
        alt += ". Advies: " + "; ".join(parts)
    chairs = [
        f"{shorten(m.name, 60)} ({shorten(b.name, 60)})"
        for b in org.bodies
        for m in b.members
        if m.independent and m.role is MemberRole.CHAIR
    ]
    if chairs:
        alt += ". Onafhankelijk voorzitter: " + enumeration(chairs[:4])
    if org.process_director is not None:
        alt += f". Procesregisseur: {shorten(org.process_director.name, 60)}"
    return alt + "."
