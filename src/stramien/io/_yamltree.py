"""Safe YAML reading: plain data plus the position of every value and key.

The data is built from the parser's event stream with an explicit stack instead of
``yaml.compose``: PyYAML's composer recurses once per nesting level, so a deeply nested document
could exhaust the stack before any limit of ours is checked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.reader import ReaderError

from ._limits import (
    MAX_DEPTH,
    MAX_NODES,
    integer_problem,
    line_column,
    number_problem,
    too_deep_message,
    too_many_nodes_message,
)
from ._yamlmessages import FALLBACK, marked_error_message, reader_error_message, syntax_message
from .errors import DocumentError, Path, Position, Positions, fail

__all__ = [
    "LOADER",
    "MAX_DEPTH",
    "MAX_NODES",
    "line_column",
    "parse_yaml",
    "too_deep_message",
]

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CORE = "tag:yaml.org,2002:"
STR_TAG = _CORE + "str"
INT_TAG = _CORE + "int"
FLOAT_TAG = _CORE + "float"
SCALAR_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
SEQ_TAG = _CORE + "seq"
MAP_TAG = _CORE + "map"
# A bare '=' resolves to this tag; for us it is just the text "=".
VALUE_TAG = _CORE + "value"
MERGE_TAG = _CORE + "merge"

# The characters YAML refuses (same set as PyYAML's reader).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")

_KINDS = {
    _CORE + "int": "een getal",
    _CORE + "float": "een getal",
    _CORE + "bool": "een ja/nee-waarde",
    _CORE + "null": "een lege waarde",
    _CORE + "timestamp": "een datum",
}


def _position(mark: Any) -> Position:
    return mark.line + 1, mark.column + 1


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


@dataclass
class _Anchor:
    value: Any
    size: int
    height: int
    position: Position
    complete: bool = True


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path
    start: int
    anchor: str | None
    height: int = 1
    key: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


def parse_yaml(text: str, file: str) -> tuple[Any, Positions]:
    """Parse ``text`` as a single YAML document; raise DocumentError on any problem."""
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        code = f"U+{ord(bad.group()):04X}"
        raise fail(
            file,
            f"Het bestand bevat een onzichtbaar stuurteken ({code}) dat in YAML niet is "
            "toegestaan. Verwijder het of typ de tekst opnieuw.",
            line_column(text, bad.start()),
        )
    loader = LOADER(text)
    try:
        return _Builder(loader, file).document()
    except DocumentError:
        raise
    except yaml.MarkedYAMLError as exc:
        message, position = marked_error_message(exc, text)
        raise fail(file, message, position) from None
    except ReaderError as exc:
        message, position = reader_error_message(exc, text)
        raise fail(file, message, position) from None
    except (MemoryError, RecursionError):
        raise fail(
            file, "Het document is te groot of te ingewikkeld om te lezen.", _mark(loader)
        ) from None
    except ValueError as exc:
        # PyYAML's own scanner lets a few mistakes through as plain Python errors, such as
        # chr() of "\U00110000".
        message = FALLBACK
        if "chr()" in str(exc):
            message = syntax_message(None, "found invalid Unicode character escape code")[0]
        raise fail(file, message, _mark(loader)) from None
    except Exception:
        # Whatever else the reader raises: still a Dutch message with a place, no traceback.
        raise fail(file, FALLBACK, _mark(loader)) from None
    finally:
        loader.dispose()


def _mark(loader: Any) -> Position | None:
    """Where the reader is now, if it can tell."""
    try:
        mark = loader.get_mark()
    except Exception:
        return None
    if mark is None:
        return None
    return _position(mark)


class _Builder:
    def __init__(self, loader: Any, file: str) -> None:
        self.loader = loader
        self.file = file
        self.positions = Positions()
        self.anchors: dict[str, _Anchor] = {}
        self.count = 0

    def document(self) -> tuple[Any, Positions]:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(StreamEndEvent):
            raise fail(self.file, "Het bestand is leeg.")
        loader.get_event()  # document start
        root = self._node()
        loader.get_event()  # document end
        if not loader.check_event(StreamEndEvent):
            event = loader.peek_event()
            raise fail(
                self.file,
                "Het bestand bevat meer dan één YAML-document (gescheiden door '---'); "
                "zet de hele overeenkomst in één document.",
                _position(event.start_mark) if isinstance(event, DocumentStartEvent) else None,
            )
        if root is None:
            raise fail(self.file, "Het bestand is leeg.")
        return root, self.positions

    def _error(self, message: str, event: Event, path: Path = ()) -> DocumentError:
        return fail(self.file, message, _position(event.start_mark), path)

    def _node(self) -> Any:
        """Read one whole node from the event stream, iteratively."""
        stack: list[_Frame] = []
        while True:
            event = self.loader.get_event()
            if isinstance(event, MappingEndEvent | SequenceEndEvent):
                frame = stack.pop()
                if frame.anchor is not None:
                    anchor = self.anchors[frame.anchor]
                    anchor.size = self.count - frame.start
                    anchor.height = frame.height
                    anchor.complete = True
                if not stack:
                    return frame.container
                stack[-1].height = max(stack[-1].height, frame.height + 1)
                continue
            parent = stack[-1] if stack else None
            if parent is not None and isinstance(parent.container, dict) and parent.key is None:
                self._key(event, parent)
                continue
            path = self._child_path(parent)
            if isinstance(event, AliasEvent):
                anchor = self._alias(event, path, len(stack))
                value = anchor.value
                if parent is not None:
                    parent.height = max(parent.height, anchor.height + 1)
            elif isinstance(event, ScalarEvent):
                value = self._scalar(event, path)
                self._count(1, event, path)
                self._define(event, value, 1, 0)
            elif isinstance(event, CollectionStartEvent):
                value = self._collection(event, path, len(stack))
                stack.append(_Frame(value, path, self.count - 1, event.anchor))
            else:
                raise self._error("Onverwacht onderdeel in het YAML-document.", event, path)
            self.positions.values[path] = _position(event.start_mark)
            if parent is None:
                if not stack:
                    return value
            elif isinstance(parent.container, dict):
                assert parent.key is not None
                parent.container[parent.key] = value
                parent.key = None
            else:
                parent.container.append(value)

    @staticmethod
    def _child_path(parent: _Frame | None) -> Path:
        if parent is None:
            return ()
        if isinstance(parent.container, dict):
            assert parent.key is not None
            return (*parent.path, parent.key)
        return (*parent.path, len(parent.container))

    def _count(self, size: int, event: Event, path: Path) -> None:
        self.count += size
        if self.count > MAX_NODES:
            raise self._error(too_many_nodes_message(aliases=True), event, path)

    def _define(self, event: Any, value: Any, size: int, height: int) -> None:
        anchor = event.anchor
        if anchor is None:
            return
        earlier = self.anchors.get(anchor)
        if earlier is not None:
            raise self._error(
                f"Het anker '&{anchor}' is al eerder gebruikt (regel {earlier.position[0]}); "
                "geef elk anker een eigen naam.",
                event,
            )
        self.anchors[anchor] = _Anchor(value, size, height, _position(event.start_mark))

    def _alias(self, event: AliasEvent, path: Path, depth: int) -> _Anchor:
        anchor = self.anchors.get(event.anchor or "")
        if anchor is None:
            raise self._error(
                f"De verwijzing '*{event.anchor}' heeft geen bijbehorend anker '&{event.anchor}' "
                "eerder in het document.",
                event,
                path,
            )
        if not anchor.complete:
            raise self._error(
                f"De verwijzing '*{event.anchor}' staat binnen het onderdeel waar hij naar "
                "verwijst; zo'n kringverwijzing is niet toegestaan.",
                event,
                path,
            )
        if depth + anchor.height > MAX_DEPTH:
            raise self._error(too_deep_message(), event)
        self._count(anchor.size, event, path)
        return anchor

    def _collection(self, event: Any, path: Path, depth: int) -> dict[str, Any] | list[Any]:
        is_map = isinstance(event, MappingStartEvent)
        expected = MAP_TAG if is_map else SEQ_TAG
        if event.tag not in (None, "!", expected):
            raise self._error(_unsafe_tag(event.tag), event, path)
        if depth + 1 > MAX_DEPTH:
            raise self._error(too_deep_message(), event)
        self._count(1, event, path)
        value: dict[str, Any] | list[Any] = {} if is_map else []
        self._define(event, value, 1, 1)
        if event.anchor is not None:
            self.anchors[event.anchor].complete = False
        return value

    def _scalar(self, event: ScalarEvent, path: Path) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(ScalarNode, event.value, event.implicit)
        if tag in (VALUE_TAG, MERGE_TAG):
            tag = STR_TAG
        if tag not in SCALAR_TAGS:
            raise self._error(_unsafe_tag(tag or ""), event, path)
        if _SURROGATE.search(event.value):
            # libyaml refuses "\ud800"; PyYAML's own scanner lets it through.
            raise self._error(
                "De tekst bevat een losse \\u-escape voor een surrogaat (\\ud800 tot \\udfff); "
                "dat is geen geldig teken.",
                event,
                path,
            )
        if tag in (INT_TAG, FLOAT_TAG):
            too_long = number_problem(event.value)
            if too_long is not None:
                raise self._error(too_long, event, path)
        node = ScalarNode(tag, event.value, style=event.style)
        try:
            value = SafeConstructor.yaml_constructors[tag](self.loader, node)
        except (ArithmeticError, AttributeError, LookupError, TypeError, ValueError):
            if tag == _CORE + "timestamp":
                message = f"'{event.value[:60]}' is geen bestaande datum."
            else:
                message = f"De waarde '{event.value[:60]}' kan niet gelezen worden als "
                message += f"{_KINDS.get(tag, 'tekst')}."
            raise self._error(message, event, path) from None
        if isinstance(value, int) and not isinstance(value, bool):
            too_big = integer_problem(value)
            if too_big is not None:
                raise self._error(too_big, event, path)
        return value

    def _key(self, event: Event, parent: _Frame) -> None:
        assert isinstance(parent.container, dict)
        if isinstance(event, AliasEvent):
            raise self._error(
                "Een veldnaam mag geen verwijzing (*alias) zijn; schrijf de naam uit.",
                event,
                parent.path,
            )
        if not isinstance(event, ScalarEvent):
            raise self._error(
                "Een veldnaam moet gewone tekst zijn, geen lijst of blok.", event, parent.path
            )
        plain = event.tag is None and event.implicit[0]
        if plain and self.loader.resolve(ScalarNode, event.value, event.implicit) == MERGE_TAG:
            raise self._error(
                "Samenvoegen met '<<' wordt niet ondersteund; schrijf de velden uit.",
                event,
                parent.path,
            )
        key = self._scalar(event, parent.path)
        self._count(1, event, parent.path)
        self._define(event, key, 1, 0)
        if key is None:
            raise self._error(
                "Hier staat een dubbele punt zonder veldnaam ervoor.", event, parent.path
            )
        if not isinstance(key, str):
            kind = "een datum" if isinstance(key, dt.date) else "een getal of ja/nee-waarde"
            raise self._error(
                f"De veldnaam '{event.value[:60]}' wordt gelezen als {kind}, niet als tekst. "
                "Zet hem tussen aanhalingstekens.",
                event,
                parent.path,
            )
        path = (*parent.path, key)
        if key in parent.key_lines:
            raise self._error(
                f"De sleutel '{key}' komt twee keer voor in hetzelfde blok (eerder op regel "
                f"{parent.key_lines[key]}); haal er één weg.",
                event,
                path,
            )
        position = _position(event.start_mark)
        parent.key_lines[key] = position[0]
        parent.key = key
        self.positions.keys[path] = position


def _unsafe_tag(tag: str) -> str:
    return (
        f"Deze waarde heeft een onbekende of onveilige tag ('{_show_tag(tag)}'). Stramien leest "
        "alleen gewone YAML-waarden: tekst, getallen, datums, ja/nee, lijsten en blokken."
    )
