"""WSGI entry point for production servers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stramien.web.settings")
application = get_wsgi_application()

if os.environ.get("STRAMIEN_TUNE_GC", "1") != "0":
    from stramien.web.server import tune_gc

    tune_gc()
