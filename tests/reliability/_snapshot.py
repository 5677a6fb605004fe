"""A fingerprint of every row of every table: equal before and after means nothing changed."""

from __future__ import annotations

import hashlib

from django.db import connection


def _plain(value: object) -> object:
    return bytes(value) if isinstance(value, memoryview) else value


def snapshot(skip: frozenset[str] = frozenset()) -> dict[str, tuple[int, str]]:
    """Per table: the number of rows and a hash of all of them (in a fixed order)."""
    result: dict[str, tuple[int, str]] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in skip:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(tuple(_plain(v) for v in row)) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode("utf-8", "surrogatepass"))
            result[table] = (len(rows), digest.hexdigest())
    return result


def changed(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> list[str]:
    """The tables whose rows differ, with their row counts before -> after."""
    return [
        f"{table} ({before.get(table, (0, ''))[0]} -> {after.get(table, (0, ''))[0]} rows)"
        for table in sorted(set(before) | set(after))
        if before.get(table) != after.get(table)
    ]
