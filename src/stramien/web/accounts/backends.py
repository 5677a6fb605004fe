"""Django's ``ModelBackend``, reading the signed-in user's row with SQL built once.

Every request of a signed-in user reads that user's row (``get_user``); the ORM's
``User.objects.get(pk=...)`` spends more CPU on building the query than the database spends
on it. This backend reads the same row with :class:`~stramien.web.compiled.CompiledQuery`
and otherwise is Django's: the same checks (an inactive account gets no user), the same
password check and permissions, and still one read per request, so a deactivated account
or a changed password counts at once on every process.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from stramien.web.compiled import CompiledQuery

#: The path sessions made before this backend name; they are read as this one's.
DJANGO_PATH = "django.contrib.auth.backends.ModelBackend"
PATH = "stramien.web.accounts.backends.ModelBackend"

_users: CompiledQuery[Any] | None = None


def _user_rows() -> CompiledQuery[Any]:
    global _users
    if _users is None:
        model = get_user_model()
        _users = CompiledQuery(model, lambda pk: model._default_manager.filter(pk=pk))
    return _users


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> Any:
        if type(user_id) is not int:
            return super().get_user(user_id)
        user = _user_rows().first(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
