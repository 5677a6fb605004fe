"""The newest document is no longer kept whole on the programme row.

It is derived from the revisions (the newest snapshot and the patches after it) and cached
in each process by its content hash, so a one-field save writes a few hundred bytes instead
of the whole document. Every existing programme keeps its revisions, from which its newest
document is read as before; the column held only a copy.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("programmes", "0006_card_notice")]

    operations = [migrations.RemoveField(model_name="programme", name="head_document")]
