"""The table of the ``shared`` cache (settings.CACHES): the API's rate-limit counters, one
count for every process and machine that serves the same database."""

from typing import Any

from django.core.management import call_command
from django.db import migrations

TABLE = "stramien_shared_cache"


def create(apps: Any, schema_editor: Any) -> None:
    # Django's own command makes the table exactly as its database cache expects it, and
    # leaves a table that is there already alone.
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop(apps: Any, schema_editor: Any) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies: list[tuple[str, str]] = []
    operations = [migrations.RunPython(create, drop)]
