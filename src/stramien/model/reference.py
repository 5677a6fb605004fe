"""A Dutch field-by-field reference of the document, drawn from the model's own labels."""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel

from .agreement import Agreement

_SCALARS = {
    "str": "tekst",
    "int": "geheel getal",
    "bool": "ja/nee (true/false)",
    "date": "datum (jjjj-mm-dd)",
    "Decimal": "bedrag of getal",
}


def _describe(annotation: Any) -> tuple[str, list[type[BaseModel]]]:
    """A short Dutch type description and the nested models it contains."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _describe(args[0])
    if origin in (typing.Union, types.UnionType):
        parts = [_describe(arg) for arg in args if arg is not type(None)]
        text = " of ".join(p[0] for p in parts)
        return f"{text} (mag leeg)", [m for p in parts for m in p[1]]
    if origin is list:
        inner, models = _describe(args[0])
        return f"lijst van {inner}", models
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"blok `{annotation.__name__}`", [annotation]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values = ", ".join(f"`{member.value}`" for member in annotation)
        return f"een van {values}", []
    name = getattr(annotation, "__name__", str(annotation))
    return _SCALARS.get(name, name), []


def field_reference_markdown() -> str:
    """Every block of the document with its fields, Dutch label, help text and type."""
    lines = [
        "# Het documentformaat, veld voor veld",
        "",
        "Gegenereerd uit het model (`stramien.model`) met "
        "`python -m stramien.model.reference`. De sleutels in YAML zijn Engels; de "
        "labels en uitleg zijn die van de gebruikersinterface.",
        "",
    ]
    queue: list[type[BaseModel]] = [Agreement]
    seen: set[type[BaseModel]] = set()
    while queue:
        model = queue.pop(0)
        if model in seen:
            continue
        seen.add(model)
        lines += [f"## `{model.__name__}`", ""]
        lines += ["| sleutel | label | uitleg | soort |", "| --- | --- | --- | --- |"]
        for name, info in model.model_fields.items():
            kind, nested = _describe(info.annotation)
            required = " **verplicht**" if info.is_required() else ""
            lines.append(
                f"| `{name}` | {info.title or ''} | {info.description or ''} | {kind}{required} |"
            )
            queue.extend(nested)
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(field_reference_markdown(), end="")
