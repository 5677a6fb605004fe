"""A query built once (stramien.web.compiled) gives the same instances as the ORM's own
query with the same values: every field, the annotations with their types, for each value
it is run with, on every database the tests run on."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connections
from django.db.models import F, FilteredRelation, Q
from django.test import override_settings

from stramien.web.compiled import CompiledQuery
from stramien.web.programmes.models import Membership, Programme, Revision

pytestmark = pytest.mark.django_db


def _with_membership(slug: str, user_id: int) -> Any:
    return (
        Programme.objects.annotate(
            mine=FilteredRelation("memberships", condition=Q(memberships__user_id=user_id))
        )
        .annotate(mine_role=F("mine__role"), mine_created=F("mine__created_at"))
        .filter(slug=slug)
    )


def _fields(instance: Any, *extra: str) -> dict[str, Any]:
    found = {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}
    found.update({name: getattr(instance, name) for name in extra})
    return found


def test_rows_are_the_orm_s(programme: Programme, people: dict[str, Any]) -> None:
    query = CompiledQuery(Programme, _with_membership)
    for person in ("partner", "lezer", "outsider"):
        user_id = people[person].pk
        ours = query.rows(programme.slug, user_id)
        theirs = list(_with_membership(programme.slug, user_id))
        assert len(ours) == len(theirs) == 1
        assert _fields(ours[0], "mine_role", "mine_created") == _fields(
            theirs[0], "mine_role", "mine_created"
        )
        assert not ours[0]._state.adding and ours[0]._state.db == theirs[0]._state.db
    member = query.rows(programme.slug, people["partner"].pk)[0]
    stored = Membership.objects.get(programme=programme, user=people["partner"])
    assert member.mine_role == "partner"  # type: ignore[attr-defined]
    assert member.mine_created == stored.created_at  # type: ignore[attr-defined]
    assert query.rows(programme.slug, people["outsider"].pk)[0].mine_role is None  # type: ignore[attr-defined]
    assert query.rows("bestaat-niet", people["partner"].pk) == []
    # An instance from it saves like one from the ORM.
    member.name = "Nieuwe naam"
    member.save(update_fields=["name"])
    assert Programme.objects.get(pk=programme.pk).name == "Nieuwe naam"


def test_two_values_of_one_kind_each_go_to_their_own_place(programme: Programme) -> None:
    other = Programme.objects.create(slug="tweede", name="Tweede", created_by=programme.created_by)
    query = CompiledQuery(
        Programme,
        lambda first, second: Programme.objects.filter(Q(slug=first) | Q(name=second)).order_by(
            "slug"
        ),
    )
    assert [p.slug for p in query.rows(programme.slug, "Tweede")] == sorted(
        [programme.slug, other.slug]
    )
    assert [p.slug for p in query.rows("tweede", "niemand")] == ["tweede"]
    assert [p.slug for p in query.rows("niemand", programme.name)] == [programme.slug]


def test_a_value_the_orm_changes_is_refused(programme: Programme) -> None:
    query = CompiledQuery(Programme, lambda part: Programme.objects.filter(name__icontains=part))
    with pytest.raises(ValueError):
        query.rows("wijk")


def test_each_thread_and_each_change_of_settings_builds_anew(programme: Programme) -> None:
    built: list[str] = []
    real = CompiledQuery._compile

    def counting(self: Any, alias: str, kinds: Any) -> Any:
        built.append(threading.current_thread().name)
        return real(self, alias, kinds)

    query = CompiledQuery(Programme, lambda slug: Programme.objects.filter(slug=slug))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CompiledQuery, "_compile", counting)
        assert query.rows(programme.slug)[0].pk == programme.pk
        assert query.rows(programme.slug)[0].pk == programme.pk
        assert len(built) == 1

        # Another thread has a connection of its own, and builds for it.
        def elsewhere() -> None:
            try:
                query.rows("niemand")
            finally:
                connections.close_all()

        other = threading.Thread(target=elsewhere, name="andere")
        other.start()
        other.join()
        assert built == ["MainThread", "andere"]
        assert query.rows(programme.slug)[0].pk == programme.pk
        assert len(built) == 2
        # A setting that changes (and changes back) may have changed the database.
        with override_settings(STRAMIEN_SOMETHING=1):
            assert query.rows(programme.slug)[0].pk == programme.pk
            assert query.rows(programme.slug)[0].pk == programme.pk
        assert built == ["MainThread", "andere", "MainThread"]
        assert query.rows(programme.slug)[0].pk == programme.pk
        assert built == ["MainThread", "andere", "MainThread", "MainThread"]


def test_an_integer_column_the_backend_types_itself(programme: Programme) -> None:
    # On PostgreSQL, Django sends a value for a PositiveIntegerField as psycopg's Int4:
    # every run's value must go in the same way.
    query = CompiledQuery(
        Revision,
        lambda programme_id, number: Revision.objects.filter(
            programme_id=programme_id, number=number
        ),
    )
    found = query.rows(programme.pk, 1)
    assert [r.pk for r in found] == [Revision.objects.get(programme=programme, number=1).pk]
    assert query.rows(programme.pk, 2) == [] and query.rows(programme.pk + 1, 1) == []


def test_get_and_first_answer_as_the_orm_s(programme: Programme) -> None:
    query = CompiledQuery(Programme, lambda slug: Programme.objects.filter(slug=slug))
    assert query.get(programme.slug).pk == programme.pk
    assert query.first(programme.slug).pk == programme.pk  # type: ignore[union-attr]
    assert query.first("bestaat-niet") is None
    with pytest.raises(Programme.DoesNotExist):
        query.get("bestaat-niet")
    Programme.objects.create(slug="tweede", name=programme.name, created_by=programme.created_by)
    by_name = CompiledQuery(Programme, lambda name: Programme.objects.filter(name=name))
    with pytest.raises(Programme.MultipleObjectsReturned):
        by_name.get(programme.name)
