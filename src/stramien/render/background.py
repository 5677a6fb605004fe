"""Rendering in a separate process, into the shared document cache.

A web application keeps a worker process that renders each new version of a programme
as soon as it is saved (``stramien.web.publication.prerender``); the download then reads
the finished file from the cache directory. A process of its own, because the chart
engine holds Python's global lock while it works: in a thread it would stall every
request of the web server. The worker stays alive between jobs, so it keeps typst's
layout of the previous version and lays out only what changed.

This module needs no Django: the worker imports only the renderer and the model.
"""

from __future__ import annotations

import signal
from collections.abc import Mapping
from typing import Any

from . import _cache
from .blocks import RevisionMeta


def start_worker(cache_dir: str) -> None:
    """Initialiser of the worker process: use the web application's cache directory.

    Ctrl+C in a terminal reaches the worker too; it leaves stopping to the web process,
    which ends the worker itself.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _cache.set_cache_dir(cache_dir)


def render_into_cache(
    document: Mapping[str, Any],
    fmt: str,
    meta: RevisionMeta | None,
    attachments: Mapping[str, bytes],
) -> None:
    """Render ``document`` (the agreement as JSON data) and leave it in the cache.

    Raises what validating or rendering raises; the caller logs it (a download renders
    again and shows the error to the user).
    """
    from stramien.model import Agreement

    from . import render

    render(Agreement.model_validate(document), fmt, meta, attachments)
