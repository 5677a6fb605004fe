"""The background work runs as tasks on a queue in the database (issue 16, point 4): each
task is run once however many workers take from the queue, a failed render is tried again
later, what a vanished worker was doing goes back on the queue, and ``stramien tasks``
shows it all."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from stramien.render import _cache, clear_caches, set_cache_dir
from stramien.web import worker
from stramien.web.programmes import actions
from stramien.web.programmes.models import Programme
from stramien.web.publication import tasks
from stramien.web.publication.prerender import PRERENDER

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Any:
    folder = tmp_path / "render-cache"
    saved = (_cache.DIRECTORY._path, _cache.DIRECTORY._configured)
    set_cache_dir(folder)
    PRERENDER.configure(["html"])
    clear_caches()
    yield folder
    PRERENDER.configure(None)
    clear_caches()
    _cache.DIRECTORY._path, _cache.DIRECTORY._configured = saved


def rows() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.order_by("enqueued_at"))


def test_a_save_queues_one_task_however_often_it_is_asked(
    people: dict[str, Any], small_agreement: Any, cache_dir: Path
) -> None:
    programme = actions.create_programme(acting_user=people["regisseur"], agreement=small_agreement)
    PRERENDER.schedule(programme.pk)
    PRERENDER.schedule(programme.pk)
    waiting = [row for row in rows() if row.status == TaskResultStatus.READY]
    assert len(waiting) == 1
    assert waiting[0].args_kwargs["args"][0] == programme.pk

    assert PRERENDER.drain(timeout=300)
    (done,) = rows()
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == {"programme": programme.pk, "revision": 1, "made": ["html"]}
    # Asked again for the same version: nothing to make, the file is there.
    PRERENDER.schedule(programme.pk)
    assert PRERENDER.drain(timeout=300)
    assert rows()[-1].return_value["made"] == []


def test_a_failed_render_is_tried_again_later_and_then_given_up(
    people: dict[str, Any],
    small_agreement: Any,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    programme = actions.create_programme(acting_user=people["regisseur"], agreement=small_agreement)

    def broken(*_args: object) -> bytes:
        raise RuntimeError("typst is weg")

    monkeypatch.setattr(tasks, "render", broken)
    monkeypatch.setattr(tasks, "RETRY_SECONDS", 0)
    PRERENDER.schedule(programme.pk)
    for _ in range(tasks.ATTEMPTS + 1):
        PRERENDER.drain(timeout=300)
    attempts = rows()
    assert [row.status for row in attempts] == [TaskResultStatus.FAILED] * tasks.ATTEMPTS
    assert [row.args_kwargs["kwargs"].get("attempt", 1) for row in attempts] == [1, 2, 3]
    assert "typst is weg" in attempts[-1].traceback

    shown = io.StringIO()
    worker.write_overview(worker.queue_overview(), "text", shown)
    lines = shown.getvalue().splitlines()
    assert len(lines) == 3 and all("mislukt" in line for line in lines)
    assert "poging 3" in lines[0] and "RuntimeError: typst is weg" in lines[0]


def test_a_retry_waits_for_its_pause(
    people: dict[str, Any],
    small_agreement: Any,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    programme = actions.create_programme(acting_user=people["regisseur"], agreement=small_agreement)
    monkeypatch.setattr(tasks, "render", lambda *_args: (_ for _ in ()).throw(OSError("vol")))
    PRERENDER.schedule(programme.pk)
    PRERENDER.drain(timeout=300)
    PRERENDER.drain(timeout=300)  # the retry is not due yet: nothing runs
    failed, retry = rows()
    assert failed.status == TaskResultStatus.FAILED
    assert retry.status == TaskResultStatus.READY
    pause = (retry.run_after - failed.enqueued_at).total_seconds()
    assert pause >= tasks.RETRY_SECONDS - 1


def test_two_workers_share_the_queue_and_run_each_task_once(
    people: dict[str, Any], cache_dir: Path
) -> None:
    # Programmes that do not exist make quick tasks; what counts is who ran them.
    for programme_id in range(10**6, 10**6 + 12):
        tasks.prerender_head.enqueue(programme_id, ["html"])

    def work() -> None:
        try:
            worker.run_queued()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    done = rows()
    assert len(done) == 12
    assert {row.status for row in done} == {TaskResultStatus.SUCCESSFUL}
    assert all(len(row.worker_ids) == 1 for row in done)  # claimed once, run once


def test_the_task_of_a_vanished_worker_goes_back_on_the_queue(
    people: dict[str, Any], small_agreement: Any, cache_dir: Path
) -> None:
    programme: Programme = actions.create_programme(
        acting_user=people["regisseur"], agreement=small_agreement
    )
    PRERENDER.schedule(programme.pk)
    (row,) = rows()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(gone.stdout)
    host = worker.worker_id().split(":")[0]
    row.claim(f"{host}:{dead_pid}:abcdefgh")  # as a worker that was then killed
    assert rows()[0].status == TaskResultStatus.RUNNING
    # A worker that is alive keeps its task.
    alive = rows()[0]
    assert worker.recover_abandoned() == 1
    again = rows()[0]
    assert again.id == alive.id and again.status == TaskResultStatus.READY
    assert PRERENDER.drain(timeout=300)
    assert rows()[0].status == TaskResultStatus.SUCCESSFUL


def test_a_running_task_of_a_live_worker_is_left_alone(
    people: dict[str, Any], cache_dir: Path
) -> None:
    tasks.prerender_head.enqueue(10**6, ["html"])
    (row,) = rows()
    row.claim(worker.worker_id())  # this process: alive
    assert worker.recover_abandoned() == 0
    assert rows()[0].status == TaskResultStatus.RUNNING


def test_the_overview_as_json(people: dict[str, Any], cache_dir: Path) -> None:
    tasks.prerender_head.enqueue(10**6, ["pdf"])
    shown = io.StringIO()
    worker.write_overview(worker.queue_overview(), "json", shown)
    (row,) = json.loads(shown.getvalue())
    assert row["status"] == "READY" and row["task"] == "prerender_head"
    assert row["args"] == [10**6, ["pdf"]] and row["attempt"] == 1
    empty = io.StringIO()
    worker.write_overview([], "text", empty)
    assert empty.getvalue() == "Er staan geen achtergrondtaken in de wachtrij.\n"


def test_a_render_that_hangs_is_stopped_and_tried_again(
    people: dict[str, Any],
    small_agreement: Any,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    programme = actions.create_programme(acting_user=people["regisseur"], agreement=small_agreement)
    monkeypatch.setattr(tasks, "render", lambda *_args: time.sleep(30))
    monkeypatch.setattr(tasks, "TIME_LIMIT_SECONDS", 1)
    PRERENDER.schedule(programme.pk)
    started = time.monotonic()
    PRERENDER.drain(timeout=300)
    assert time.monotonic() - started < 20
    failed, retry = rows()
    assert failed.status == TaskResultStatus.FAILED
    assert "na 1 s nog niet klaar" in failed.traceback
    assert retry.status == TaskResultStatus.READY
