from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    """Search, help pages and first steps: reading aids on top of the programmes."""

    name = "stramien.web.guidance"
    label = "guidance"
    verbose_name = "Hulp en zoeken"
    default_auto_field = "django.db.models.BigAutoField"
