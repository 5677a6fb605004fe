from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit trail (Logboek): one row per state change, written by the action itself."""

    name = "stramien.web.audit"
    label = "audit"
    verbose_name = "Logboek"
    default_auto_field = "django.db.models.BigAutoField"
