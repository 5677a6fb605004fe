"""``stramien demo`` and ``stramien serve``: set up the data folder, migrate, serve."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from .process import configure, enable_prerender, tune_gc

__all__ = [
    "configure",
    "enable_prerender",
    "manage",
    "prepare",
    "run_demo",
    "run_serve",
    "run_worker",
    "show_tasks",
    "tune_gc",
]


def prepare() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def serve(host: str, port: int, threads: int = 8) -> None:
    """One process: waitress with ``threads`` threads (any OS)."""
    from waitress import serve as waitress_serve

    from stramien.web.wsgi import application  # also tunes the garbage collector

    previous = _stop_on_terminate()
    try:
        waitress_serve(application, host=host, port=port, threads=threads, ident="Stramien")
    finally:
        signal.signal(signal.SIGTERM, previous)


def _worker_wanted() -> bool:
    """Whether there is background work for a worker: rendering ahead is switched on."""
    from stramien.web.publication.prerender import PRERENDER

    return bool(PRERENDER.formats)


@contextmanager
def background_worker(wanted: bool = True) -> Iterator[subprocess.Popen[bytes] | None]:
    """A ``stramien worker`` process beside the server, for as long as the server runs.

    It watches this process and ends itself when it is gone, also after a ``kill -9``;
    a normal stop ends it here (SIGTERM, then SIGKILL after 10 seconds).
    """
    if not wanted or not _worker_wanted():
        yield None
        return
    from django.db import connections

    connections.close_all()  # nothing of this process's connection reaches the child
    child = subprocess.Popen(
        [sys.executable, "-m", "stramien.cli", "worker", "--parent", str(os.getpid())]
    )
    try:
        yield child
    finally:
        _stop_child(child)


def _stop_child(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait(timeout=10)


def _stop_on_terminate() -> Any:
    """SIGTERM ends the server as Ctrl+C does, so that the ``finally`` clauses run and the
    background worker is stopped with it."""

    def stop(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, stop)


def default_workers() -> int:
    """One worker process per core."""
    return max(1, os.cpu_count() or 1)


def can_fork_workers() -> bool:
    """Whether several worker processes are possible here (gunicorn: not on Windows)."""
    return importlib.util.find_spec("gunicorn") is not None and sys.platform != "win32"


def serve_workers(host: str, port: int, workers: int, threads: int) -> None:
    """``workers`` processes behind one socket (gunicorn), each with ``threads`` threads.

    SIGTERM stops gracefully (requests in progress finish), SIGINT at once.
    """
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from stramien.web.wsgi import application

    # The workers are forks of this process: none may share its database connection.
    connections.close_all()

    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "graceful_timeout": 30,
        "timeout": 120,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "stramien",
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> Any:
            return application

    Server().run()


def run_demo(host: str, port: int, data_dir: str | None, *, worker: bool = True) -> int:
    folder = configure(data_dir or "stramien-demo")
    enable_prerender()
    prepare()
    from stramien.web.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo

    result = create_demo()
    shown_host = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    print(f"Stramien-demo met '{result['programme'].name}' (gegevens in {folder})")
    print(f"Open http://{shown_host}:{port}/ en log in als:")
    for username, name, role, _party in DEMO_ACCOUNTS:
        print(f"  {username:<10} wachtwoord {DEMO_PASSWORD}   ({name}, {role})")
    print("Stoppen met Ctrl+C.", flush=True)
    try:
        with background_worker(worker):
            serve(host, port)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 0
    return 0


def run_serve(
    host: str,
    port: int,
    data_dir: str | None,
    threads: int,
    workers: int | None = None,
    *,
    worker: bool = True,
) -> int:
    configure(data_dir)
    enable_prerender()
    prepare()
    count = default_workers() if workers is None else workers
    if count > 1 and not can_fork_workers():
        print(
            "Meerdere werkprocessen kunnen op dit besturingssysteem niet; Stramien draait in "
            f"één proces met {threads} threads.",
            file=sys.stderr,
        )
        count = 1
    shown = f"{count} werkprocessen" if count > 1 else "1 proces"
    print(f"Stramien luistert op http://{host}:{port}/ ({shown})", flush=True)
    try:
        with background_worker(worker):
            if count > 1:
                serve_workers(host, port, count, threads)
            else:
                serve(host, port, threads)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 0
    return 0


def run_worker(data_dir: str | None, queues: Sequence[str], parent: int | None) -> int:
    """``stramien worker``: run background tasks until stopped (see stramien.web.worker)."""
    configure(data_dir)  # also the document cache the server reads
    tune_gc()
    from stramien.web import worker

    restart = [sys.executable, "-m", "stramien.cli", *sys.argv[1:]]
    return worker.run_worker(queues or ["*"], parent=parent, restart=restart)


def show_tasks(data_dir: str | None, limit: int, fmt: str, out: TextIO) -> int:
    """``stramien tasks``: the newest background tasks and their state."""
    configure(data_dir)
    from stramien.web.worker import queue_overview, write_overview

    write_overview(queue_overview(limit), fmt, out)
    return 0


def manage(argv: list[str]) -> int:
    """``stramien manage ...``: Django's management commands (createsuperuser, ...)."""
    configure(None)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["stramien manage", *argv])
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(manage(sys.argv[1:]))
