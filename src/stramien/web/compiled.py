"""A query the ORM builds once per thread, then runs with each request's values.

Building a query with the ORM (cloning the queryset, resolving the lookups and joins,
writing the SQL) costs a page more CPU than the round trip to the database for the rows
themselves: about 1 ms for the programme row with the user's membership. A query every
page or save runs is therefore built once, with stand-in values, and its SQL kept; each
run fills in that run's values and makes the instances from the rows as the ORM does
(every field, the annotations as attributes, the database's converters applied).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.signals import setting_changed
from django.db import connections, models, router

M = TypeVar("M", bound=models.Model)

#: Stand-in values, one per kind of parameter, that no real value equals.
_STAND_INS: dict[type, list[Any]] = {
    str: [f"\x00stramien-stand-in-{n}\x00" for n in range(8)],
    # Positive and within the range of a 32-bit integer column: Django answers a lookup
    # beyond a column's range (a negative value for a positive one, too) with no rows.
    int: [1_903_417_265 + n for n in range(8)],
}


class CompiledQuery(Generic[M]):
    """The rows of ``build(*values)``, with its SQL built once per database and thread.

    ``build`` makes the queryset from the values (each a ``str`` or an ``int``) and must
    only pass them on into lookups, never look at them: it is called once with stand-ins.
    The queryset selects its model's rows (no ``values()``, no ``select_related``), with
    any annotations; each row comes back as an instance with the annotations set on it.
    What is built belongs to one thread's database connection (its converters), so each
    thread builds its own; a changed setting makes every thread build it again.
    """

    def __init__(self, model: type[M], build: Callable[..., models.QuerySet[M]]) -> None:
        self._model = model
        self._build = build
        self._local = threading.local()
        self._generation = 0
        setting_changed.connect(self._forget, weak=False)

    def _forget(self, **_kwargs: Any) -> None:
        self._generation += 1

    def rows(self, *values: str | int) -> list[M]:
        alias = router.db_for_read(self._model)
        connection = connections[alias]
        kinds = tuple(int if type(value) is int else str for value in values)
        built: dict[tuple[str, tuple[type, ...]], _Built] | None = getattr(
            self._local, "built", None
        )
        if built is None or self._local.generation != self._generation:
            built = self._local.built = {}
            self._local.generation = self._generation
        query = built.get((alias, kinds))
        if query is None:
            query = built[(alias, kinds)] = self._compile(alias, kinds)
        params = [slot.fill(values) if isinstance(slot, _Slot) else slot for slot in query.slots]
        with connection.cursor() as cursor:
            cursor.execute(query.sql, params)
            fetched = cursor.fetchall()
        found = []
        for values_row in fetched:
            row = list(values_row)
            for position, (converters, expression) in query.converters:
                value = row[position]
                for converter in converters:
                    value = converter(value, expression, connection)
                row[position] = value
            instance = self._model.from_db(
                alias, query.field_names, [row[position] for position in query.field_positions]
            )
            for name, position in query.annotations:
                setattr(instance, name, row[position])
            found.append(instance)
        return found

    def first(self, *values: str | int) -> M | None:
        """The first row, or ``None`` (the queryset's own order decides which is first)."""
        found = self.rows(*values)
        return found[0] if found else None

    def get(self, *values: str | int) -> M:
        """The one row, as ``QuerySet.get`` gives it (``DoesNotExist`` when there is none,
        ``MultipleObjectsReturned`` when there are more)."""
        found = self.rows(*values)
        if len(found) == 1:
            return found[0]
        # Each model class has its own two exceptions (the stubs know them only per class).
        model: Any = self._model
        name = model._meta.object_name
        if not found:
            raise model.DoesNotExist(f"{name} matching query does not exist.")
        raise model.MultipleObjectsReturned(f"get() returned more than one {name}.")

    def _compile(self, alias: str, kinds: tuple[type, ...]) -> _Built:
        seen: dict[type, int] = {}
        stand_ins = []
        for kind in kinds:
            stand_ins.append(_STAND_INS[kind][seen.get(kind, 0)])
            seen[kind] = seen.get(kind, 0) + 1
        queryset = self._build(*stand_ins)
        compiler = queryset.query.get_compiler(connection=connections[alias])
        sql, params = compiler.as_sql()
        slots: list[Any] = []
        used = set()
        for param in params:
            index = next(
                (n for n, stand_in in enumerate(stand_ins) if _same(param, stand_in)), None
            )
            if index is None:
                slots.append(param)
            else:
                # The backend may wrap a value in a type of its own (psycopg's Int4 for an
                # integer column on PostgreSQL): each run's value gets the same wrapper.
                kind = type(param)
                slots.append(_Slot(index, None if kind is type(stand_ins[index]) else kind))
                used.add(index)
        if len(used) != len(stand_ins):
            raise ValueError("a value of the query is not one of its parameters as given")
        assert compiler.klass_info is not None and compiler.klass_info["model"] is self._model
        positions = list(compiler.klass_info["select_fields"])
        expressions = [expression for expression, _sql, _alias in compiler.select]
        return _Built(
            sql=sql,
            slots=slots,
            field_positions=positions,
            field_names=[expressions[position].target.attname for position in positions],
            annotations=list(compiler.annotation_col_map.items()),
            converters=list(compiler.get_converters(expressions).items()),
        )


@dataclass(frozen=True)
class _Built:
    sql: str
    slots: list[Any]
    field_positions: list[int]
    field_names: list[str]
    annotations: list[tuple[str, int]]
    converters: list[tuple[int, tuple[list[Any], Any]]]


class _Slot:
    """Where a run's value goes: ``values[index]``, wrapped in ``wrap`` when not ``None``."""

    __slots__ = ("index", "wrap")

    def __init__(self, index: int, wrap: Callable[[Any], Any] | None) -> None:
        self.index = index
        self.wrap = wrap

    def fill(self, values: tuple[Any, ...]) -> Any:
        value = values[self.index]
        return value if self.wrap is None else self.wrap(value)


def _same(param: Any, stand_in: Any) -> bool:
    # An int or str (or a backend's subclass of one) equal to the stand-in; never a bool.
    kind = type(stand_in)
    return isinstance(param, kind) and not isinstance(param, bool) and kind(param) == stand_in
