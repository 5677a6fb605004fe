"""Setting up a process that runs the web application: the data folder, the secret key,
Django, rendering ahead and the garbage collector. Used by ``stramien serve``/``demo`` and
by the WSGI entry point alike."""

from __future__ import annotations

import contextlib
import gc
import os
import secrets
from pathlib import Path


def configure(data_dir: str | None = None) -> Path:
    """Point Django at our settings and the data folder; make a secret key once per folder."""
    folder = Path(data_dir or os.environ.get("STRAMIEN_DATA_DIR", "stramien-data")).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["STRAMIEN_DATA_DIR"] = str(folder)
    # Drawn figures and finished documents are kept by content hash, so a restarted server
    # does not make them again.
    if "STRAMIEN_RENDER_CACHE_DIR" not in os.environ:
        legacy = os.environ.get("STRAMIEN_FIGURE_CACHE_DIR")
        os.environ["STRAMIEN_RENDER_CACHE_DIR"] = legacy or str(folder / "render-cache")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stramien.web.settings")
    if not os.environ.get("SECRET_KEY"):
        key_file = folder / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
            with contextlib.suppress(OSError):  # Windows has no such modes
                key_file.chmod(0o600)
        os.environ["SECRET_KEY"] = key_file.read_text(encoding="utf-8").strip()
    import django

    django.setup()
    return folder


def enable_prerender() -> None:
    """In a serving process: make each new version's PDF right after the save, unless
    STRAMIEN_PRERENDER says otherwise (see stramien.web.publication.prerender). Commands
    such as ``stramien import`` leave it off: they would wait for the renders at exit."""
    os.environ.setdefault("STRAMIEN_PRERENDER", "pdf")


def tune_gc() -> None:
    """Fewer full garbage collections for a long-running server.

    A save handles a 250 KB document (tens of thousands of objects), so CPython's default
    thresholds start a collection of the whole heap every few requests; on a big heap that
    pauses a request for about 100 ms (bench/bench_web.py: p95 150 ms with the defaults,
    34 ms with these). Objects made while starting up are frozen out of the collections.
    """
    gc.freeze()
    gc.set_threshold(50_000, 50, 1000)
