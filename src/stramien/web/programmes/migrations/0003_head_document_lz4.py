"""On PostgreSQL 14+, compress the cached newest document with lz4 instead of pglz.

Every save rewrites this ~250 KB JSON value; lz4 makes that several milliseconds cheaper
(measured with bench/bench_web.py). Servers without lz4 keep the default; SQLite is untouched.
"""

from django.db import migrations, transaction


def use_lz4(apps, schema_editor):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or connection.pg_version < 140000:
        return
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE programmes_programme ALTER COLUMN head_document SET COMPRESSION lz4"
            )
    except Exception:  # a server built without lz4: the default compression stays
        return


class Migration(migrations.Migration):
    dependencies = [("programmes", "0002_approvalround_approval_and_more")]

    operations = [migrations.RunPython(use_lz4, migrations.RunPython.noop)]
