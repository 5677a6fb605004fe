"""The monitor role (a data owner who enters measurements)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0004_models_to_their_apps'),
    ]

    operations = [
        migrations.AlterField(
            model_name='invitation',
            name='role',
            field=models.CharField(choices=[('regisseur', 'Procesregisseur'), ('partner', 'Partner'), ('monitor', 'Monitor'), ('lezer', 'Lezer')], max_length=20),
        ),
        migrations.AlterField(
            model_name='membership',
            name='role',
            field=models.CharField(choices=[('regisseur', 'Procesregisseur'), ('partner', 'Partner'), ('monitor', 'Monitor'), ('lezer', 'Lezer')], max_length=20),
        ),
    ]
