"""The user model as the web layer types it: ``acting_user`` is always one of these."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

__all__ = ["AnyUser", "User", "acting_user"]

#: A visitor as a permission check sees them: signed in or not.
AnyUser = User | AnonymousUser


def acting_user(request: HttpRequest) -> User:
    """The signed-in user of ``request``; refused (403) for an anonymous visitor."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user
