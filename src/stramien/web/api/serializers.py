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


class Finding(serializers.Serializer[Any]):
    rule = serializers.CharField()
    severity = serializers.ChoiceField(choices=["error", "warning", "tip"])
    section = serializers.CharField()
    path = serializers.CharField(allow_blank=True)
    message = serializers.CharField()
    hint = serializers.CharField(allow_blank=True)


class Readiness(serializers.Serializer[Any]):
    section = serializers.CharField()
    percentage = serializers.IntegerField(min_value=0, max_value=100)


class FindingsReport(serializers.Serializer[Any]):
    revision = serializers.IntegerField(min_value=1)
    errors = serializers.IntegerField(min_value=0)
    warnings = serializers.IntegerField(min_value=0)
    findings = Finding(many=True)
    readiness = Readiness(many=True)


class ChangesQuery(StrictSerializer):
    def get_fields(self) -> dict[str, Any]:
        # "from" is a Python keyword, so the fields are declared here.
        return {
            "from": serializers.IntegerField(min_value=1),
            "to": serializers.IntegerField(min_value=1),
        }


class Change(serializers.Serializer[Any]):
    op = serializers.ChoiceField(choices=["set", "remove", "order"])
    path = serializers.ListField(child=serializers.JSONField())
    location = serializers.CharField()
    value = serializers.JSONField(required=False)
    ids = serializers.ListField(child=serializers.CharField(), required=False)


class ChangeList(serializers.Serializer[Any]):
    def get_fields(self) -> dict[str, Any]:
        return {
            "from": serializers.IntegerField(min_value=1),
            "to": serializers.IntegerField(min_value=1),
            "changes": Change(many=True),
        }


class Member(serializers.Serializer[Any]):
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=["regisseur", "partner", "monitor", "lezer"])
    partyId = serializers.CharField(allow_blank=True)
    since = serializers.DateTimeField()


class Party(serializers.Serializer[Any]):
    partyId = serializers.CharField()
    name = serializers.CharField()


class ApprovalOut(serializers.Serializer[Any]):
    partyId = serializers.CharField()
    partyName = serializers.CharField()
    decision = serializers.ChoiceField(choices=["approved", "rejected"])
    note = serializers.CharField(allow_blank=True)
    by = serializers.CharField()
    decidedAt = serializers.DateTimeField()
    revisionHash = serializers.CharField()


class ApprovalRoundOut(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    revision = serializers.IntegerField(min_value=1)
    revisionHash = serializers.CharField()
    status = serializers.ChoiceField(choices=["open", "adopted", "voided"])
    proposedAt = serializers.DateTimeField()
    closedAt = serializers.DateTimeField(allow_null=True)
    voidedByRevision = serializers.IntegerField(allow_null=True)
    voidReason = serializers.CharField(allow_blank=True)
    parties = Party(many=True)
    approvals = ApprovalOut(many=True)


class AgreementChange(StrictSerializer):
    baseRevision = serializers.IntegerField(
        min_value=1, help_text="De versie waarop de wijziging is gemaakt."
    )
    message = serializers.CharField(max_length=500, required=False, allow_blank=True)
    section = serializers.CharField(max_length=40, required=False, allow_blank=True)
    changes = serializers.DictField(
        required=False, help_text="Velden als JSON Merge Patch (RFC 7396) op de basisversie."
    )
    patch = serializers.ListField(
        child=serializers.DictField(),
        required=False,
        help_text="Bewerkingen op id (set, remove, order), zie docs/revisions.md.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("changes" in attrs) == ("patch" in attrs):
            raise serializers.ValidationError(
                {"changes": [_("Geef precies één van 'changes' en 'patch'.")]}
            )
        return attrs


class SavedLinks(serializers.Serializer[Any]):
    revision = Link()


class SavedRevision(serializers.Serializer[Any]):
    revision = serializers.IntegerField(min_value=1)
    saved = serializers.BooleanField()
    merged = serializers.BooleanField()
    unchanged = serializers.BooleanField()
    _links = SavedLinks()
