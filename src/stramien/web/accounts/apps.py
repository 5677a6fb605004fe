from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "stramien.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
