"""Document -> Markdown, for plain reading and for readable diffs between versions."""

from __future__ import annotations

import re

from .blocks import (
    Block,
    Bullets,
    Document,
    Facts,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Picture,
    SignaturePage,
    Table,
)
from .text import drop_control_characters

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$&])")
# Characters that only mean something at the start of a line (lists, quotes, numbering).
_LINE_START = re.compile(r"^(\d*)([-+>=.)])")


def escape(text: str) -> str:
    """User text as literal Markdown on one line: specials backslashed, so never markup."""
    flat = " ".join(drop_control_characters(text).split())
    return _LINE_START.sub(r"\1\\\2", _SPECIAL.sub(r"\\\1", flat))


def _table(table: Table) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(escape(c) or " " for c in cells) + " |"

    align = ["---:" if i in table.numeric else "---" for i in range(len(table.headers))]
    lines = [f"*{escape(table.caption)}*", "", row(table.headers), "| " + " | ".join(align) + " |"]
    lines += [row(r) for r in table.rows]
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * (block.level + 1) + " " + escape(block.text)]
    if isinstance(block, Paragraph):
        return [f"*{escape(block.text)}*" if block.style == "note" else escape(block.text)]
    if isinstance(block, Bullets):
        return [f"- {escape(item)}" for item in block.items]
    if isinstance(block, Facts):
        return [f"- **{escape(k)}:** {escape(v)}" for k, v in block.items]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return [f"> **Figuur: {escape(block.title)}.** {escape(block.alt)}"]
    if isinstance(block, Picture):
        return [f"> **Beeld: {escape(block.caption or block.name)}.** {escape(block.alt)}"]
    if isinstance(block, PageBreak):
        return []
    return _signatures(block)


def _signatures(page: SignaturePage) -> list[str]:
    lines = [escape(page.intro)]
    for s in page.signatures:
        lines += [
            "",
            f"**{escape(s.organisation)}**  ",
            f"{escape(s.name)}, {escape(s.function)}  ",
            f"Mandaat: {escape(s.mandate)}  ",
        ]
        if s.approval:
            lines.append(f"{escape(s.approval)}  ")
        lines.append(
            "Plaats: \\_\\_\\_\\_\\_\\_ Datum: \\_\\_\\_\\_\\_\\_ Handtekening: \\_\\_\\_\\_\\_\\_"
        )
    return lines


def render_markdown(document: Document) -> bytes:
    meta = document.meta
    lines = [
        f"# {escape(document.title)}",
        "",
        f"{escape(document.subtitle)}  ",
        f"Partners: {escape(', '.join(document.partners))}  ",
        f"Status: {escape(document.status_label)} · versie {escape(meta.revision)} · "
        f"{escape(document.date_label)}  ",
        f"Kenmerk (sha256): {escape(meta.hash)}",
    ]
    for block in document.blocks:
        rendered = _block(block)
        if rendered:
            lines += ["", *rendered]
    return ("\n".join(lines) + "\n").encode("utf-8")
