"""The background work of publishing, as tasks on Django's task framework.

Each new version of a programme is rendered ahead by :func:`prerender_head`, run by a
``stramien worker`` process (``stramien serve`` starts one beside itself; on PostgreSQL any
number may run on any number of machines and share the one queue in the database). A
failed render is tried again, a few times, with a growing pause; every attempt is a row
in the queue, so its state can be read (``stramien tasks``).
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import signal
import threading
from collections.abc import Iterator, Mapping
from typing import Any

from django.utils import timezone
from django_tasks import task

from stramien.model import Agreement
from stramien.render import FORMATS, document_on_disk, render, result_key
from stramien.web.programmes.models import Programme, Revision
from stramien.web.programmes.store import attachments_for

from .selectors import meta_for

log = logging.getLogger(__name__)

#: The queue the pre-render tasks go to (a worker can be limited to it).
QUEUE = "prerender"
#: How often a render is tried in all before it is given up on.
ATTEMPTS = 3
#: The pause before the second attempt; it doubles for each further attempt.
RETRY_SECONDS = 30
#: A render that takes longer than this is given up on (and tried again).
TIME_LIMIT_SECONDS = 600


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Raise TimeoutError in a task that hangs (in a worker's main thread, where Unix has
    an alarm clock; elsewhere the task runs without a limit)."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"het document was na {seconds} s nog niet klaar")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def render_head(programme_id: int, formats: list[str]) -> dict[str, Any]:
    """Render the programme's newest version in ``formats`` into the document cache.

    What is already on disk is not made again. Returns what was done, for the task's result.
    """
    programme = Programme.objects.filter(pk=programme_id).first()
    if programme is None or not programme.head_number:
        return {"programme": programme_id, "revision": None, "made": []}
    revision = Revision.objects.get(programme=programme, number=programme.head_number)
    agreement = Agreement.model_validate(programme.head_document)
    meta = meta_for(programme, revision, agreement)
    attachments: Mapping[str, bytes] = attachments_for(programme, agreement)
    made = []
    for fmt in formats:
        if fmt not in FORMATS:
            continue
        if document_on_disk(result_key(agreement, fmt, meta, attachments)):
            continue
        render(agreement, fmt, meta, attachments)
        made.append(fmt)
    return {"programme": programme_id, "revision": revision.number, "made": made}


@task(queue_name=QUEUE)
def prerender_head(programme_id: int, formats: list[str], attempt: int = 1) -> dict[str, Any]:
    """The task: :func:`render_head`, queued again with a pause when it fails."""
    try:
        with _time_limit(TIME_LIMIT_SECONDS):
            return render_head(programme_id, formats)
    except Exception:
        if attempt < ATTEMPTS:
            pause = RETRY_SECONDS * 2 ** (attempt - 1)
            log.warning(
                "prerender: programme %s failed (attempt %s of %s), again in %s s",
                programme_id,
                attempt,
                ATTEMPTS,
                pause,
            )
            later = timezone.now() + datetime.timedelta(seconds=pause)
            prerender_head.using(run_after=later).enqueue(
                programme_id, formats, attempt=attempt + 1
            )
        raise
