from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "stramien.web.api"
    label = "api"
    verbose_name = "API"
