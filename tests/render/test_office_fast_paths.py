"""The office writers make table cells directly where the libraries would make the very
same XML: checked here against the libraries' own way for awkward text."""

from __future__ import annotations

from typing import cast

import pytest
from docx.oxml import OxmlElement
from docx.oxml.text.run import CT_R
from lxml import etree
from odfdo import Paragraph as OdfParagraph

from stramien.render import docx as docx_writer
from stramien.render import odt as odt_writer
from stramien.render import office

TEXTS = [
    "",
    " ",
    "a",
    " a",
    "a ",
    "a  b",
    "a b c",
    "\ta",
    "a\nb",
    "a\r\nb",
    "\xa0a\xa0",
    "   lead",
    "trail   ",
    "€ 1.000",
    "漢字 en مرحبا",
    "🚲",
    "]]> <w:p> &amp;",
    "W" * 300,
    "a\u3000b",
    "a\u2003 b",
]


@pytest.mark.parametrize("text", TEXTS)
def test_docx_cell_text_as_python_docx_makes_it(text: str) -> None:
    text = office.clean(text)
    ours, theirs = cast(CT_R, OxmlElement("w:r")), cast(CT_R, OxmlElement("w:r"))
    docx_writer._set_text(ours, text)
    theirs.text = text
    assert etree.tostring(ours) == etree.tostring(theirs)


@pytest.mark.parametrize("text", TEXTS)
def test_odt_cell_text_as_odfdo_makes_it(text: str) -> None:
    text = office.clean(text)
    row = odt_writer._Builder._row([text], 1, set())
    theirs = OdfParagraph(text, style="Table_20_Contents")._xml_element
    assert tree(row[0][0]) == tree(theirs)


def tree(element: etree._Element) -> tuple[object, ...]:
    """An element as its namespaced tag, attributes, text, tail and children (the prefix
    is the document's business)."""
    return (
        element.tag,
        dict(element.attrib),
        element.text,
        element.tail,
        [tree(child) for child in element],
    )
