"""The audit trail's model, taken over from the programmes app with its table."""

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
                    name="AuditEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("action", models.CharField(max_length=60)),
                        ("revision_number", models.PositiveIntegerField(blank=True, null=True)),
                        ("details", models.JSONField(default=dict)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("programme", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="audit", to="programmes.programme")),
                    ],
                    options={
                        "db_table": "programmes_auditentry",
                        "ordering": ["-created_at", "-id"],
                        "indexes": [models.Index(fields=["programme", "created_at"], name="programmes__program_70b0c2_idx")],
                    },
                ),
            ],
            database_operations=[],
        )
    ]
