from django.apps import AppConfig


class EffectsConfig(AppConfig):
    """The effect measurement (§4.2): price lists, cases with two scenarios, and results."""

    name = "stramien.web.effects"
    label = "effects"
    verbose_name = "Effectmeting"
    default_auto_field = "django.db.models.BigAutoField"
