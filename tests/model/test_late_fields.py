"""Fields added after documents were stored are not written while unused (LateFieldsModel)."""

from __future__ import annotations

import inspect

import stramien.model as model
from stramien.model.base import LateFieldsModel


def _late_classes() -> list[type[LateFieldsModel]]:
    return [
        value
        for value in vars(model).values()
        if inspect.isclass(value) and issubclass(value, LateFieldsModel) and value.LATE_FIELDS
    ]


def test_every_late_field_exists_and_has_a_default() -> None:
    """A misspelt name would silently be written again and change old documents' hashes."""
    classes = _late_classes()
    assert classes, "at least the indicator has late fields"
    for cls in classes:
        for name in cls.LATE_FIELDS:
            assert name in cls.model_fields, f"{cls.__name__}.{name}"
            assert not cls.model_fields[name].is_required(), f"{cls.__name__}.{name}"


def test_a_subclass_keeps_the_late_fields_of_its_parent() -> None:
    for cls in _late_classes():
        for parent in cls.__mro__[1:]:
            if isinstance(parent, type) and issubclass(parent, LateFieldsModel):
                assert set(parent.LATE_FIELDS) <= set(cls.LATE_FIELDS), cls.__name__


def test_an_unused_late_field_is_left_out_and_a_used_one_written() -> None:
    project = model.Project(id="p1", name="Wijkaanpak")
    assert "sub_programme" not in project.model_dump(mode="json")
    project.sub_programme = "dp-lokaal"
    assert project.model_dump(mode="json")["sub_programme"] == "dp-lokaal"
    organisation = model.Organisation()
    assert "sub_programmes" not in organisation.model_dump(mode="json")
    assert "projects" in organisation.model_dump(mode="json")
