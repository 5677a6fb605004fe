"""Content-addressed caches for the renderer: figures (SVG, PNG) and finished documents.

Both are outputs of pure functions: a figure of its input (the DOT source, the Vega-Lite
spec, the SVG and scale) and the engine that drew it; a document of the agreement, the
revision metadata, the attachments, the format and the renderer's code
(:func:`code_fingerprint`). :class:`ContentCache` keeps such outputs under a sha256 key:
in memory (least recently used out first, bounded in bytes) and, when a directory is
configured, on disk, so that a new process reuses what an earlier one made. The figures
and the documents have a memory budget each and share the one disk directory.

The directory is set by :func:`set_cache_dir` (a web application passes its own) or,
failing that, by the environment variable ``STRAMIEN_RENDER_CACHE_DIR`` (the older name
``STRAMIEN_FIGURE_CACHE_DIR`` is still read); without either nothing is written to disk.
The disk is only ever a cache:

* a file's name is the hex key plus a fixed suffix, so no input can choose a path; files
  are written to a temporary file in the directory and renamed into place (atomic, and a
  symbolic link at the target is replaced, never followed); files are read without
  following symbolic links;
* every file starts with a header naming the key and the sha256 of the payload; a file
  that is truncated, corrupt, for another key or unreadable is ignored (and replaced by
  a good one), and a directory that cannot be written only means no disk cache;
* the directory is kept under a size (``STRAMIEN_RENDER_CACHE_MAX_MB``, default 2048):
  when it grows past it, the entries used longest ago are removed until it is at 80 %.
  A read refreshes an entry's time at most once an hour.

Whoever can write to the directory can change the documents rendered after it, as with
any cache: give it the same protection as the documents themselves.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path

log = logging.getLogger(__name__)

ENV_DIR = "STRAMIEN_RENDER_CACHE_DIR"
#: Read when ``ENV_DIR`` is not set (its name from before documents were cached too).
LEGACY_ENV_DIR = "STRAMIEN_FIGURE_CACHE_DIR"
ENV_MAX_MB = "STRAMIEN_RENDER_CACHE_MAX_MB"
DEFAULT_MAX_BYTES = 2048 * 1024 * 1024
#: Bump when what is stored under a key changes without the engine version changing.
FORMAT = 1
_MAGIC = b"stramien-cache"
_SUFFIX = ".bin"
_TEMPORARY_PREFIX = ".tmp-"
_MEMORY_BYTES = 64 * 1024 * 1024
# Larger outputs are not kept in memory (they would push out everything else).
_MEMORY_ITEM_BYTES = 32 * 1024 * 1024
_HEX = frozenset("0123456789abcdef")
# Pruning brings the directory down to this share of its maximum.
_PRUNE_TO = 0.8
# A read marks an entry as used (its modification time) when that is older than this.
_TOUCH_AFTER_SECONDS = 3600
# Other processes write to the directory too: count its size afresh this often.
_RESCAN_SECONDS = 600
# Temporary files of a writer that died are removed after this long.
_STALE_TEMPORARY_SECONDS = 24 * 3600
# The engines whose versions decide what a document looks like (see code_fingerprint),
# the fallback fonts of the PDF among them (render/fonts.py).
_ENGINES = (
    "typst",
    "vl-convert-python",
    "graphviz-pure",
    "python-docx",
    "odfdo",
    "manimgx-fonts",
    "manimgx-fonts-cjk",
)


def digest(parts: Iterable[bytes | str]) -> str:
    """sha256 over ``parts``, each length-prefixed so that no two lists collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def is_key(key: str) -> bool:
    """Whether ``key`` is a sha256 hex digest (lower case), the only valid cache key."""
    return len(key) == 64 and _HEX.issuperset(key)


@functools.cache
def code_fingerprint() -> str:
    """sha256 over the renderer's own code and the versions of the engines it uses.

    Part of every document key on disk: a document made by another version of Stramien
    (or by a changed template during development) is never taken for the current one.
    """
    import importlib.metadata

    from stramien import __version__

    parts: list[bytes | str] = ["stramien", __version__]
    package = Path(__file__).resolve().parent
    # The renderer's modules (figures/ included) and the number and date formatting it uses;
    # and, for a concept's annex of open points, the checks and the model and revisions
    # code that names each place the way the forms do.
    sources = [p for p in package.rglob("*") if p.suffix in (".py", ".typ")]
    sources.append(package.parent / "formatting.py")
    for part in ("rules", "model", "revisions"):
        sources += (package.parent / part).rglob("*.py")
    try:
        for path in sorted(sources):
            parts += [path.relative_to(package.parent).as_posix(), path.read_bytes()]
    except OSError as exc:  # pragma: no cover - an installation without its files
        log.debug("render cache: cannot read %s: %s", package, exc)
        parts.append(f"unreadable {os.getpid()} {time.time_ns()}")
    for engine in _ENGINES:
        try:
            parts += [engine, importlib.metadata.version(engine)]
        except importlib.metadata.PackageNotFoundError:  # pragma: no cover
            parts += [engine, "missing"]
    return digest(parts)


class LruBytes:
    """A thread-safe least-recently-used map of str -> bytes, bounded in total bytes."""

    def __init__(self, max_bytes: int, max_item_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.max_item_bytes = max_item_bytes
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: bytes) -> None:
        if len(value) > self.max_item_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._items[key] = value
            self._size += len(value)
            while self._size > self.max_bytes and self._items:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    def resize(self, max_bytes: int) -> None:
        """Hold at most ``max_bytes`` from now on (0: nothing), dropping the oldest."""
        with self._lock:
            self.max_bytes = max_bytes
            self.max_item_bytes = min(self.max_item_bytes, max_bytes)
            while self._size > self.max_bytes and self._items:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


class CacheDirectory:
    """The disk directory the caches share, kept under a maximum size."""

    def __init__(self) -> None:
        self._path: Path | None = None
        self._configured = False
        self._max_bytes: int | None = None
        self._lock = threading.Lock()
        # Bytes in the directory as far as this process knows (None: not counted yet).
        self._size: int | None = None
        self._counted_at = 0.0

    # -- configuration -----------------------------------------------------------------
    def set(self, directory: str | os.PathLike[str] | None) -> None:
        """Use ``directory`` (created when needed); ``None``: no disk cache."""
        with self._lock:
            self._path = Path(directory) if directory else None
            self._configured = True
            self._size = None

    def set_max_bytes(self, max_bytes: int | None) -> None:
        """The most the directory may hold; ``None``: ``STRAMIEN_RENDER_CACHE_MAX_MB``."""
        with self._lock:
            self._max_bytes = max_bytes

    @property
    def path(self) -> Path | None:
        with self._lock:
            if not self._configured:
                value = os.environ.get(ENV_DIR)
                if value is None:
                    value = os.environ.get(LEGACY_ENV_DIR, "")
                value = value.strip()
                self._path = Path(value) if value else None
                self._configured = True
            return self._path

    @property
    def max_bytes(self) -> int:
        if self._max_bytes is not None:
            return self._max_bytes
        value = os.environ.get(ENV_MAX_MB, "").strip()
        if value:
            try:
                megabytes = float(value)
            except ValueError:
                megabytes = -1
            if megabytes > 0:
                return int(megabytes * 1024 * 1024)
            log.warning("%s=%r is not a positive number; using the default", ENV_MAX_MB, value)
        return DEFAULT_MAX_BYTES

    # -- entries -----------------------------------------------------------------------
    def read(self, key: str) -> bytes | None:
        """The payload stored for ``key``, or None when absent, unreadable or corrupt."""
        directory = self.path
        if directory is None:
            return None
        path = _path(directory, key)
        try:
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
            descriptor = os.open(path, flags)
            with os.fdopen(descriptor, "rb") as file:
                data = file.read()
                _touch(file.fileno())
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:  # a directory, a symbolic link, no permission ...
            log.debug("render cache: cannot read %s: %s", path, exc)
            return None
        newline = data.find(b"\n")
        if newline < 0:
            log.debug("render cache: no header in %s", path)
            return None
        value = data[newline + 1 :]
        if data[: newline + 1] != _header(key, value):
            log.debug("render cache: corrupt entry %s", path)
            return None
        return value

    def write(self, key: str, value: bytes) -> None:
        """Store ``value`` for ``key``; any failure only means it is not stored."""
        directory = self.path
        if directory is None:
            return
        target = _path(directory, key)
        temporary: str | None = None
        try:
            directory.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(
                prefix=_TEMPORARY_PREFIX, suffix=_SUFFIX, dir=directory
            )
            header = _header(key, value)
            with os.fdopen(descriptor, "wb") as file:
                file.write(header)
                file.write(value)
            os.replace(temporary, target)
            temporary = None
        except OSError as exc:
            log.debug("render cache: cannot write %s: %s", target, exc)
            return
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
        self._account(directory, len(header) + len(value), keep=target)

    # -- size --------------------------------------------------------------------------
    def _account(self, directory: Path, written: int, keep: Path) -> None:
        limit = self.max_bytes
        with self._lock:
            stale = self._size is None or time.monotonic() - self._counted_at > _RESCAN_SECONDS
            if not stale and self._size is not None:
                self._size += written
                if self._size <= limit:
                    return
        size = prune(directory, limit, keep=keep)
        with self._lock:
            self._size = size
            self._counted_at = time.monotonic()


def prune(directory: Path, max_bytes: int, keep: Path | None = None) -> int:
    """Remove the entries used longest ago until ``directory`` holds at most 80 % of
    ``max_bytes`` (nothing when it holds no more than ``max_bytes``); return its size.

    Only regular files named like cache entries are counted or removed (and temporary
    files of writers that died a day ago); ``keep`` is never removed.
    """
    entries: list[tuple[float, int, str]] = []
    total = 0
    now = time.time()
    try:
        with os.scandir(directory) as scan:
            for entry in scan:
                name = entry.name
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not entry.is_file(follow_symlinks=False):
                    continue
                if name.startswith(_TEMPORARY_PREFIX):
                    if now - info.st_mtime > _STALE_TEMPORARY_SECONDS:
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
                    continue
                if not (name.endswith(_SUFFIX) and is_key(name[: -len(_SUFFIX)])):
                    continue
                total += info.st_size
                entries.append((info.st_mtime, info.st_size, entry.path))
    except OSError as exc:
        log.debug("render cache: cannot list %s: %s", directory, exc)
        return 0
    if total <= max_bytes:
        return total
    target = int(max_bytes * _PRUNE_TO)
    keep_path = os.fspath(keep) if keep is not None else None
    for _mtime, size, path in sorted(entries):
        if total <= target:
            break
        if path == keep_path:
            continue
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
    return total


class ContentCache:
    """Outputs by key: memory first, then the disk directory, else ``make()``."""

    def __init__(self, directory: CacheDirectory, memory_bytes: int = _MEMORY_BYTES) -> None:
        self.memory = LruBytes(memory_bytes, _MEMORY_ITEM_BYTES)
        self.disk = directory

    def clear_memory(self) -> None:
        self.memory.clear()

    def get(self, key: str) -> bytes | None:
        """The bytes stored under ``key`` (a sha256 hex digest), or None."""
        if not is_key(key):
            raise ValueError("cache key must be a sha256 hex digest")
        found = self.memory.get(key)
        if found is not None:
            return found
        found = self.disk.read(key)
        if found is not None:
            self.memory.put(key, found)
        return found

    def put(self, key: str, value: bytes) -> None:
        if not is_key(key):
            raise ValueError("cache key must be a sha256 hex digest")
        self.memory.put(key, value)
        self.disk.write(key, value)

    def get_or_make(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The bytes stored under ``key``, made and stored if absent."""
        found = self.get(key)
        if found is not None:
            return found
        value = make()
        self.put(key, value)
        return value


def _path(directory: Path, key: str) -> Path:
    return directory / f"{key}{_SUFFIX}"


def _header(key: str, value: bytes) -> bytes:
    checksum = hashlib.sha256(value).hexdigest()
    return b"%s %d %s %s\n" % (_MAGIC, FORMAT, key.encode("ascii"), checksum.encode("ascii"))


def _touch(descriptor: int) -> None:
    """Mark the open entry as used now, unless that was done within the hour."""
    if os.utime not in os.supports_fd:  # pragma: no cover - Windows
        return
    with contextlib.suppress(OSError):
        if time.time() - os.fstat(descriptor).st_mtime > _TOUCH_AFTER_SECONDS:
            os.utime(descriptor)


#: The disk directory of the process, shared by the caches below.
DIRECTORY = CacheDirectory()
#: Drawn figures (SVG and PNG).
FIGURES = ContentCache(DIRECTORY)
#: Finished documents (a large PDF is ~2 MB, a DOCX with figures ~3 MB).
DOCUMENTS = ContentCache(DIRECTORY)


def set_cache_dir(directory: str | os.PathLike[str] | None) -> None:
    """Keep drawn figures and finished documents in ``directory`` too, for other processes
    (``None``: memory only). Overrides ``STRAMIEN_RENDER_CACHE_DIR``."""
    DIRECTORY.set(directory)


def limit_memory(documents: int, figures: int) -> None:
    """Keep at most this many bytes of finished documents and of figures in memory.

    For a process that renders into the disk directory for others (the background
    worker): what it made is read from disk, so its memory holds little and stays flat.
    """
    DOCUMENTS.memory.resize(documents)
    FIGURES.memory.resize(figures)


#: The older name of :func:`set_cache_dir`.
set_figure_cache_dir = set_cache_dir
