from django.apps import AppConfig


class ArchivesConfig(AppConfig):
    """Archives: a whole programme as one verifiable file, exported and imported."""

    name = "stramien.web.archives"
    label = "archives"
    verbose_name = "Archieven"
