"""Invitations belong to the programmes app now (they make members); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_notificationpreference"),
        ("programmes", "0003_head_document_lz4"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Invitation")],
            database_operations=[],
        )
    ]
