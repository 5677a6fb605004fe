"""What the API's answers look like. Field names are camelCase (NL API Design Rules); the
agreement document itself keeps the names of its documented format (docs/document-format.md),
the same as the JSON and YAML downloads."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers


class StrictSerializer(serializers.Serializer[Any]):
    """Refuses fields it does not know (a typo must not be silently ignored)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("Onbekend veld.")] for name in unknown} | self._other_errors(data)
                )
        return super().to_internal_value(data)

    def _other_errors(self, data: dict[str, Any]) -> dict[str, Any]:
        """The errors of the known fields, so that every problem is reported at once."""
        known = {key: value for key, value in data.items() if key in self.fields}
        try:
            super().to_internal_value(known)
        except serializers.ValidationError as exc:
            detail = exc.detail
            return dict(detail) if isinstance(detail, dict) else {}
        return {}


class Link(serializers.Serializer[Any]):
    href = serializers.URLField()


class ProgrammeLinks(serializers.Serializer[Any]):
    self = Link()
    revisions = Link()
    document = Link()


class ProgrammeSummary(serializers.Serializer[Any]):
    slug = serializers.SlugField()
    name = serializers.CharField()
    role = serializers.CharField(help_text="Uw rol: regisseur, partner, monitor of lezer.")
    partyId = serializers.CharField(
        allow_blank=True, help_text="De partner waarvoor u optreedt (alleen bij de rol partner)."
    )
    headRevision = serializers.IntegerField(min_value=0)
    createdAt = serializers.DateTimeField()
    public = serializers.BooleanField()
    _links = ProgrammeLinks()


class RevisionLinks(serializers.Serializer[Any]):
    self = Link()
    document = Link()


class RevisionSummary(serializers.Serializer[Any]):
    number = serializers.IntegerField(min_value=1)
    hash = serializers.CharField()
    contentHash = serializers.CharField()
    author = serializers.CharField()
    createdAt = serializers.DateTimeField()
    message = serializers.CharField(allow_blank=True)
    section = serializers.CharField(allow_blank=True)
    mergedFrom = serializers.IntegerField(allow_null=True)
    restoredFrom = serializers.IntegerField(allow_null=True)
    _links = RevisionLinks()


class RevisionDocument(serializers.Serializer[Any]):
    revision = serializers.IntegerField(min_value=1)
    contentHash = serializers.CharField()
    document = serializers.DictField(help_text="De overeenkomst (docs/document-format.md).")
