"""The Measurement and PeriodLock tables of the monitoring app."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('programmes', '0005_role_monitor'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Measurement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('indicator_id', models.CharField(max_length=64)),
                ('period', models.CharField(max_length=10)),
                ('dimensions', models.JSONField(blank=True, default=dict)),
                ('value', models.DecimalField(blank=True, decimal_places=6, max_digits=24, null=True)),
                ('numerator', models.DecimalField(blank=True, decimal_places=6, max_digits=24, null=True)),
                ('denominator', models.DecimalField(blank=True, decimal_places=6, max_digits=24, null=True)),
                ('explanation', models.TextField(blank=True, max_length=2000)),
                ('status', models.CharField(choices=[('concept', 'Concept'), ('submitted', 'Ingediend'), ('approved', 'Goedgekeurd'), ('returned', 'Teruggestuurd')], default='concept', max_length=10)),
                ('entered_at', models.DateTimeField()),
                ('submitted_at', models.DateTimeField(blank=True, null=True)),
                ('reviewed_at', models.DateTimeField(blank=True, null=True)),
                ('review_note', models.TextField(blank=True, max_length=2000)),
                ('client_key', models.CharField(blank=True, max_length=120)),
                ('entered_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('evidence', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='measurements', to='programmes.attachment')),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='measurements', to='programmes.programme')),
                ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('supersedes', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='superseded_by', to='monitoring.measurement')),
            ],
            options={
                'ordering': ['indicator_id', 'period', 'id'],
                'indexes': [models.Index(fields=['programme', 'indicator_id', 'period'], name='monitoring__program_4dffc9_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('client_key', ''), _negated=True), fields=('programme', 'client_key'), name='one_measurement_per_client_key')],
            },
        ),
        migrations.CreateModel(
            name='PeriodLock',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('indicator_id', models.CharField(max_length=64)),
                ('period', models.CharField(max_length=10)),
                ('locked_at', models.DateTimeField()),
                ('locked_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='period_locks', to='programmes.programme')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('programme', 'indicator_id', 'period'), name='one_lock_per_period')],
            },
        ),
    ]
