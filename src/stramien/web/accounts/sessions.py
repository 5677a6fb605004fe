"""Sessions in the database, read with one fixed SQL statement.

Django's own database store (``django.contrib.sessions.backends.db``) builds its query with
the ORM on every request, which costs more CPU than the round trip to PostgreSQL. This store
reads the same table with a fixed statement and otherwise is that store: every request
still reads the session row, so a logout or an expired session counts at once on every
process (no signed cookies, no sessions kept in a process).

A session signed in through Django's own ``ModelBackend`` (made before Stramien named its
own, :mod:`stramien.web.accounts.backends`) is read as signed in through Stramien's, so
nobody is signed out by the change.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone

from . import backends


class SessionStore(DatabaseSessionStore):
    def decode(self, session_data: bytes | str) -> dict[str, Any]:
        found: dict[str, Any] = super().decode(session_data)
        if found.get(BACKEND_SESSION_KEY) == backends.DJANGO_PATH:
            found[BACKEND_SESSION_KEY] = backends.PATH
        return found

    def _get_session_from_db(self) -> Any:
        model = self.model
        key = self.session_key
        if not key:
            return None
        connection = connections[router.db_for_read(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s",
                [key, now],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=key, session_data=row[0])
