"""Project tasks that work on a fresh machine with only Python 3.11+.

    python3 tasks.py demo   start the web application with a demo programme (SQLite)
    python3 tasks.py test   lint, type-check and run the whole test suite

Each task first makes (or refreshes) a virtual environment in .venv with the project
and its development tools installed, so nothing else needs to be set up by hand.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / "stramien-install.stamp"


def _install_fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> None:
    """Create .venv and install the project when it is missing or pyproject.toml changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py may be started by an older Python
        sys.exit("Stramien heeft Python 3.11 of nieuwer nodig.")
    if not PYTHON.exists():
        print("Virtuele omgeving maken in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    fingerprint = _install_fingerprint()
    if STAMP.exists() and STAMP.read_text() == fingerprint:
        return
    print("Stramien en ontwikkelgereedschap installeren ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True, cwd=ROOT)
    STAMP.write_text(fingerprint)


def run(*command: str) -> int:
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, cwd=ROOT).returncode


def demo() -> int:
    return run(str(BIN / "stramien"), "demo", *sys.argv[2:])


def test() -> int:
    """Lint, type-check, the whole suite on SQLite, then the database suites on PostgreSQL.

    The PostgreSQL run happens when STRAMIEN_TEST_POSTGRES holds a database URL (CI sets it),
    e.g. postgres://postgres@127.0.0.1:5432/postgres; the tests use a fresh test_* database.
    """
    python = str(PYTHON)
    for step in (
        (python, "-m", "ruff", "check", "src", "tests", "bench", "examples", "tasks.py"),
        (python, "-m", "mypy"),
        (python, "-m", "pytest", *sys.argv[2:]),
    ):
        status = run(*step)
        if status != 0:
            return status
    postgres = os.environ.get("STRAMIEN_TEST_POSTGRES", "")
    if not postgres:
        print("PostgreSQL-tests overgeslagen: STRAMIEN_TEST_POSTGRES is niet gezet.", flush=True)
        return 0
    os.environ["DATABASE_URL"] = postgres
    print("$ DATABASE_URL=" + postgres, flush=True)
    return run(python, "-m", "pytest", "tests/web", "tests/reliability", *sys.argv[2:])


TASKS = {"demo": demo, "test": test}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        print(__doc__)
        return 2
    ensure_environment()
    return TASKS[sys.argv[1]]()


if __name__ == "__main__":
    sys.exit(main())
