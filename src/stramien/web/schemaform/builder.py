"""Model and data -> the form as a tree of nodes (:func:`build`), and that tree as HTML
(:func:`render`)."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import re
import types
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from pydantic import BaseModel

from stramien.web.schemaform.choices import (
    EMPTY_CHOOSE,
    EMPTY_NONE,
    NULLABLE_BOOL_CHOICES,
    UNKNOWN,
    ChoiceProvider,
    describe_item,
    enum_choices,
)
from stramien.web.schemaform.fields import MISSING, FieldSpec, field_specs, number_text
from stramien.web.schemaform.names import field_name, html_id, location_of_name
from stramien.web.schemaform.rendering import render_form
from stramien.web.schemaform.summary import first_field_id, focus_first_field, item_facts
from stramien.web.schemaform.tree import (
    ALL,
    DELETE,
    MAX_EXTRA_ROWS,
    MAX_UNKNOWN_CHOICES,
    Editable,
    Node,
    Path,
)

_EMPTY_ERRORS: Mapping[str, Sequence[str]] = types.MappingProxyType({})
_EMPTY_ROWS: Mapping[str, int] = types.MappingProxyType({})


def _shown(spec: FieldSpec, value: Any) -> Any:
    """The value of a leaf as the form shows it (str, bool for checkboxes, list for sets)."""
    kind = spec.kind
    if kind == "checkbox":
        return value is True
    if kind == "nullable-bool":
        return "true" if value is True else "false" if value is False else ""
    if kind == "multiselect":
        return [str(v) for v in value] if isinstance(value, list) else []
    if kind == "lines":
        if not isinstance(value, list):
            return ""
        return "\n".join(str(v) for v in value if v is not None)
    if value is None:
        return ""
    if kind in ("number", "decimal"):
        return number_text(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return ""
    return str(value)


class _Builder:
    def __init__(
        self,
        prefix: str,
        errors: Mapping[str, Sequence[str]],
        choices: ChoiceProvider | None,
        editable: Editable | None,
        extra_rows: Mapping[str, int],
        link: Callable[[Path], str | None] | None = None,
    ) -> None:
        self.link = link
        self.prefix = prefix
        self.errors = errors
        self.choices = choices
        self.editable = editable
        self.extra_rows = extra_rows
        self.used: set[str] = set()
        self.memo: dict[tuple[str, ...], list[tuple[str, str]]] = {}

    def locked(self, path: Path, parent_locked: bool) -> bool:
        return parent_locked or (self.editable is not None and not self.editable(path))

    def node(self, path: Path, **kwargs: Any) -> Node:
        name = field_name(self.prefix, path)
        node = Node(name=name, html_id=html_id(name), path=path, **kwargs)
        found = self.errors.get(name)
        if found:
            node.errors = [str(message) for message in found]
            self.used.add(name)
        return node

    def ref_choices(self, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
        assert self.choices is not None
        if kinds not in self.memo:
            self.memo[kinds] = list(self.choices(kinds))
        return list(self.memo[kinds])

    def fields(self, model: type[BaseModel], data: Any, path: Path, locked: bool) -> list[Node]:
        values = data if isinstance(data, Mapping) else {}
        nodes: list[Node] = []
        for spec in field_specs(model):
            if spec.hidden:
                continue
            value = values.get(spec.name, MISSING)
            if value is MISSING:
                value = None if spec.default is MISSING else copy.deepcopy(spec.default)
            nodes.append(self.field(spec, value, (*path, spec.name), locked))
        return nodes

    def field(self, spec: FieldSpec, value: Any, path: Path, parent_locked: bool) -> Node:
        locked = self.locked(path, parent_locked)
        node = self.node(
            path,
            label=spec.label,
            help=spec.help,
            kind=spec.kind,
            required=spec.required,
            readonly=locked,
            lock_note=locked and not parent_locked,
        )
        if spec.kind == "group":
            assert spec.model is not None
            if spec.nullable:
                empty = _("Laat alles leeg als dit niet van toepassing is.")
                node.help = f"{node.help} {empty}".strip()
            node.children = self.fields(spec.model, value, path, locked)
            return node
        if spec.kind == "list":
            self.list_items(node, spec, value, locked)
            return node
        if spec.ref_kinds and self.choices is None:
            # Without a choice provider references are typed in as ids (a list: one per line).
            node.spellcheck = False
            if spec.kind == "multiselect":
                node.kind = "lines"
                node.value = "\n".join(str(v) for v in value) if isinstance(value, list) else ""
                node.rows = max(3, min(12, node.value.count("\n") + 2))
                node.format_hint = _("Eén id per regel.")
            else:
                node.kind = "text"
                node.value = _shown(spec, value)
            return node
        node.value = _shown(spec, value)
        self.leaf_details(node, spec)
        if spec.ref_kinds:
            node.help = _choose_help(node.help)
        if spec.name == "id":
            # People never need to make up an id: the save makes it from the name.
            node.advanced = True
            node.required = False
            node.help = _(
                "De vaste sleutel van dit onderdeel, voor het YAML-bestand en de API. Laat "
                "leeg bij iets nieuws: bij het opslaan maken we hem uit de naam. Hij blijft "
                "daarna hetzelfde, ook als de naam verandert."
            )
        return node

    def leaf_details(self, node: Node, spec: FieldSpec) -> None:
        kind = spec.kind
        if kind == "textarea":
            node.rows = 5
        elif kind == "lines":
            node.rows = max(3, min(12, str(node.value).count("\n") + 2))
            node.format_hint = _("Eén per regel.")
        elif kind == "number":
            node.input_mode = "numeric"
        elif kind == "decimal":
            node.input_mode = "decimal"
            node.format_hint = (
                _("Bijvoorbeeld 1250000 of 1.250.000,50.")
                if spec.money
                else _("Bijvoorbeeld 12,5.")
            )
        elif kind == "date":
            node.input_type = "date"
        elif kind == "nullable-bool":
            node.choices = [(value, str(label)) for value, label in NULLABLE_BOOL_CHOICES]
        elif kind in ("select", "multiselect"):
            if spec.ref_kinds:
                options = self.ref_choices(spec.ref_kinds) if self.choices else []
            elif spec.enum is not None:
                options = enum_choices(spec.enum)
            else:
                options = []
            known = {value for value, _ in options}
            current = node.value if isinstance(node.value, list) else [node.value]
            unknown = 0
            for value in current:
                # A value that is not among the choices (a broken reference) stays visible.
                if value and value not in known and unknown < MAX_UNKNOWN_CHOICES:
                    options.append((value, f"{value} {UNKNOWN}"))
                    known.add(value)
                    unknown += 1
            if kind == "select":
                if spec.nullable:
                    options.insert(0, ("", str(EMPTY_NONE)))
                elif spec.default is MISSING:
                    options.insert(0, ("", str(EMPTY_CHOOSE)))
            node.choices = options
        if spec.name == "id" or spec.ref_kinds:
            node.spellcheck = False

    def list_items(self, node: Node, spec: FieldSpec, value: Any, locked: bool) -> None:
        assert spec.model is not None
        items = value if isinstance(value, list) else []
        for index, item in enumerate(items):
            node.children.append(self.item(spec.model, item, (*node.path, index), locked, False))
        new_path = (*node.path, len(items))
        if locked or self.locked(new_path, False):
            return
        node.can_add = True
        wanted = self.extra_rows.get(node.name, 0)
        node.extra = max(0, min(MAX_EXTRA_ROWS, wanted if isinstance(wanted, int) else 0))
        for offset in range(node.extra):
            path = (*node.path, len(items) + offset)
            node.children.append(self.item(spec.model, None, path, False, True))
        if node.extra:
            focus_first_field(node.children[-1])
        next_path = (*node.path, len(items) + node.extra)
        node.add_anchor = first_field_id(
            spec.model, self.prefix, next_path, lambda path: self.locked(path, False)
        )

    def item(
        self, model: type[BaseModel], data: Any, path: Path, parent_locked: bool, new: bool
    ) -> Node:
        locked = self.locked(path, parent_locked)
        index = int(path[-1])
        text = _("Nieuw") if new else _item_title(model, data)
        url = self.link(path) if (self.link is not None and not new) else None
        if url:
            linked = self.node(
                path, label=f"{index + 1}. {text}".strip(), help="", kind="item-link"
            )
            linked.url = url
            linked.facts = item_facts(model, data, self.ref_choices if self.choices else None)
            return linked
        node = self.node(
            path,
            label=f"{index + 1}. {text}".strip(),
            help="",
            kind="item",
            readonly=locked,
            lock_note=locked and not parent_locked,
            is_new=new,
        )
        if not locked and not new:
            name = f"{node.name}-{DELETE}"
            node.delete = Node(
                name=name, html_id=html_id(name), label=_("Verwijderen"), help="", kind="checkbox"
            )
        node.children = self.fields(model, data, path, locked)
        if not new:
            node.facts = item_facts(model, data, self.ref_choices if self.choices else None)
        return node


_ID_HELP = re.compile(r"^Ids? van (de |het )?")


def _choose_help(text: str) -> str:
    """A reference's help as the form asks it: "Id van de partner die ..." (how the YAML file
    reads) becomes "Kies de partner die ...", since the form offers names to choose from."""
    return _ID_HELP.sub(
        lambda found: _("Kies %(article)s") % {"article": found.group(1) or ""}, text
    )


def _item_title(model: type[BaseModel], data: Any) -> str:
    if not isinstance(data, Mapping):
        return ""
    item_id = data.get("id") if "id" in model.model_fields else None
    return describe_item(model, data) or (item_id if isinstance(item_id, str) else "")


def build(
    model: type[BaseModel],
    data: Mapping[str, Any] | None,
    *,
    prefix: str,
    errors: Mapping[str, Sequence[str]] = _EMPTY_ERRORS,
    choices: ChoiceProvider | None = None,
    editable: Editable | None = None,
    extra_rows: Mapping[str, int] = _EMPTY_ROWS,
    link: Callable[[Path], str | None] | None = None,
) -> Node:
    """The form for ``model`` filled with ``data``, as a tree of nodes (the root is a group).

    ``errors`` maps HTML names to messages (see :func:`errors_from`); messages under
    ``"__all__"``, on the prefix itself or on names that are not in this form end up on the
    root. ``editable(path)`` False locks that path and everything in it. ``extra_rows`` maps a
    list's HTML name to the number of blank rows to show. ``link(path)`` may give an address
    for an existing list item: it is then shown as a link to its own page instead of its
    fields (for long lists); the caller locks those paths so ``parse`` keeps them.
    """
    builder = _Builder(prefix, errors, choices, editable, extra_rows, link)
    locked = builder.locked((), False)
    root = builder.node((), label="", help="", kind="group", readonly=locked, lock_note=locked)
    root.children = builder.fields(model, data, (), locked)
    general = [str(message) for message in errors.get(ALL, [])]
    for name, messages in errors.items():
        if name == ALL or name in builder.used:
            continue
        where = location_of_name(model, prefix, name)
        general.extend(f"{where}: {message}" if where else str(message) for message in messages)
    root.errors = general + root.errors
    return root


def error_summary(root: Node) -> list[tuple[str, str, str]]:
    """(anchor, label, message) of every error in the form, in form order; root ones first."""
    found: list[tuple[str, str, str]] = [("", "", message) for message in root.errors]

    def visit(node: Node, context: str) -> None:
        for child in node.children:
            label = child.label if child.kind != "item" else f"{node.label} › {child.label}"
            if context:
                label = f"{context} › {label}"
            found.extend((child.anchor, label, message) for message in child.errors)
            visit(child, f"{node.label} › {child.label}" if child.kind == "item" else context)

    visit(root, "")
    return found


def render(node: Node) -> SafeString:
    """The form's fields as HTML (without the <form> element and its submit button)."""
    return render_form(node, error_summary(node))
