"""``stramien demo`` and ``stramien serve``: set up the data folder, migrate, serve."""

from __future__ import annotations

import importlib.util
import os
import signal
import sys
from typing import Any

from .process import configure, enable_prerender, tune_gc

__all__ = [
    "configure",
    "enable_prerender",
    "manage",
    "prepare",
    "run_demo",
    "run_serve",
    "tune_gc",
]


def prepare() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def serve(host: str, port: int, threads: int = 8) -> None:
    """One process: waitress with ``threads`` threads (any OS)."""
    from waitress import serve as waitress_serve

    from stramien.web.publication.prerender import PRERENDER
    from stramien.web.wsgi import application  # also tunes the garbage collector

    previous = _stop_on_terminate()
    try:
        waitress_serve(application, host=host, port=port, threads=threads, ident="Stramien")
    finally:
        PRERENDER.stop()  # do not let a render in progress hold up the exit
        signal.signal(signal.SIGTERM, previous)


def _stop_on_terminate() -> Any:
    """SIGTERM ends the server as Ctrl+C does, so that the ``finally`` clauses run and the
    pre-render worker is stopped with it (the default action would leave it orphaned)."""

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

    SIGTERM stops gracefully (requests in progress finish), SIGINT at once; either way every
    worker stops its own pre-render process before it exits, so nothing is left running.
    """
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from stramien.web.wsgi import application

    # The workers are forks of this process: none may share its database connection.
    connections.close_all()

    def stop_prerender(*_args: Any) -> None:
        from stramien.web.publication.prerender import PRERENDER

        PRERENDER.stop()

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
        "worker_exit": lambda _server, _worker: stop_prerender(),
        "worker_int": lambda _worker: stop_prerender(),
        "worker_abort": lambda _worker: stop_prerender(),
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> Any:
            return application

    Server().run()


def run_demo(host: str, port: int, data_dir: str | None) -> int:
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
        serve(host, port)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 0
    return 0


def run_serve(
    host: str, port: int, data_dir: str | None, threads: int, workers: int | None = None
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
        if count > 1:
            serve_workers(host, port, count, threads)
        else:
            serve(host, port, threads)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 0
    return 0


def manage(argv: list[str]) -> int:
    """``stramien manage ...``: Django's management commands (createsuperuser, ...)."""
    configure(None)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["stramien manage", *argv])
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(manage(sys.argv[1:]))
