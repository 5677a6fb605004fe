"""The audit trail moves to the audit app, approval rounds to the agreeing app, invitations
come here from accounts. Only Django's picture of the models changes: every table keeps its
name and its rows."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0003_head_document_lz4"),
        ("accounts", "0003_invitation_to_programmes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Approval"),
                migrations.DeleteModel(name="ApprovalRound"),
                migrations.DeleteModel(name="AuditEntry"),
                migrations.CreateModel(
                    name="Invitation",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("email", models.EmailField(max_length=254)),
                        ("name", models.CharField(blank=True, max_length=200)),
                        ("role", models.CharField(choices=[("regisseur", "Procesregisseur"), ("partner", "Partner"), ("lezer", "Lezer")], max_length=20)),
                        ("party_id", models.CharField(blank=True, max_length=64)),
                        ("token_hash", models.CharField(max_length=64, unique=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("expires_at", models.DateTimeField()),
                        ("accepted_at", models.DateTimeField(blank=True, null=True)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        ("accepted_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("created_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("programme", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="invitations", to="programmes.programme")),
                    ],
                    options={"db_table": "accounts_invitation", "ordering": ["-created_at"]},
                ),
            ],
            database_operations=[],
        )
    ]
