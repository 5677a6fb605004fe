"""The goal tree (§4.1), and the walk over goals that the indicator charts share."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from stramien.model import Agreement, Goal

from .. import _graphviz as gv
from ..blocks import Figure
from ._common import (
    AMBER,
    AMBER_LIGHT_LINE,
    BLUE,
    DARK_BLUE,
    INK,
    LIGHT_AMBER,
    LIGHT_BLUE,
    LINE,
    MUTED,
    dot_svg,
    finish,
    one_line,
    plural,
    shorten,
)

GOAL_WRAP = 25
# From this many goals on, leaf goals are stacked in columns under their parent.
STACK_LEAVES_FROM = 25


def children_of(goals: Sequence[Goal]) -> dict[str, list[str]]:
    known = {goal.id for goal in goals}
    children: dict[str, list[str]] = defaultdict(list)
    for goal in goals:
        for parent in _parents(goal, known):
            children[parent].append(goal.id)
    return children


def _parents(goal: Goal, known: set[str]) -> list[str]:
    """The goals ``goal`` contributes to, each once, unknown and self references left out."""
    return [p for p in dict.fromkeys(goal.contributes_to) if p in known and p != goal.id]


def descendants(goal_id: str, children: Mapping[str, list[str]]) -> list[str]:
    """All goals below ``goal_id`` (breadth first, each once, cycles are harmless)."""
    seen = {goal_id}
    order: list[str] = []
    queue = list(children.get(goal_id, ()))
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        order.append(current)
        queue.extend(children.get(current, ()))
    return order


def _depths(goals: Sequence[Goal], children: Mapping[str, list[str]]) -> dict[str, int]:
    depth: dict[str, int] = {}
    queue = [(goal.id, 1) for goal in goals if goal.contributes_to_ambition]
    while queue:
        current, level = queue.pop(0)
        if current in depth:
            continue
        depth[current] = level
        queue.extend((child, level + 1) for child in children.get(current, ()))
    return depth


def _ambition_text(statement: str) -> str:
    text = one_line(statement)
    if not text:
        return ""
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return shorten(first, 140)


def goal_tree(agreement: Agreement) -> Figure | None:
    """The goal tree: ambition on top, goals below it, arrows pointing up to what they serve."""
    goals = agreement.goals
    if not goals:
        return None
    title = "Doelenboom"
    span = gv.Span
    goal_ids = {goal.id for goal in goals}
    by_id = {goal.id: goal for goal in goals}
    tops = [goal for goal in goals if goal.contributes_to_ambition]

    interests: dict[str, tuple[str, str]] = {}  # id -> (partner name, description)
    for partner in agreement.partnership.partners:
        for interest in partner.interests:
            interests[interest.id] = (one_line(partner.name), interest.description)
    used_interests: list[str] = []
    for goal in goals:
        for ref in goal.interests:
            if ref in interests and ref not in used_interests:
                used_interests.append(ref)

    lines = [
        f"digraph {gv.quote(title)} {{",
        f"  graph [rankdir=TB, fontname={gv.quote(gv.FONT)}, bgcolor=white, pad=0.15, "
        "nodesep=0.18, ranksep=0.45, newrank=true, outputorder=edgesfirst];",
        f"  node [fontname={gv.quote(gv.FONT)}, fontsize=9, shape=box, "
        f'style="rounded,filled", fillcolor=white, color="{LINE}", fontcolor="{INK}", '
        'margin="0.12,0.05", penwidth=0.8];',
        f'  edge [color="{MUTED}", arrowsize=0.55, penwidth=0.7, dir=back];',
    ]
    ambition_lines: list[list[gv.Span]] = [
        [span("Maatschappelijke ambitie", bold=True, size=11, color="#ffffff")]
    ]
    ambition_lines += [
        [span(line, size=9, color="#ffffff")]
        for line in gv.wrap(_ambition_text(agreement.ambition.statement), 45)
        if line
    ]
    lines.append(
        f"  {gv.quote('_ambition')} [label={gv.html_label(ambition_lines)}, "
        f'fillcolor="{DARK_BLUE}", color="{DARK_BLUE}", margin="0.15,0.08"];'
    )

    for goal in goals:
        label_lines = [[span(line)] for line in gv.wrap(goal.title, GOAL_WRAP, max_lines=6)]
        label_lines.append([span(goal.id, size=7, color=MUTED)])
        style = ""
        if goal.contributes_to_ambition:
            style = f', fillcolor="{LIGHT_BLUE}", color="{BLUE}", penwidth=1.2'
        lines.append(f"  {gv.quote(goal.id)} [label={gv.html_label(label_lines)}{style}];")

    for interest_id in used_interests:
        partner_name, description = interests[interest_id]
        label_lines = [
            [span(line, italic=True, size=8, color=AMBER)]
            for line in gv.wrap(f"Belang van {partner_name}", GOAL_WRAP, max_lines=2)
        ]
        label_lines += [
            [span(line, size=8)] for line in gv.wrap(description, GOAL_WRAP, max_lines=4)
        ]
        lines.append(
            f"  {gv.quote(interest_id)} [label={gv.html_label(label_lines)}, shape=note, "
            f'style=filled, fillcolor="{LIGHT_AMBER}", color="{AMBER}"];'
        )

    for goal in tops:
        lines.append(f"  {gv.quote('_ambition')} -> {gv.quote(goal.id)};")
    for goal in goals:
        for parent in _parents(goal, goal_ids):
            lines.append(f"  {gv.quote(parent)} -> {gv.quote(goal.id)};")
    children = children_of(goals)
    if len(goals) >= STACK_LEAVES_FROM:
        # A big tree gets very wide: stack the leaf goals under their (only) parent in a
        # column, chained by invisible edges, so each branch takes one column, not three.
        for goal in goals:
            leaves = [
                child
                for child in children.get(goal.id, [])
                if not children.get(child) and _parents(by_id[child], goal_ids) == [goal.id]
            ]
            for upper, lower in itertools.pairwise(leaves):
                lines.append(f"  {gv.quote(upper)} -> {gv.quote(lower)} [style=invis, weight=4];")
    # An interest hangs below the first goal that serves it; its links to further goals are
    # drawn lighter and do not pull it around the tree.
    placed: set[str] = set()
    for goal in goals:
        for ref in dict.fromkeys(goal.interests):
            if ref not in interests:
                continue
            if ref in placed:
                attrs = f'color="{AMBER_LIGHT_LINE}", penwidth=0.5, constraint=false'
            else:
                attrs = f'color="{AMBER}"'
                placed.add(ref)
            lines.append(
                f"  {gv.quote(goal.id)} -> {gv.quote(ref)} [dir=none, style=dashed, {attrs}];"
            )
    lines.append("}")

    svg = dot_svg("\n".join(lines) + "\n")
    depth = _depths(goals, children)
    sub_count = len(goals) - len(tops)
    alt = f"Doelenboom met {plural(len(tops), 'hoofddoel', 'hoofddoelen')} en "
    alt += f"{plural(sub_count, 'subdoel', 'subdoelen')}"
    if depth:
        alt += (
            f" in {plural(max(depth.values()), 'laag', 'lagen')} onder de maatschappelijke ambitie"
        )
    alt += "."
    if tops:
        alt += " Hoofddoelen: " + "; ".join(shorten(goal.title, 80) for goal in tops) + "."
    loose = sum(1 for goal in goals if goal.id not in depth)
    if loose:
        alt += f" {plural(loose, 'doel hangt', 'doelen hangen')} niet onder een hoofddoel."
    if used_interests:
        alt += (
            f" {plural(len(used_interests), 'organisatiebelang is', 'organisatiebelangen zijn')}"
            " aan doelen gekoppeld."
        )
    return finish("goal-tree", title, alt, svg)
