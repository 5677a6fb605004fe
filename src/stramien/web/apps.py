from django.apps import AppConfig


class WebConfig(AppConfig):
    """Holds the shared templates, static files and translations."""

    name = "stramien.web"
    label = "stramien_web"
    verbose_name = "Stramien"
