"""``stramien serve`` leaves nothing running when it is stopped (issue 16, points 1 and 4).

The server is started in a session of its own, with its background worker (``stramien
worker``) beside it; a save puts a render task on the queue, which the worker runs. Then
only the server's own process gets the signal (as a service manager or a terminal sends
it, or ``kill -9``), and every process of the session must be gone within seconds: the web
workers and the background worker.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from ._browser import Browser
from ._serve import Server, run_stramien, server_environment
from .test_kill9 import PASSWORD, USERNAME, fresh_database

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads the process table in /proc"
)


def session_processes(session: int) -> list[int]:
    """The processes (ids) of one session, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended while we looked
        # After the name: state, ppid, pgrp, session, ...
        if fields[0] != "Z" and int(fields[3]) == session:
            found.append(int(entry.name))
    return found


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_stopped_server_leaves_no_process(
    tmp_path: Path, workers: int, how: signal.Signals
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with fresh_database(tmp_path) as database:
        env = server_environment(data, database=database, prerender=True)
        server = Server(data, env, threads=4, workers=workers)
        server.start()
        assert server.process is not None
        session = server.process.pid
        try:
            made = run_stramien(
                ["manage", "createsuperuser", "--noinput"],
                {
                    **env,
                    "STRAMIEN_DATA_DIR": str(data),
                    "DJANGO_SUPERUSER_USERNAME": USERNAME,
                    "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
                    "DJANGO_SUPERUSER_EMAIL": "beheer@example.org",
                },
            )
            assert made.returncode == 0, made.stderr
            # The server, its web workers (when more than one) and the background worker.
            assert wait_for(
                lambda: len(session_processes(session)) == (2 if workers == 1 else 2 + workers),
                30,
            ), session_processes(session)
            browser = Browser(server.url)
            assert browser.log_in(USERNAME, PASSWORD).status == 302
            form = browser.get("/programmas/nieuw/").form_with("start")
            form.set("start", "template")
            form.set("template", "small")
            assert browser.submit(form, "/programmas/nieuw/").status == 302

            # The new version is rendered ahead by the background worker.
            def rendered() -> bool:
                shown = run_stramien(["tasks", "--format", "json", "--data", str(data)], env)
                return any(row["status"] == "SUCCESSFUL" for row in json.loads(shown.stdout))

            assert wait_for(rendered, 120), f"the worker rendered nothing\n{server.log()}"

            os.kill(session, how)  # the server's own process only, not its group
            assert wait_for(lambda: not session_processes(session), 30), (
                f"still running after {how.name}: {session_processes(session)}\n{server.log()}"
            )
            server.process.wait(timeout=5)
            server.process = None
            if how != signal.SIGKILL:  # a killed gunicorn cannot stop its workers cleanly
                assert server.tracebacks() == []
        finally:
            server.stop()
