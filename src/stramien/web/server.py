"""``stramien demo`` and ``stramien serve``: set up the data folder, migrate, serve."""

from __future__ import annotations

import contextlib
import gc
import os
import secrets
import sys
from pathlib import Path


def configure(data_dir: str | None = None) -> Path:
    """Point Django at our settings and the data folder; make a secret key once per folder."""
    folder = Path(data_dir or os.environ.get("STRAMIEN_DATA_DIR", "stramien-data")).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["STRAMIEN_DATA_DIR"] = str(folder)
    # Drawn figures and finished documents are kept by content hash, so a restarted server
    # does not make them again.
    if "STRAMIEN_RENDER_CACHE_DIR" not in os.environ:
        legacy = os.environ.get("STRAMIEN_FIGURE_CACHE_DIR")
        os.environ["STRAMIEN_RENDER_CACHE_DIR"] = legacy or str(folder / "render-cache")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stramien.web.settings")
    if not os.environ.get("SECRET_KEY"):
        key_file = folder / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
            with contextlib.suppress(OSError):  # Windows has no such modes
                key_file.chmod(0o600)
        os.environ["SECRET_KEY"] = key_file.read_text(encoding="utf-8").strip()
    import django

    django.setup()
    return folder


def enable_prerender() -> None:
    """In a serving process: make each new version's PDF right after the save, unless
    STRAMIEN_PRERENDER says otherwise (see stramien.web.publication.prerender). Commands
    such as ``stramien import`` leave it off: they would wait for the renders at exit."""
    os.environ.setdefault("STRAMIEN_PRERENDER", "pdf")


def tune_gc() -> None:
    """Fewer full garbage collections for a long-running server.

    A save handles a 250 KB document (tens of thousands of objects), so CPython's default
    thresholds start a collection of the whole heap every few requests; on a big heap that
    pauses a request for about 100 ms (bench/bench_web.py: p95 150 ms with the defaults,
    34 ms with these). Objects made while starting up are frozen out of the collections.
    """
    gc.freeze()
    gc.set_threshold(50_000, 50, 1000)


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
