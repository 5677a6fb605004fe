from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    """Running the programme after the signature: measurements of the indicators."""

    name = "stramien.web.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring"
    default_auto_field = "django.db.models.BigAutoField"
