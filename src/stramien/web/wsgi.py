"""WSGI entry point for production servers (``stramien serve`` uses it too).

Any WSGI server can load ``stramien.web.wsgi:application``. The data folder and a secret key
are set up the same way as for ``stramien serve``: ``SECRET_KEY`` from the environment, or
one generated once and kept in the data folder (``STRAMIEN_DATA_DIR``).
"""

import os

from django.core.wsgi import get_wsgi_application

from stramien.web.server import configure, tune_gc

configure(None)
application = get_wsgi_application()

if os.environ.get("STRAMIEN_TUNE_GC", "1") != "0":
    tune_gc()
