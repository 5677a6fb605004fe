"""``stramien demo`` and ``stramien serve``: set up the data folder, migrate, serve."""

from __future__ import annotations

import sys

from .process import configure, enable_prerender, tune_gc

__all__ = ["configure", "enable_prerender", "manage", "prepare", "run_demo", "run_serve", "tune_gc"]


def prepare() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def serve(host: str, port: int, threads: int = 8) -> None:
    from waitress import serve as waitress_serve

    from stramien.web.publication.prerender import PRERENDER
    from stramien.web.wsgi import application  # also tunes the garbage collector

    try:
        waitress_serve(application, host=host, port=port, threads=threads, ident="Stramien")
    finally:
        PRERENDER.stop()  # do not let a render in progress hold up the exit


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


def run_serve(host: str, port: int, data_dir: str | None, threads: int) -> int:
    configure(data_dir)
    enable_prerender()
    prepare()
    print(f"Stramien luistert op http://{host}:{port}/", flush=True)
    try:
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
