"""A form engine driven by the Pydantic model: one engine for every section of the agreement.

``build`` turns a model class and its (JSON-like) data into a tree of :class:`Node`; ``render``
writes that tree as accessible HTML (NL Design System class names, no JavaScript needed);
``parse`` turns the browser's POST back into nested data for ``model.model_validate``;
``errors_from`` puts pydantic's errors, in Dutch, on the HTML names of the fields.

HTML names are the data path joined with ``-`` under a prefix: ``s-goals-0-title``. A list item
adds ``<item>-DELETE`` (a checkbox), the button ``name="add" value="<list name>"`` asks the
server for one more blank row, and ``extra-<list name>`` (hidden) says how many blank rows the
page showed. Errors that belong to no field are kept under ``"__all__"``.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import html
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from typing import Annotated, Any, Protocol, Union, cast, get_args, get_origin

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from stramien.io.errors import _data_path, describe_error
from stramien.model import Agreement, format_path
from stramien.model.agreement import REFERENCE_KINDS
from stramien.model.base import SHORT_TEXT_MAX

Path = tuple[Any, ...]
ChoiceProvider = Callable[[tuple[str, ...]], list[tuple[str, str]]]
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

# Fields the forms never show (and parse keeps from the original).
HIDDEN_FIELDS = frozenset({"schema_version"})
# A hostile POST must not make us build (or later render) huge lists: at most this many values
# in a list of ids or lines, and at most MAX_NEW_ITEMS items per POST that were not in the
# original data (all lists together; nobody adds more in one go).
MAX_ITEMS = 2000
MAX_NEW_ITEMS = 100
# A form shows at most this many values of a multiselect that are not among its choices.
MAX_UNKNOWN_CHOICES = 20
# At most this many blank rows per list, whatever the caller asks.
MAX_EXTRA_ROWS = 50
# Indices longer than this (in digits) are not list indices but junk.
_MAX_INDEX_DIGITS = 6
# Multiselects with more choices than this are folded away behind a summary.
COLLAPSE_AFTER = 12
ALL = "__all__"
DELETE = "DELETE"

# gettext_lazy under its own name: makemessages does not find other aliases.
EMPTY_NONE = gettext_lazy("— geen —")
EMPTY_CHOOSE = gettext_lazy("— kies —")
UNKNOWN = gettext_lazy("(onbekend)")
NULLABLE_BOOL_CHOICES = [
    ("", gettext_lazy("Nog niet beantwoord")),
    ("true", gettext_lazy("Ja")),
    ("false", gettext_lazy("Nee")),
]

_EMPTY_ERRORS: Mapping[str, Sequence[str]] = types.MappingProxyType({})
_EMPTY_ROWS: Mapping[str, int] = types.MappingProxyType({})
_MISSING: Any = object()
_OMIT: Any = object()


_TEMPLATES = {
    "text": "schemaform/text.html",
    "number": "schemaform/text.html",
    "decimal": "schemaform/text.html",
    "date": "schemaform/text.html",
    "textarea": "schemaform/textarea.html",
    "lines": "schemaform/textarea.html",
    "select": "schemaform/select.html",
    "nullable-bool": "schemaform/select.html",
    "checkbox": "schemaform/checkbox.html",
    "multiselect": "schemaform/multiselect.html",
    "group": "schemaform/group.html",
    "list": "schemaform/list.html",
    "item": "schemaform/item.html",
    "item-link": "schemaform/item_link.html",
}


class PostData(Protocol):
    """What parse needs from a POST: Django's QueryDict or anything like it."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...

    def __contains__(self, key: object) -> bool: ...

    def __iter__(self) -> Iterator[Any]: ...


# --- The tree ---------------------------------------------------------------------------------


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
    def collapsed(self) -> bool:
        """A long list of checkboxes is folded away (<details>) behind a summary of the choice."""
        return self.kind == "multiselect" and len(self.choices) > COLLAPSE_AFTER

    @property
    def summary(self) -> str:
        chosen = self.value if isinstance(self.value, list) else []
        if not chosen:
            return _("Kies uit %(n)s (niets gekozen)") % {"n": len(self.choices)}
        shown = ", ".join(chosen[:5]) + (", …" if len(chosen) > 5 else "")
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
    def template(self) -> str:
        """The template that renders this node."""
        return _TEMPLATES.get(self.kind, "schemaform/text.html")

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


# --- What the model says about each field ------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    name: str
    label: str
    help: str
    kind: str
    required: bool
    default: Any  # JSON-like; _MISSING when required
    nullable: bool
    model: type[BaseModel] | None = None
    enum: type[enum.Enum] | None = None
    ref_kinds: tuple[str, ...] = ()
    max_length: int | None = None
    money: bool = False

    @property
    def hidden(self) -> bool:
        return self.name in HIDDEN_FIELDS


def _json_default(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return _number_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_json_default(v) for v in value]
    return value


def _unwrap(annotation: Any) -> tuple[Any, bool, list[Any]]:
    """The bare type, whether None is allowed, and the metadata of Annotated layers."""
    nullable = False
    metadata: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            args = get_args(annotation)
            for meta in args[1:]:
                metadata.append(meta)
                if isinstance(meta, FieldInfo):
                    metadata.extend(meta.metadata)
            annotation = args[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            nullable = nullable or len(members) < len(get_args(annotation))
            if len(members) != 1:
                return annotation, nullable, metadata
            annotation = members[0]
        else:
            return annotation, nullable, metadata


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, enum.Enum)


def reference_kinds(model: type[BaseModel], name: str) -> tuple[str, ...]:
    """The kinds of item a reference field may point to; () when it is no reference."""
    for cls in model.__mro__:
        found = REFERENCE_KINDS.get((cls.__name__, name))
        if found is not None:
            return found
    return ()


def _max_length(metadata: Iterable[Any]) -> int | None:
    for meta in metadata:
        found = getattr(meta, "max_length", None)
        if isinstance(found, int):
            return found
    return None


def _make_spec(model: type[BaseModel], name: str, info: FieldInfo) -> _Spec:
    annotation, nullable, metadata = _unwrap(info.annotation)
    metadata.extend(info.metadata)
    required = info.is_required()
    default = _MISSING if required else _json_default(info.get_default(call_default_factory=True))
    nullable = nullable or (not required and default is None)
    refs = reference_kinds(model, name)
    base = {
        "name": name,
        "label": info.title or name,
        "help": info.description or "",
        "required": required,
        "default": default,
        "nullable": nullable,
    }
    if get_origin(annotation) is list:
        inner, _, inner_meta = _unwrap(get_args(annotation)[0])
        if _is_model(inner):
            return _Spec(kind="list", model=inner, **base)
        if refs:
            return _Spec(kind="multiselect", ref_kinds=refs, **base)
        if _is_enum(inner):
            return _Spec(kind="multiselect", enum=inner, **base)
        return _Spec(kind="lines", max_length=_max_length(inner_meta), **base)
    if _is_model(annotation):
        return _Spec(kind="group", model=annotation, **base)
    if refs:
        return _Spec(kind="select", ref_kinds=refs, **base)
    if annotation is bool:
        return _Spec(kind="nullable-bool" if nullable else "checkbox", **base)
    if _is_enum(annotation):
        return _Spec(kind="select", enum=annotation, **base)
    if annotation is int:
        return _Spec(kind="number", **base)
    if annotation in (Decimal, float):
        places = next(
            (getattr(m, "decimal_places", None) for m in metadata if hasattr(m, "decimal_places")),
            None,
        )
        return _Spec(kind="decimal", money=places is not None and places <= 2, **base)
    if annotation is dt.date:
        return _Spec(kind="date", **base)
    length = _max_length(metadata)
    kind = "textarea" if length is not None and length > SHORT_TEXT_MAX else "text"
    return _Spec(kind=kind, max_length=length, **base)


@cache
def _specs(model: type[BaseModel]) -> tuple[_Spec, ...]:
    return tuple(_make_spec(model, name, info) for name, info in model.model_fields.items())


# --- Values as the browser shows and sends them ------------------------------------------------


def _number_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(value)
        return format(Decimal(text), "f") if "e" in text.lower() else text
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _shown(spec: _Spec, value: Any) -> Any:
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
        return _number_text(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return ""
    return str(value)


# --- Choices for references ---------------------------------------------------------------------

_LABEL_FIELDS = ("name", "title", "term", "activity", "description")
_LABEL_MAX = 80


def _short(text: str, limit: int = _LABEL_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe_item(model: type[BaseModel], item: Mapping[str, Any]) -> str:
    """A short human name of an item: its name, title, term, ... (without the id)."""
    for name in _LABEL_FIELDS:
        value = item.get(name)
        if name in model.model_fields and isinstance(value, str) and value.strip():
            return _short(value)
    for spec in _specs(model):
        value = item.get(spec.name)
        if spec.name == "id" or spec.kind not in ("text", "select"):
            continue
        if spec.enum is not None and value is not None:
            return _enum_label(spec.enum, value)
        if isinstance(value, str) and value.strip():
            return _short(value)
    return ""


def _iter_items(
    model: type[BaseModel], data: Any, depth: int = 0
) -> Iterator[tuple[str, str, str]]:
    """(kind, id, label) of every item with an id, in document order; tolerant of junk."""
    if not isinstance(data, Mapping) or depth > 20:
        return
    item_id = data.get("id")
    if "id" in model.model_fields and isinstance(item_id, str) and item_id:
        text = _describe_item(model, data)
        yield model.__name__, item_id, f"{item_id} — {text}" if text else item_id
    for spec in _specs(model):
        if spec.model is None:
            continue
        value = data.get(spec.name)
        if spec.kind == "group":
            yield from _iter_items(spec.model, value, depth + 1)
        elif isinstance(value, list):
            for element in value[:MAX_ITEMS]:
                yield from _iter_items(spec.model, element, depth + 1)


def choices_from(agreement_data: Mapping[str, Any] | None) -> ChoiceProvider:
    """Choices for reference fields: every item of the document, "id — name", by kind."""
    found = list(_iter_items(Agreement, agreement_data or {}))
    memo: dict[tuple[str, ...], list[tuple[str, str]]] = {}

    def provide(kinds: tuple[str, ...]) -> list[tuple[str, str]]:
        if kinds not in memo:
            memo[kinds] = [(item_id, label) for kind, item_id, label in found if kind in kinds]
        return list(memo[kinds])

    return provide


def _enum_label(enum_type: type[enum.Enum], value: Any) -> str:
    member: enum.Enum | None
    try:
        member = enum_type(value)
    except ValueError:
        try:
            member = enum_type(int(value)) if str(value).isdigit() else None
        except ValueError:
            member = None
    if member is None:
        return f"{value} {UNKNOWN}"
    label = getattr(member, "label", None) or str(member.value)
    if isinstance(member, int):
        return f"{member.value} – {label}"
    return str(label)


def _enum_choices(enum_type: type[enum.Enum]) -> list[tuple[str, str]]:
    return [(str(member.value), _enum_label(enum_type, member.value)) for member in enum_type]


# --- Names, locations ---------------------------------------------------------------------------


def field_name(prefix: str, path: Sequence[Any]) -> str:
    """The HTML name of the field at ``path``: the path joined with "-" under ``prefix``."""
    parts = [prefix] if prefix else []
    parts.extend(str(part) for part in path)
    return "-".join(parts)


def _html_id(name: str) -> str:
    return f"id_{name}" if name else "id_form"


def _title_path(model: type[BaseModel], path: Sequence[Any]) -> str | None:
    """A place in the document as people read it, from the Dutch field titles."""
    parts: list[str] = []
    current: Any = model
    in_list = False
    for part in path:
        if isinstance(part, int):
            if not in_list:
                return None
            parts.append(f"nr. {part + 1}")
            in_list = False
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or in_list:
            return None
        spec = next((s for s in _specs(current) if s.name == part), None)
        if spec is None:
            return None
        parts.append(spec.label)
        current = spec.model
        in_list = spec.kind in ("list", "lines", "multiselect")
    return " › ".join(parts) if parts else None


def describe_location(path: Sequence[Any], model: type[BaseModel] = Agreement) -> str:
    """Where ``path`` is, in Dutch titles if the model knows it, else as ``goals[3].title``."""
    return _title_path(model, path) or _title_path(Agreement, path) or format_path(tuple(path))


# --- build -------------------------------------------------------------------------------------


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
        node = Node(name=name, html_id=_html_id(name), path=path, **kwargs)
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
        for spec in _specs(model):
            if spec.hidden:
                continue
            value = values.get(spec.name, _MISSING)
            if value is _MISSING:
                value = None if spec.default is _MISSING else copy.deepcopy(spec.default)
            nodes.append(self.field(spec, value, (*path, spec.name), locked))
        return nodes

    def field(self, spec: _Spec, value: Any, path: Path, parent_locked: bool) -> Node:
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
        return node

    def leaf_details(self, node: Node, spec: _Spec) -> None:
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
                options = _enum_choices(spec.enum)
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
                elif spec.default is _MISSING:
                    options.insert(0, ("", str(EMPTY_CHOOSE)))
            node.choices = options
        if spec.name == "id" or spec.ref_kinds:
            node.spellcheck = False

    def list_items(self, node: Node, spec: _Spec, value: Any, locked: bool) -> None:
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
                name=name, html_id=_html_id(name), label=_("Verwijderen"), help="", kind="checkbox"
            )
        node.children = self.fields(model, data, path, locked)
        return node


def _item_title(model: type[BaseModel], data: Any) -> str:
    if not isinstance(data, Mapping):
        return ""
    item_id = data.get("id") if "id" in model.model_fields else None
    parts = [item_id if isinstance(item_id, str) else "", _describe_item(model, data)]
    return " — ".join(part for part in parts if part)


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
        where = _location_of_name(model, prefix, name)
        general.extend(f"{where}: {message}" if where else str(message) for message in messages)
    root.errors = general + root.errors
    return root


def _location_of_name(model: type[BaseModel], prefix: str, name: str) -> str:
    rest = name[len(prefix) + 1 :] if prefix and name.startswith(prefix + "-") else name
    if prefix and rest == name:
        return name
    path = [int(part) if part.isascii() and part.isdigit() else part for part in rest.split("-")]
    return describe_location(path, model)


# --- render ------------------------------------------------------------------------------------


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
    template = get_template("schemaform/form.html")
    # Django's template backend returns a SafeString (its output is autoescaped).
    return cast(SafeString, template.render({"form": node, "summary": error_summary(node)}))


# --- parse -------------------------------------------------------------------------------------


class _DictPost:
    """A tiny QueryDict stand-in, for working out what a blank row sends."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.data: dict[str, list[str]] = {}
        for key, value in pairs:
            self.data.setdefault(key, []).append(value)

    def get(self, key: str, default: Any = None) -> Any:
        values = self.data.get(key)
        return values[-1] if values else default

    def getlist(self, key: str) -> list[Any]:
        return list(self.data.get(key, []))

    def __contains__(self, key: object) -> bool:
        return key in self.data

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)


def _list_indices(post: PostData) -> dict[str, set[int]]:
    """For every name followed by "-<index>" in the POST's keys, the indices present."""
    found: dict[str, set[int]] = {}
    for key in post:
        if not isinstance(key, str) or len(key) > 2000:
            continue
        parts = key.split("-")
        for position in range(1, len(parts)):
            part = parts[position]
            if not (part.isascii() and part.isdigit()) or len(part) > _MAX_INDEX_DIGITS:
                continue
            if part != "0" and part.startswith("0"):
                continue
            found.setdefault("-".join(parts[:position]), set()).add(int(part))
    return found


_DUTCH_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def _clean_decimal(text: str, money: bool) -> str:
    text = text.replace("€", "").replace("\u00a0", "").replace(" ", "")
    if money and _DUTCH_THOUSANDS.match(text):
        return text.replace(".", "").replace(",", ".")
    if _DECIMAL_COMMA.match(text):
        return text.replace(",", ".")
    return text


def _clean_date(text: str) -> str:
    found = _DUTCH_DATE.match(text)
    if found:
        day, month, year = found.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Parser:
    def __init__(self, post: PostData, prefix: str, editable: Editable | None) -> None:
        self.post = post
        self.prefix = prefix
        self.editable = editable
        self.indices = _list_indices(post)
        self.new_items = 0

    def locked(self, path: Path) -> bool:
        return self.editable is not None and not self.editable(path)

    def get(self, name: str) -> str:
        return _text(self.post.get(name))

    def fields(self, model: type[BaseModel], path: Path, original: Any) -> dict[str, Any]:
        source = original if isinstance(original, Mapping) else {}
        out: dict[str, Any] = {}
        for spec in _specs(model):
            before = source.get(spec.name, _MISSING)
            fpath = (*path, spec.name)
            if spec.hidden or self.locked(fpath):
                if before is not _MISSING:
                    out[spec.name] = copy.deepcopy(before)
                continue
            value = self.field(spec, fpath, before)
            if value is not _OMIT:
                out[spec.name] = value
        return out

    def empty(self, spec: _Spec) -> Any:
        if spec.default is None:
            return None
        if spec.default is _MISSING or spec.kind in ("number", "decimal", "date", "select"):
            return _OMIT
        return ""

    def field(self, spec: _Spec, path: Path, before: Any) -> Any:
        name = field_name(self.prefix, path)
        kind = spec.kind
        if kind == "group":
            assert spec.model is not None
            value = self.fields(spec.model, path, before)
            if spec.nullable and value == _blank(spec.model):
                return None
            return value
        if kind == "list":
            return self.items(spec, path, name, before)
        if kind == "checkbox":
            return name in self.post
        if kind == "multiselect":
            return self.chosen(name, before)
        if kind == "lines":
            lines = [line.strip() for line in self.get(name).split("\n")]
            return [line for line in lines if line][:MAX_ITEMS]
        raw = self.get(name)
        if kind in ("text", "textarea"):
            return raw if raw.strip() else self.empty(spec)
        raw = raw.strip()
        if not raw:
            return self.empty(spec)
        if kind == "nullable-bool":
            return {"true": True, "false": False}.get(raw, raw)
        if kind == "decimal":
            return _clean_decimal(raw, spec.money)
        if kind == "date":
            return _clean_date(raw)
        return raw

    def chosen(self, name: str, before: Any) -> list[str]:
        try:
            values = self.post.getlist(name)
        except (AttributeError, TypeError):
            values = []
        wanted: list[str] = []
        seen: set[str] = set()
        for value in values[: MAX_ITEMS * 2]:
            # One value per checkbox; a textarea (no choices given) has one per line.
            for line in _text(value).split("\n"):
                text = line.strip()
                if text and text not in seen:
                    seen.add(text)
                    wanted.append(text)
        # Keep the order the document had; newly chosen ones follow in the form's order.
        previous = [str(v) for v in before] if isinstance(before, list) else []
        kept = [v for v in dict.fromkeys(previous) if v in seen]
        return (kept + [v for v in wanted if v not in set(kept)])[:MAX_ITEMS]

    def items(self, spec: _Spec, path: Path, name: str, before: Any) -> list[Any]:
        assert spec.model is not None
        previous = before if isinstance(before, list) else []
        present = self.indices.get(name, set())
        locked_before = {i for i in range(len(previous)) if self.locked((*path, i))}
        result: list[Any] = []
        for index in sorted(present | locked_before):
            if index >= len(previous) and self.new_items >= MAX_NEW_ITEMS:
                break
            item_path = (*path, index)
            if index in locked_before:
                result.append(copy.deepcopy(previous[index]))
                continue
            if self.locked(item_path):
                continue
            item_name = f"{name}-{index}"
            if f"{item_name}-{DELETE}" in self.post:
                continue
            original = previous[index] if index < len(previous) else None
            item = self.fields(spec.model, item_path, original)
            if item == _blank(spec.model):
                continue
            if index >= len(previous):
                self.new_items += 1
            result.append(item)
        return result


@cache
def _blank(model: type[BaseModel]) -> dict[str, Any]:
    """What ``parse`` makes of a blank row of ``model`` that nobody touched."""
    node = build(model, None, prefix="blank")
    post = _DictPost(submitted(node))
    return _Parser(post, "blank", None).fields(model, (), None)


def submitted(node: Node) -> list[tuple[str, str]]:
    """The name/value pairs a browser sends for this form as shown (nothing changed)."""
    pairs: list[tuple[str, str]] = []
    for child in node.walk():
        if child.kind in ("group", "list", "item"):
            continue
        if child.kind in ("checkbox",):
            if child.value is True and not child.readonly:
                pairs.append((child.name, "on"))
        elif child.kind == "multiselect":
            if not child.readonly:
                pairs.extend((child.name, value) for value in child.value)
        elif child.kind in ("select", "nullable-bool"):
            if not child.readonly:
                pairs.append((child.name, str(child.value)))
        else:
            pairs.append((child.name, str(child.value)))
    return pairs


def parse(
    model: type[BaseModel],
    post: PostData,
    *,
    prefix: str,
    original: Mapping[str, Any] | None,
    editable: Editable | None = None,
) -> dict[str, Any]:
    """The data a POST of the form for ``model`` describes, ready for ``model_validate``.

    Locked paths (``editable(path)`` False) keep their value from ``original``. Never raises
    on missing, extra or malformed keys. List items are read in the numeric order of the
    indices present; beyond the original's items at most MAX_NEW_ITEMS new ones are taken.
    """
    if editable is not None and not editable(()):
        return copy.deepcopy(dict(original)) if isinstance(original, Mapping) else {}
    return _Parser(post, prefix, editable).fields(model, (), original)


# --- errors ------------------------------------------------------------------------------------


def _form_path(path: Path, data: Any) -> Path:
    """The path of the form field that shows an error at ``path`` (a list of ids or lines is
    one field: ``goals-3-contributes_to``, not ``goals-3-contributes_to-0``)."""
    current = data
    for number, part in enumerate(path):
        if isinstance(current, list) and isinstance(part, int):
            if not (0 <= part < len(current)) or not isinstance(current[part], Mapping):
                return path[:number]
            current = current[part]
        elif isinstance(current, Mapping) and isinstance(part, str):
            current = current.get(part)
        else:
            return path[:number]
    return path


def errors_from(
    exc: ValidationError,
    data: Any,
    *,
    prefix: str,
    loc_prefix: Path = (),
) -> dict[str, list[str]]:
    """Pydantic's errors in Dutch, keyed by the HTML name of the field they belong to.

    ``data`` is what was validated (the whole document, or one section); ``loc_prefix`` is
    where the form's data sits in it (``()`` when the form's fields are ``data``'s own).
    Errors outside the form, or on no field, go under ``"__all__"`` with their location.
    """
    found: dict[str, list[str]] = {}
    form_data: Any = data
    for part in loc_prefix:
        if isinstance(form_data, Mapping):
            form_data = form_data.get(part)
        elif isinstance(form_data, list) and isinstance(part, int) and part < len(form_data):
            form_data = form_data[part]
        else:
            form_data = None

    def add(path: Path, message: str) -> None:
        if tuple(path[: len(loc_prefix)]) == tuple(loc_prefix) and len(path) > len(loc_prefix):
            relative = _form_path(tuple(path[len(loc_prefix) :]), form_data)
            if relative:
                key = field_name(prefix, relative)
                if message not in found.get(key, []):
                    found.setdefault(key, []).append(message)
                return
        text = f"{describe_location(path)}: {message}" if path else message
        if text not in found.get(ALL, []):
            found.setdefault(ALL, []).append(text)

    for err in exc.errors(include_url=False):
        if err["type"] == "references":
            for ref_path, message in err.get("ctx", {}).get("problems", []):
                add(tuple(ref_path), str(message))
            continue
        path = _data_path(err["loc"], data, keep_missing=err["type"] == "missing")
        add(path, describe_error(err, path))
    return found


__all__ = [
    "ALL",
    "KINDS",
    "MAX_EXTRA_ROWS",
    "MAX_ITEMS",
    "MAX_NEW_ITEMS",
    "ChoiceProvider",
    "Node",
    "PostData",
    "build",
    "choices_from",
    "describe_location",
    "error_summary",
    "errors_from",
    "field_name",
    "parse",
    "reference_kinds",
    "render",
    "submitted",
]
