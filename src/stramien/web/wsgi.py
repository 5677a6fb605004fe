"""WSGI entry point for production servers (``stramien serve`` uses it too).

Any WSGI server can load ``stramien.web.wsgi:application``. The data folder and a secret key
are set up the same way as for ``stramien serve``: ``SECRET_KEY`` from the environment, or
one generated once and kept in the data folder (``STRAMIEN_DATA_DIR``). New versions are
queued to be rendered ahead (``STRAMIEN_PRERENDER``, default ``pdf``); run ``stramien
worker`` beside another WSGI server to do that work.
"""

import os

from django.core.wsgi import get_wsgi_application

from stramien.web.process import configure, enable_prerender, tune_gc

configure(None)
enable_prerender()
application = get_wsgi_application()

if os.environ.get("STRAMIEN_TUNE_GC", "1") != "0":
    tune_gc()
