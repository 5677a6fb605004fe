"""``stramien worker``: the process that runs the background tasks from the queue.

The queue is a table in the application's database (Django's task framework with the
``django_tasks_db`` backend), so the embedded default needs no other service: ``stramien
serve`` starts one worker beside itself. On PostgreSQL, any number of workers on any
number of machines take tasks from the same queue; a task is claimed by one of them under
a row lock.

A worker leaves nothing behind: it stops on SIGTERM and SIGINT (after the task in hand),
and ends itself when the server that started it is gone, even after a ``kill -9``. It
starts afresh (the same process, a new interpreter) after a number of tasks, so that its
memory cannot creep up over a long run. What a vanished worker was doing is put back on
the queue by the next worker that starts.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import socket
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any, TextIO

from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus
from django_tasks.utils import get_random_id
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from stramien.render import limit_memory

log = logging.getLogger("stramien.worker")

#: Tasks a worker runs before it starts afresh (its memory back to where it began);
#: ``STRAMIEN_WORKER_TASKS_PER_LIFE`` overrides it, 0 for never.
TASKS_PER_LIFE = 50
#: A task running longer than this on another machine is taken to be abandoned.
ABANDONED_AFTER = datetime.timedelta(minutes=15)
#: The drawn figures a worker keeps in memory, in bytes (the rest it reads from disk).
WORKER_FIGURE_MEMORY = 16 * 1024 * 1024
#: How often a worker looks for new tasks when the queue is empty, in seconds.
INTERVAL = 0.5


def worker_id() -> str:
    """Host and process in the id, so that the next worker on this machine can tell a task
    whose worker died (``kill -9``) from one that is still being run."""
    host = socket.gethostname()[:32]
    return f"{host}:{os.getpid()}:{get_random_id()[:8]}"


def tasks_per_life() -> int:
    value = os.environ.get("STRAMIEN_WORKER_TASKS_PER_LIFE", "").strip()
    return int(value) if value.isdigit() else TASKS_PER_LIFE


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _abandoned(row: DBTaskResult[Any, Any], host: str, now: datetime.datetime) -> bool:
    last = (row.worker_ids or [""])[-1]
    parts = last.split(":")
    if len(parts) == 3 and parts[0] == host and parts[1].isdigit():
        return int(parts[1]) != os.getpid() and not _alive(int(parts[1]))
    started = row.started_at or row.enqueued_at
    return started is not None and now - started > ABANDONED_AFTER


def recover_abandoned() -> int:
    """Put the tasks of workers that are gone back on the queue; returns how many."""
    host = socket.gethostname()[:32]
    now = timezone.now()
    count = 0
    for row in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        if _abandoned(row, host, now):
            row.status = TaskResultStatus.READY
            row.started_at = None
            row.save(update_fields=["status", "started_at"])
            count += 1
    if count:
        log.warning("worker: %s task(s) of a vanished worker put back on the queue", count)
    return count


def run_queued(queue: str = "*") -> None:
    """Run every task that is ready now, in this process, then return (tests, commands)."""
    Worker(
        queue_names=[queue],
        interval=0,
        batch=True,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id(),
    ).run()


def _watch_parent(parent: int) -> None:
    """End this process as soon as ``parent`` is gone (it may have been killed outright)."""

    def watch() -> None:
        while True:
            if os.getppid() != parent or not _alive(parent):
                log.warning("worker: the server that started me is gone; stopping")
                os._exit(0)
            time.sleep(0.5)

    threading.Thread(target=watch, name="stramien-worker-parent", daemon=True).start()


def run_worker(
    queues: Sequence[str] = ("*",),
    *,
    parent: int | None = None,
    restart: Sequence[str] | None = None,
) -> int:
    """Run tasks until stopped. ``parent``: the pid of the server that started this worker.
    ``restart``: the command line to start afresh with after :func:`tasks_per_life` tasks."""
    if parent is not None:
        _watch_parent(parent)
    # What the worker renders is read from the disk cache by the web processes: in its own
    # memory it keeps no documents and few figures (see bench/bench_worker.py).
    limit_memory(documents=0, figures=WORKER_FIGURE_MEMORY)
    recover_abandoned()
    share = tasks_per_life()
    worker = Worker(
        queue_names=list(queues),
        interval=INTERVAL,
        batch=False,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=parent is None,
        max_tasks=share or None,
        worker_id=worker_id(),
    )
    worker.configure_signals()
    worker.run()
    if worker.running and restart:
        # Ended because it ran its share of tasks, not because it was told to stop.
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(restart[0], list(restart))
    return 0


def queue_overview(limit: int = 20) -> list[dict[str, object]]:
    """The newest tasks with their state, for ``stramien tasks``."""
    rows = DBTaskResult.objects.order_by("-enqueued_at")[:limit]
    return [
        {
            "id": str(row.id),
            "task": row.task_path.rsplit(".", 1)[-1],
            "queue": row.queue_name,
            "status": row.status,
            "enqueued": row.enqueued_at,
            "started": row.started_at,
            "finished": row.finished_at,
            # A task that is tried again is queued anew with its attempt's number.
            "attempt": (row.args_kwargs or {}).get("kwargs", {}).get("attempt", 1),
            "args": (row.args_kwargs or {}).get("args", []),
            "error": (row.traceback or "").strip().splitlines()[-1:] if row.traceback else [],
        }
        for row in rows
    ]


#: The states of a task as the user reads them.
STATES = {"READY": "wacht", "RUNNING": "bezig", "SUCCESSFUL": "klaar", "FAILED": "mislukt"}


def write_overview(rows: list[dict[str, object]], fmt: str, out: TextIO) -> None:
    """Write :func:`queue_overview` as text (one line a task, in Dutch) or as JSON."""
    if fmt == "json":
        out.write(json.dumps(rows, default=str, ensure_ascii=False, indent=2) + "\n")
        return
    if not rows:
        out.write("Er staan geen achtergrondtaken in de wachtrij.\n")
        return
    for row in rows:
        when = row["finished"] or row["started"] or row["enqueued"]
        stamp = when.strftime("%Y-%m-%d %H:%M:%S") if isinstance(when, datetime.datetime) else ""
        errors = row["error"]
        error = f"  ({errors[0]})" if isinstance(errors, list) and errors else ""
        state = STATES.get(str(row["status"]), str(row["status"]))
        out.write(
            f"{stamp}  {state:<8} {row['task']} {row['args']}, poging {row['attempt']}{error}\n"
        )
