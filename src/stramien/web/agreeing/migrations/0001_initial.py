"""Approval rounds and approvals, taken over from the programmes app with their tables."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("programmes", "0004_models_to_their_apps"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ApprovalRound",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("revision_number", models.PositiveIntegerField()),
                        ("revision_hash", models.CharField(max_length=64)),
                        ("parties", models.JSONField(default=dict)),
                        ("proposed_at", models.DateTimeField(auto_now_add=True)),
                        ("status", models.CharField(choices=[("open", "Ter vaststelling"), ("adopted", "Vastgesteld"), ("voided", "Vervallen")], default="open", max_length=10)),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        ("voided_by_revision", models.PositiveIntegerField(blank=True, null=True)),
                        ("void_reason", models.CharField(blank=True, max_length=300)),
                        ("programme", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="rounds", to="programmes.programme")),
                        ("proposed_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "programmes_approvalround",
                        "ordering": ["-proposed_at", "-id"],
                        "constraints": [models.UniqueConstraint(condition=models.Q(("status", "open")), fields=("programme",), name="one_open_round_per_programme")],
                    },
                ),
                migrations.CreateModel(
                    name="Approval",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("party_id", models.CharField(max_length=64)),
                        ("party_name", models.CharField(max_length=300)),
                        ("decision", models.CharField(choices=[("approved", "Goedgekeurd"), ("rejected", "Afgewezen")], max_length=10)),
                        ("note", models.TextField(blank=True, max_length=2000)),
                        ("user_name", models.CharField(max_length=300)),
                        ("decided_at", models.DateTimeField()),
                        ("revision_hash", models.CharField(max_length=64)),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("round", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="approvals", to="agreeing.approvalround")),
                    ],
                    options={
                        "db_table": "programmes_approval",
                        "ordering": ["decided_at", "id"],
                        "constraints": [models.UniqueConstraint(fields=("round", "party_id"), name="one_decision_per_party")],
                    },
                ),
            ],
            database_operations=[],
        )
    ]
