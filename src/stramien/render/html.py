"""Document -> one self-contained, accessible HTML page (inline CSS and SVG, no requests)."""

from __future__ import annotations

import base64
import html
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

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?")

CSS = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #c8c8c8; --accent: #154273; }
* { box-sizing: border-box; }
body { font-family: "Libertinus Serif", Georgia, serif; color: var(--ink); line-height: 1.5;
  max-width: 52rem; margin: 0 auto; padding: 1.5rem; hyphens: auto; }
header.title { border-bottom: 3px solid var(--accent); margin-bottom: 2rem; padding-bottom: 1rem; }
header.title p { margin: .2rem 0; }
h1, h2, h3 { color: var(--accent); line-height: 1.25; }
h1 { font-size: 1.7rem; margin-top: 2.5rem; } h2 { font-size: 1.35rem; } h3 { font-size: 1.1rem; }
p.lead { font-size: 1.2rem; } p.note { color: var(--muted); font-size: .95rem; }
.meta, .hash { color: var(--muted); font-size: .9rem; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; font-size: .95rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top;
  overflow-wrap: anywhere; text-align: left; }
th { background: #eef2f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
figure { margin: 1rem 0 2rem; } figure .diagram { overflow-x: auto; }
figure svg, figure img { max-width: 100%; height: auto; }
figcaption { font-style: italic; color: var(--muted); }
nav.toc ol { padding-left: 1.2rem; }
.signature { border: 1px solid var(--line); padding: .8rem; margin: .8rem 0; break-inside: avoid; }
.line { display: inline-block; min-width: 12rem; border-bottom: 1px solid var(--ink); }
a { color: var(--accent); }
a:focus, a:hover { outline: 2px solid var(--accent); outline-offset: 2px; }
@media print { body { max-width: none; } nav.toc { display: none; } h1 { break-before: page; } }
"""


def escape(text: str) -> str:
    """User text as HTML text: control characters dropped, specials escaped."""
    return html.escape(drop_control_characters(text), quote=True)


def _svg(svg: str) -> str:
    return _XML_DECLARATION.sub("", svg)


def _table(table: Table) -> str:
    def cell(tag: str, index: int, text: str, scope: str = "") -> str:
        cls = ' class="num"' if index in table.numeric else ""
        return f"<{tag}{scope}{cls}>{escape(text)}</{tag}>"

    head = "".join(cell("th", i, h, ' scope="col"') for i, h in enumerate(table.headers))
    rows = "".join(
        "<tr>" + "".join(cell("td", i, value) for i, value in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    return (
        f"<table><caption>{escape(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f'<h{block.level} id="{escape(block.anchor)}">{escape(block.text)}</h{block.level}>'
    if isinstance(block, Paragraph):
        cls = "" if block.style == "normal" else f' class="{block.style}"'
        return f"<p{cls}>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Facts):
        pairs = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in block.items)
        return f'<dl class="facts">{pairs}</dl>'
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return (
            f'<figure><div class="diagram" role="img" aria-label="{escape(block.alt)}">'
            f"{_svg(block.svg)}</div><figcaption>{escape(block.title)}</figcaption></figure>"
        )
    if isinstance(block, Picture):
        # An attached SVG goes in an <img>, where any script it might carry never runs.
        data = base64.b64encode(block.data).decode("ascii")
        return (
            f'<figure><img src="data:{block.mime};base64,{data}" alt="{escape(block.alt)}">'
            f"<figcaption>{escape(block.caption)}</figcaption></figure>"
        )
    if isinstance(block, PageBreak):
        return ""
    return _signatures(block)


def _signatures(page: SignaturePage) -> str:
    parts = [f"<p>{escape(page.intro)}</p>"]
    for s in page.signatures:
        approval = f"<p>{escape(s.approval)}</p>" if s.approval else ""
        parts.append(
            f'<div class="signature"><p><strong>{escape(s.organisation)}</strong></p>'
            f"<p>{escape(s.name)}, {escape(s.function)}</p>"
            f'<p class="meta">Mandaat: {escape(s.mandate)}</p>{approval}'
            '<p>Plaats: <span class="line"></span> Datum: <span class="line"></span></p>'
            '<p>Handtekening: <span class="line"></span></p></div>'
        )
    return "".join(parts)


def _toc(document: Document) -> str:
    items = [
        f'<li><a href="#{escape(b.anchor)}">{escape(b.text)}</a></li>'
        for b in document.blocks
        if isinstance(b, Heading) and b.level == 1
    ]
    return f'<nav class="toc" aria-label="Inhoud"><h2>Inhoud</h2><ol>{"".join(items)}</ol></nav>'


def render_html(document: Document) -> bytes:
    meta = document.meta
    partners = ", ".join(document.partners)
    head = (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(document.title)}: {escape(document.subtitle)}</title>"
        f'<meta name="generator" content="Stramien"><style>{CSS}</style></head><body>'
    )
    title = (
        '<header class="title">'
        f"<p>{escape(document.subtitle)}</p><h1>{escape(document.title)}</h1>"
        f"<p>Partners: {escape(partners)}</p>"
        f'<p class="meta">Status: {escape(document.status_label)} · versie '
        f"{escape(meta.revision)} · {escape(document.date_label)}</p>"
        f'<p class="hash">Kenmerk (sha256): {escape(meta.hash)}</p></header>'
    )
    body = "\n".join(_block(block) for block in document.blocks)
    page = f"{head}{title}{_toc(document)}<main>\n{body}\n</main></body></html>\n"
    return page.encode("utf-8")
