"""What the browser sends when a section form is saved, for the editor tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from stramien.web import schemaform
from stramien.web.programmes.editor import PREFIX, section_data
from stramien.web.programmes.models import Programme
from stramien.web.programmes.sections import BY_KEY


def section_post(
    programme: Programme, key: str, edit: Callable[[dict[str, Any]], None]
) -> dict[str, list[str]]:
    """The form of section ``key`` after ``edit`` on its data, as the browser posts it: every
    field of the generated form, with the choices of the programme's references."""
    section = BY_KEY[key]
    data = section_data(section, programme.head_document)
    edit(data)
    node = schemaform.build(
        section.model,
        data,
        prefix=PREFIX,
        choices=schemaform.choices_from(programme.head_document),
    )
    post: dict[str, list[str]] = {}
    for name, value in schemaform.submitted(node):
        post.setdefault(name, []).append(value)
    post["base_revision"] = [str(programme.head_number)]
    return post
