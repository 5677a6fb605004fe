from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """Publishing: documents of every version, made ahead; the public factsheet and feed."""

    name = "stramien.web.publication"
    label = "publication"
    verbose_name = "Publicatie"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
