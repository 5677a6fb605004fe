"""The form as a tree of :class:`Node`, and the names and limits every part of the engine
shares."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

Path = tuple[Any, ...]
Editable = Callable[[tuple[Any, ...]], bool]

KINDS = (
    "text",
    "textarea",
    "number",
    "decimal",
    "date",
    "checkbox",
    "nullable-bool",
    "select",
    "multiselect",
    "lines",
    "group",
    "list",
    "item",
)

# A hostile POST must not make us build (or later render) huge lists: at most this many values
# in a list of ids or lines, and at most MAX_NEW_ITEMS items per POST that were not in the
# original data (all lists together; nobody adds more in one go).
MAX_ITEMS = 2000
MAX_NEW_ITEMS = 100
# A form shows at most this many values of a multiselect that are not among its choices.
MAX_UNKNOWN_CHOICES = 20
# At most this many blank rows per list, whatever the caller asks.
MAX_EXTRA_ROWS = 50
# Multiselects with more choices than this are folded away behind a summary.
COLLAPSE_AFTER = 12
# A list with more items than this shows each saved item folded to one line (its name and
# facts) that opens in place; new items, and items with an error, stay open.
FOLD_AFTER = 2
ALL = "__all__"
DELETE = "DELETE"


@dataclass
class Node:
    """One field, group, list or list item of a form."""

    name: str
    html_id: str
    label: str
    help: str
    kind: str
    path: Path = ()
    value: Any = None
    choices: list[tuple[str, str]] = field(default_factory=list)
    required: bool = False
    errors: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    readonly: bool = False
    # Presentation details.
    input_type: str = "text"
    input_mode: str = ""
    rows: int = 0
    spellcheck: bool = True
    format_hint: str = ""
    # Set where a lock starts (not on everything inside it): tells why nothing can be changed.
    lock_note: bool = False
    # List items: the "Verwijderen" checkbox (None for new or locked items); blank new rows.
    delete: Node | None = None
    is_new: bool = False
    # Lists: the "add" button, and how many blank rows are shown.
    can_add: bool = False
    extra: int = 0
    # Items edited on a page of their own (long lists): the address of that page.
    url: str = ""
    # Shown folded away under "Geavanceerd" (an item's id): nobody needs it to fill the form.
    advanced: bool = False
    # Items: the few facts that stand for the item in a summary (schemaform.summary).
    facts: list[tuple[str, str, str]] = field(default_factory=list)
    # The field that gets the focus when the page loads (the first one of a row just added).
    autofocus: bool = False
    # Lists: the id of the first field of the row "add" makes (the page goes there).
    add_anchor: str = ""

    @property
    def help_id(self) -> str:
        return f"{self.html_id}-help" if self.help or self.format_hint or self.lock_note else ""

    @property
    def error_id(self) -> str:
        return f"{self.html_id}-error" if self.errors else ""

    @property
    def described_by(self) -> str:
        return " ".join(part for part in (self.help_id, self.error_id) if part)

    @property
    def invalid(self) -> bool:
        return bool(self.errors)

    @property
    def has_errors(self) -> bool:
        """An error here or anywhere inside."""
        return any(node.errors for node in self.walk())

    @property
    def summarised(self) -> bool:
        """A list whose saved items are links to their own pages: shown as a summary table."""
        return self.kind == "list" and any(c.kind == "item-link" for c in self.children)

    @property
    def linked_items(self) -> list[Node]:
        return [child for child in self.children if child.kind == "item-link"]

    @property
    def other_items(self) -> list[Node]:
        return [child for child in self.children if child.kind != "item-link"]

    @property
    def fact_labels(self) -> list[str]:
        """The summary table's column heads: the facts' labels of its items."""
        first = next(iter(self.linked_items), None)
        return [label for label, _text, _brief in first.facts] if first else []

    @property
    def folded(self) -> bool:
        """A list with more than FOLD_AFTER saved items shows each folded to one line."""
        saved = [c for c in self.children if c.kind == "item" and not c.is_new]
        return self.kind == "list" and len(saved) > FOLD_AFTER

    @property
    def collapsed(self) -> bool:
        """A long list of checkboxes is folded away (<details>) behind a summary of the choice."""
        return self.kind == "multiselect" and len(self.choices) > COLLAPSE_AFTER

    @property
    def searchable(self) -> bool:
        """A long select gets a filter box (``choice-filter.js``); without JS a plain select."""
        return self.kind == "select" and not self.readonly and len(self.choices) > COLLAPSE_AFTER

    @property
    def summary(self) -> str:
        chosen = self.value if isinstance(self.value, list) else []
        if not chosen:
            return _("Kies uit %(n)s (niets gekozen)") % {"n": len(self.choices)}
        labels = dict(self.choices)
        names = [labels.get(value) or str(value) for value in chosen[:5]]
        shown = ", ".join(names) + (", …" if len(chosen) > 5 else "")
        return _("Kies uit %(n)s (%(k)s gekozen: %(shown)s)") % {
            "n": len(self.choices),
            "k": len(chosen),
            "shown": shown,
        }

    @property
    def options_html(self) -> SafeString:
        """The checkboxes of a multiselect. Built here rather than in a template loop because a
        goal tree has many thousands of them; every value and label is escaped (``_esc``)."""
        chosen = set(self.value) if isinstance(self.value, list) else set()
        ident, name = _esc(self.html_id), _esc(self.name)
        extra_class = " utrecht-checkbox--disabled" if self.readonly else ""
        rows = []
        for index, (value, label) in enumerate(self.choices):
            state = (" checked" if value in chosen else "") + (" disabled" if self.readonly else "")
            rows.append(
                '<div class="utrecht-form-field utrecht-form-field--checkbox">'
                f'<input class="utrecht-checkbox utrecht-checkbox--html-input{extra_class}" '
                f'type="checkbox" id="{ident}-{index}" name="{name}" value="{_esc(value)}"{state}> '
                '<label class="utrecht-form-label utrecht-form-label--checkbox" '
                f'for="{ident}-{index}">{_esc(label)}</label></div>'
            )
        return mark_safe("\n".join(rows))  # only escaped parts

    @property
    def select_options_html(self) -> SafeString:
        """The <option>s of a select, escaped like ``options_html`` (and for the same reason)."""
        current = str(self.value) if self.value is not None else ""
        rows = [
            f'<option value="{_esc(value)}"{" selected" if value == current else ""}>'
            f"{_esc(label)}</option>"
            for value, label in self.choices
        ]
        return mark_safe("\n".join(rows))  # only escaped parts

    @property
    def extra_name(self) -> str:
        return f"extra-{self.name}"

    @property
    def add_label(self) -> str:
        return _("Nog een toevoegen aan ‘%(label)s’") % {"label": self.label}

    @property
    def anchor(self) -> str:
        """Where a link to this field's problem should go."""
        if self.kind == "multiselect" and self.choices:
            return f"{self.html_id}-0"
        return self.html_id

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@lru_cache(maxsize=8192)
def _esc(text: str) -> str:
    """HTML-escaped text (quotes too), as Django's autoescape does; cached, since the same
    choice labels come back in every item of a list."""
    return html.escape(str(text), quote=True)
