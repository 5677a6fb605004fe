from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "stramien.web.programmes"
    label = "programmes"
    verbose_name = "Programma's"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import models, store

        models.read_heads_with(store.load_head)
