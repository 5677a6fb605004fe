"""Notices for a partner about changes others made to its organisation card, shown once as a
message on the person's next page."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db import connections, router
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from stramien.web.users import User

from .models import CardNotice
from .notifications import notice_text


class CardNoticeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            request.method == "GET"
            and isinstance(user, User)
            and user.is_authenticated
            and not request.headers.get("HX-Request")
        ):
            self._show(request, user)
        return self.get_response(request)

    @staticmethod
    def _any_unseen(user: User) -> bool:
        """Whether ``user`` has a notice not shown yet: one fixed statement (the ORM's query
        costs more CPU than the round trip), asked on every page so that a notice made by
        another process shows at once."""
        connection = connections[router.db_for_read(CardNotice)]
        table = connection.ops.quote_name(CardNotice._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {table} WHERE user_id = %s AND seen_at IS NULL LIMIT 1",
                [user.pk],
            )
            return cursor.fetchone() is not None

    @classmethod
    def _show(cls, request: HttpRequest, user: User) -> None:
        if not cls._any_unseen(user):
            return
        notices = list(
            CardNotice.objects.filter(user=user, seen_at=None).select_related("programme")[:20]
        )
        if not notices:
            return
        for notice in notices:
            messages.info(request, notice_text(notice, notice.programme.name))
        CardNotice.objects.filter(pk__in=[n.pk for n in notices]).update(seen_at=timezone.now())
