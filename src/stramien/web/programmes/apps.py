from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "stramien.web.programmes"
    label = "programmes"
    verbose_name = "Programma's"
    default_auto_field = "django.db.models.BigAutoField"
