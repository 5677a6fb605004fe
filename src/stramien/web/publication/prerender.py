"""Render every new version in the background, so its download is ready when asked for.

After a save, a restore or an adoption commits, :func:`schedule` puts a task on the queue
(:mod:`stramien.web.publication.tasks`, Django's task framework with the queue in the
database). A ``stramien worker`` process takes it, renders the head version into the
shared document cache, and a download of that version then reads the finished file
instead of waiting for typst and the chart engine (seconds for a large programme). A
download asked for while its document is being made waits for it instead of making it a
second time (:func:`Prerenderer.wait_for`).

Only the newest version matters: a programme already waiting in the queue is not queued
twice, and a worker skips what is on disk. Failures are tried again (a few times) and
change nothing: the download then renders itself, and tells the user when that fails.

Switched on by ``STRAMIEN_PRERENDER`` (formats, comma-separated; ``stramien serve`` and
``stramien demo`` set ``pdf``; empty or ``0``: off). It needs the disk cache
(``STRAMIEN_RENDER_CACHE_DIR``), where the worker leaves its files.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django_tasks_db.models import DBTaskResult

from stramien.model import Agreement
from stramien.render import FORMATS, cache_directory, document_on_disk, result_key
from stramien.render.blocks import RevisionMeta
from stramien.web.programmes.models import Programme
from stramien.web.worker import run_queued

from .tasks import prerender_head

ENV = "STRAMIEN_PRERENDER"
# A download waits at most this long for a document being made in the background.
_WAIT_SECONDS = 600
_POLL_SECONDS = 0.1


def formats_from_environment() -> list[str]:
    value = os.environ.get(ENV, "").strip().lower()
    if value in ("", "0", "off", "nee", "no", "false"):
        return []
    return [fmt for fmt in (part.strip() for part in value.split(",")) if fmt in FORMATS]


def _tasks() -> Any:
    """The queue's rows of the pre-render task."""
    return DBTaskResult.objects.filter(task_path=prerender_head.module_path)


class Prerenderer:
    """Which formats to render ahead, and the queue's view of the pre-render tasks."""

    def __init__(self) -> None:
        self._formats: list[str] | None = None
        self._lock = threading.Lock()

    # -- configuration -----------------------------------------------------------------
    def configure(self, formats: list[str] | None) -> None:
        """Render these formats (``None``: read ``STRAMIEN_PRERENDER`` again)."""
        with self._lock:
            self._formats = None if formats is None else [f for f in formats if f in FORMATS]

    @property
    def formats(self) -> list[str]:
        with self._lock:
            if self._formats is None:
                self._formats = formats_from_environment()
            formats = list(self._formats)
        return formats if cache_directory() is not None else []

    # -- the queue ---------------------------------------------------------------------
    def schedule(self, programme_id: int) -> None:
        """Render the programme's newest version soon (call after the commit)."""
        formats = self.formats
        if not formats:
            return
        if _tasks().ready().filter(args_kwargs__args__0=programme_id).exists():
            return  # the worker reads the head when it gets to it: once is enough
        prerender_head.enqueue(programme_id, formats)

    def wait_for(
        self,
        programme_id: int,
        agreement: Agreement,
        fmt: str,
        meta: RevisionMeta | None,
        attachments: Mapping[str, bytes],
        timeout: float = _WAIT_SECONDS,
    ) -> None:
        """If a worker is making this programme's documents right now and this one is not on
        disk yet, wait until it is there or the worker is done with the programme."""

        def busy() -> bool:
            return bool(_tasks().running().filter(args_kwargs__args__0=programme_id).exists())

        if fmt not in self.formats or not busy():
            return
        key = result_key(agreement, fmt, meta, attachments)
        deadline = time.monotonic() + timeout
        while not document_on_disk(key) and time.monotonic() < deadline and busy():
            time.sleep(_POLL_SECONDS)

    def drain(self, timeout: float | None = None) -> bool:
        """Run what is queued now, here in this process, and wait for what other workers are
        running; False when ``timeout`` ran out. For tests and commands that must see the
        documents made before they go on."""
        deadline = None if timeout is None else time.monotonic() + timeout
        run_queued(queue=prerender_head.queue_name)
        while _tasks().running().exists():
            if deadline is not None and time.monotonic() > deadline:
                return False
            time.sleep(_POLL_SECONDS)
        return True


#: The one view of the queue in this process.
PRERENDER = Prerenderer()


def schedule(programme_id: int) -> None:
    PRERENDER.schedule(programme_id)


def schedule_after_commit(*, programme: Programme, **_signal: Any) -> None:
    """Receiver of ``revision_added`` and ``programme_adopted``: render the new head (or the
    adopted version, which now says *vastgesteld*) once the change has committed."""
    programme_id = programme.pk
    transaction.on_commit(lambda: PRERENDER.schedule(programme_id))
