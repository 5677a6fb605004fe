"""A form engine driven by the Pydantic model: one engine for every section of the agreement.

``build`` turns a model class and its (JSON-like) data into a tree of :class:`Node`; ``render``
writes that tree as accessible HTML (NL Design System class names, no JavaScript needed);
``parse`` turns the browser's POST back into nested data for ``model.model_validate``;
``errors_from`` puts pydantic's errors, in Dutch, on the HTML names of the fields.

HTML names are the data path joined with ``-`` under a prefix: ``s-goals-0-title``. A list item
adds ``<item>-DELETE`` (a checkbox), the button ``name="add" value="<list name>"`` asks the
server for one more blank row, and ``extra-<list name>`` (hidden) says how many blank rows the
page showed. Errors that belong to no field are kept under ``"__all__"``.

The modules, each importing only those listed before it:

- ``tree``: the :class:`Node` tree, and the names and limits every part shares;
- ``fields``: what the model says about each field (label, kind of widget, default, ...);
- ``choices``: items of the document and enum members as choices;
- ``names``: HTML names, and places in the document as people read them;
- ``rendering``: tree -> HTML, written in Python (a template per field cost more than the rest);
- ``builder``: model and data -> tree (``build``), tree -> HTML (``render``);
- ``parser``: POST -> data (``parse``);
- ``errors``: pydantic's errors -> Dutch messages per field (``errors_from``).

Use the names below, from this package; the modules are its inside.
"""

from stramien.web.schemaform.builder import build, error_summary, render
from stramien.web.schemaform.choices import (
    EMPTY_CHOOSE,
    EMPTY_NONE,
    NULLABLE_BOOL_CHOICES,
    UNKNOWN,
    ChoiceProvider,
    choices_from,
    iter_items,
)
from stramien.web.schemaform.errors import errors_from
from stramien.web.schemaform.fields import HIDDEN_FIELDS, reference_kinds
from stramien.web.schemaform.names import describe_location, field_anchor, field_name
from stramien.web.schemaform.parser import PostData, clean_decimal, parse, submitted
from stramien.web.schemaform.tree import (
    ALL,
    COLLAPSE_AFTER,
    DELETE,
    KINDS,
    MAX_EXTRA_ROWS,
    MAX_ITEMS,
    MAX_NEW_ITEMS,
    MAX_UNKNOWN_CHOICES,
    Editable,
    Node,
    Path,
)

# The name this function had when the engine was one module (tests still use it).
_iter_items = iter_items

__all__ = [
    "ALL",
    "COLLAPSE_AFTER",
    "DELETE",
    "EMPTY_CHOOSE",
    "EMPTY_NONE",
    "HIDDEN_FIELDS",
    "KINDS",
    "MAX_EXTRA_ROWS",
    "MAX_ITEMS",
    "MAX_NEW_ITEMS",
    "MAX_UNKNOWN_CHOICES",
    "NULLABLE_BOOL_CHOICES",
    "UNKNOWN",
    "ChoiceProvider",
    "Editable",
    "Node",
    "Path",
    "PostData",
    "build",
    "choices_from",
    "clean_decimal",
    "describe_location",
    "error_summary",
    "errors_from",
    "field_anchor",
    "field_name",
    "iter_items",
    "parse",
    "reference_kinds",
    "render",
    "submitted",
]
