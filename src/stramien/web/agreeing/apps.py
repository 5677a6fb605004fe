from django.apps import AppConfig


class AgreeingConfig(AppConfig):
    """Agreeing on a version: approval rounds bound to a revision hash, adoption."""

    name = "stramien.web.agreeing"
    label = "agreeing"
    verbose_name = "Vaststelling"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
