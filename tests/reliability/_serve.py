"""``stramien serve`` in a process of its own: start it on a free port, stop it, kill it.

Standard library only (the benchmark uses it too). The server runs in a session of its own,
so that a kill reaches its render worker as well; only that process group is ever signalled.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

#: How long a server may take to migrate, collect its static files and start listening.
START_SECONDS = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def database_url(settings: dict[str, object]) -> str:
    """A DATABASE_URL for Django database settings (the test database of this run)."""
    engine = str(settings["ENGINE"])
    name = str(settings["NAME"])
    if engine.endswith("sqlite3"):
        return "sqlite:///" + str(Path(name).resolve())
    if engine.endswith("postgresql"):
        user = quote(str(settings.get("USER") or ""), safe="")
        password = quote(str(settings.get("PASSWORD") or ""), safe="")
        auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = str(settings.get("HOST") or "127.0.0.1")
        port = str(settings.get("PORT") or "5432")
        return f"postgres://{auth}{host}:{port}/{quote(name, safe='')}"
    raise ValueError(f"database engine {engine} is not supported here")


def server_environment(
    data_dir: Path, *, database: str | None, prerender: bool = False, **extra: str
) -> dict[str, str]:
    """The environment of a server process: its data folder and database, nothing inherited
    that would point it elsewhere."""
    env = dict(os.environ)
    for name in ("DATABASE_URL", "STRAMIEN_DATA_DIR", "DJANGO_SETTINGS_MODULE", "SECRET_KEY"):
        env.pop(name, None)
    if database:
        env["DATABASE_URL"] = database
    env["STRAMIEN_PRERENDER"] = "pdf" if prerender else "0"
    env["STRAMIEN_RENDER_CACHE_DIR"] = str(data_dir / "render-cache") if prerender else ""
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def run_stramien(
    args: list[str], env: dict[str, str], *, timeout: float = 60.0, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``stramien ARGS`` as a command of its own (``python -m stramien.cli``)."""
    return subprocess.run(
        [sys.executable, "-m", "stramien.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class Server:
    """One ``stramien serve`` process; its output goes to ``log_path``."""

    def __init__(
        self, data_dir: Path, env: dict[str, str], *, threads: int = 8, workers: int = 1
    ) -> None:
        self.data_dir = data_dir
        self.env = env
        self.threads = threads
        self.workers = workers
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = data_dir / "server.log"
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, port: int | None = None) -> Server:
        self.port = port or free_port()
        self.starts += 1
        log = self.log_path.open("ab")
        log.write(f"\n=== start {self.starts} on port {self.port} ===\n".encode())
        log.flush()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "stramien.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--data",
                str(self.data_dir),
                "--threads",
                str(self.threads),
                "--workers",
                str(self.workers),
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self._wait_until_listening()
        return self

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped while starting:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/account/inloggen/", timeout=5) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"the server did not start within {START_SECONDS} s:\n{self.log()}")

    def kill(self) -> None:
        """SIGKILL: the server and its render worker stop at once, mid-request."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        """A normal stop (SIGTERM), a kill when it does not go within ten seconds."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            self.kill()
        self.process = None

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def tracebacks(self) -> list[str]:
        """Every Python traceback the server wrote (a request that crashed, a worker that did)."""
        found = []
        lines = self.log().splitlines()
        for index, line in enumerate(lines):
            if line.startswith("Traceback (most recent call last)"):
                found.append("\n".join(lines[max(0, index - 2) : index + 40]))
        return found
