"""Render every new version in the background, so its download is ready when asked for.

After a save, a restore or an adoption commits, :func:`schedule` notes the programme.
One thread of the web process takes the noted programmes one at a time, reads the head
version and hands it to a worker process (``stramien.render.background``), which renders
it into the shared document cache. A download of that version then reads the finished
file instead of waiting for typst and the chart engine (seconds for a large programme);
a download asked for while its document is being made waits for it instead of making
it a second time (:func:`wait_for`).

Only the newest version matters: a programme noted again before its turn is rendered
once. Failures are logged and change nothing: the download then renders itself, and
tells the user when that fails.

Switched on by ``STRAMIEN_PRERENDER`` (formats, comma-separated; ``stramien serve`` and
``stramien demo`` set ``pdf``; empty or ``0``: off). It needs the disk cache
(``STRAMIEN_RENDER_CACHE_DIR``), where the worker leaves its files.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from django.db import connections, transaction

from stramien.model import Agreement
from stramien.render import FORMATS, cache_directory, document_on_disk, result_key
from stramien.render.background import render_into_cache, start_worker
from stramien.render.blocks import RevisionMeta
from stramien.web.programmes.models import Programme, Revision
from stramien.web.programmes.store import attachments_for

from .selectors import meta_for

log = logging.getLogger(__name__)

ENV = "STRAMIEN_PRERENDER"
# A job that takes longer than this is given up on (the worker is then replaced).
_JOB_TIMEOUT_SECONDS = 600
# The worker is replaced after this many jobs, so that its memory cannot creep up.
_JOBS_PER_WORKER = 200


def formats_from_environment() -> list[str]:
    value = os.environ.get(ENV, "").strip().lower()
    if value in ("", "0", "off", "nee", "no", "false"):
        return []
    return [fmt for fmt in (part.strip() for part in value.split(",")) if fmt in FORMATS]


class Prerenderer:
    """The queue of programmes to render, its thread and its worker process."""

    def __init__(self) -> None:
        self._formats: list[str] | None = None
        self._pending: dict[int, None] = {}  # programme ids, oldest first
        self._busy = False
        self._in_flight: dict[str, threading.Event] = {}
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._stopping = False  # the server is going down: a broken render is no news

    # -- configuration -----------------------------------------------------------------
    def configure(self, formats: list[str] | None) -> None:
        """Render these formats (``None``: read ``STRAMIEN_PRERENDER`` again)."""
        with self._condition:
            self._formats = None if formats is None else [f for f in formats if f in FORMATS]

    @property
    def formats(self) -> list[str]:
        with self._condition:
            if self._formats is None:
                self._formats = formats_from_environment()
            formats = list(self._formats)
        return formats if cache_directory() is not None else []

    # -- the queue ---------------------------------------------------------------------
    def schedule(self, programme_id: int) -> None:
        """Render the programme's newest version soon (call after the commit)."""
        if not self.formats:
            return
        with self._condition:
            self._pending.pop(programme_id, None)
            self._pending[programme_id] = None
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="stramien-prerender", daemon=True
                )
                self._thread.start()
            self._condition.notify_all()

    def wait_for(
        self,
        agreement: Agreement,
        fmt: str,
        meta: RevisionMeta | None,
        attachments: Mapping[str, bytes],
        timeout: float = _JOB_TIMEOUT_SECONDS,
    ) -> None:
        """If exactly this document is being made right now, wait until it is done."""
        with self._condition:
            if not self._in_flight:
                return
        key = result_key(agreement, fmt, meta, attachments)
        with self._condition:
            event = self._in_flight.get(key)
        if event is not None:
            event.wait(timeout)

    def drain(self, timeout: float | None = None) -> bool:
        """Wait until nothing is queued or being made; False when ``timeout`` ran out."""
        with self._condition:
            return self._condition.wait_for(
                lambda: not self._pending and not self._busy, timeout=timeout
            )

    def shutdown(self) -> None:
        """Stop the worker process (the thread ends with the process)."""
        with self._condition:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    # -- the thread --------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: bool(self._pending))
                programme_id = next(iter(self._pending))
                del self._pending[programme_id]
                self._busy = True
            try:
                self._render_head(programme_id)
            except Exception:
                if self._stopping:
                    log.info("prerender: programme %s not rendered, the server stops", programme_id)
                else:
                    log.exception("prerender: programme %s could not be rendered", programme_id)
            finally:
                # The thread waits long between jobs: it keeps no database connection open.
                connections.close_all()
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()

    def _render_head(self, programme_id: int) -> None:
        programme = Programme.objects.filter(pk=programme_id).first()
        if programme is None or not programme.head_number:
            return
        revision = Revision.objects.get(programme=programme, number=programme.head_number)
        document = programme.head_document
        agreement = Agreement.model_validate(document)
        meta = meta_for(programme, revision, agreement)
        attachments = attachments_for(programme, agreement)
        for fmt in self.formats:
            key = result_key(agreement, fmt, meta, attachments)
            if document_on_disk(key):
                continue
            self._make(key, document, fmt, meta, attachments)

    def _make(
        self,
        key: str,
        document: Mapping[str, Any],
        fmt: str,
        meta: RevisionMeta,
        attachments: Mapping[str, bytes],
    ) -> None:
        event = threading.Event()
        with self._condition:
            self._in_flight[key] = event
        try:
            future = self._worker().submit(render_into_cache, document, fmt, meta, attachments)
            future.result(timeout=_JOB_TIMEOUT_SECONDS)
        except (TimeoutError, BrokenProcessPool):
            self._discard_worker()  # stuck or died: the next job gets a new one
            raise
        finally:
            with self._condition:
                self._in_flight.pop(key, None)
            event.set()

    def stop(self) -> None:
        """End the worker process now, also in the middle of a job (when the server stops)."""
        self._stopping = True
        self._discard_worker()

    def _discard_worker(self) -> None:
        with self._condition:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()

    def _worker(self) -> ProcessPoolExecutor:
        with self._condition:
            if self._pool is None:
                directory = cache_directory()
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    # A fresh interpreter: never a fork of a threaded web server.
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=start_worker,
                    initargs=(str(directory),),
                    max_tasks_per_child=_JOBS_PER_WORKER,
                )
            return self._pool


#: The one queue of the process.
PRERENDER = Prerenderer()


def schedule(programme_id: int) -> None:
    PRERENDER.schedule(programme_id)


def schedule_after_commit(*, programme: Programme, **_signal: Any) -> None:
    """Receiver of ``revision_added`` and ``programme_adopted``: render the new head (or the
    adopted version, which now says *vastgesteld*) once the change has committed."""
    programme_id = programme.pk
    transaction.on_commit(lambda: PRERENDER.schedule(programme_id))
