"""The switch for e-mail when someone else changes one's organisation card."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_reminder_preference"),
    ]

    operations = [
        migrations.AddField(
            model_name="notificationpreference",
            name="card_changes_enabled",
            field=models.BooleanField(default=True),
        ),
    ]
