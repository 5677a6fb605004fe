"""Content-addressed caches for the renderer: figures (SVG, PNG) and finished documents.

A figure is the output of a pure function of its input (the DOT source, the Vega-Lite
spec, the SVG and scale) and the engine that drew it. :class:`FigureCache` keeps such
outputs under ``sha256(kind, engine version, input)``: in memory (least recently used
out first, bounded in bytes) and, when a directory is configured, on disk, so that a
new process can reuse what an earlier one drew.

The disk directory is set by :func:`set_figure_cache_dir` (a web application passes its
own) or, failing that, by the environment variable ``STRAMIEN_FIGURE_CACHE_DIR``; without
either nothing is written to disk. The disk is only ever a cache:

* a file's name is the hex key plus a fixed suffix, so no input can choose a path; files
  are written to a temporary file in the directory and renamed into place (atomic, and a
  symbolic link at the target is replaced, never followed); files are read without
  following symbolic links;
* every file starts with a header naming the key and the sha256 of the payload; a file
  that is truncated, corrupt, for another key or unreadable is ignored (and replaced by
  a good one), and a directory that cannot be written only means no disk cache.

Whoever can write to the directory can change the figures in documents rendered after
it, as with any cache: give it the same protection as the documents themselves. The
directory is never pruned by Stramien; it grows by the size of the figures of every
document version rendered (typically 0.1-1 MB per version with a new figure).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path

log = logging.getLogger(__name__)

ENV_DIR = "STRAMIEN_FIGURE_CACHE_DIR"
#: Bump when what is stored under a key changes without the engine version changing.
FORMAT = 1
_MAGIC = b"stramien-cache"
_SUFFIX = ".bin"
_MEMORY_BYTES = 64 * 1024 * 1024
# Larger outputs are not kept in memory (they would push out everything else).
_MEMORY_ITEM_BYTES = 32 * 1024 * 1024
_HEX = frozenset("0123456789abcdef")


def digest(parts: Iterable[bytes | str]) -> str:
    """sha256 over ``parts``, each length-prefixed so that no two lists collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


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

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


class FigureCache:
    """Figure outputs by key: memory first, then the disk directory, else ``make()``."""

    def __init__(self) -> None:
        self.memory = LruBytes(_MEMORY_BYTES, _MEMORY_ITEM_BYTES)
        self._directory: Path | None = None
        self._configured = False
        self._lock = threading.Lock()

    # -- configuration -----------------------------------------------------------------
    def set_directory(self, directory: str | os.PathLike[str] | None) -> None:
        """Use ``directory`` as disk cache (created when needed); ``None``: memory only."""
        with self._lock:
            self._directory = Path(directory) if directory else None
            self._configured = True

    @property
    def directory(self) -> Path | None:
        with self._lock:
            if not self._configured:
                from_env = os.environ.get(ENV_DIR, "").strip()
                self._directory = Path(from_env) if from_env else None
                self._configured = True
            return self._directory

    def clear_memory(self) -> None:
        self.memory.clear()

    # -- lookup ------------------------------------------------------------------------
    def get_or_make(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The bytes stored under ``key`` (a sha256 hex digest), made and stored if absent."""
        if len(key) != 64 or not _HEX.issuperset(key):
            raise ValueError("cache key must be a sha256 hex digest")
        found = self.memory.get(key)
        if found is not None:
            return found
        directory = self.directory
        if directory is not None:
            found = _read(directory, key)
            if found is not None:
                self.memory.put(key, found)
                return found
        value = make()
        self.memory.put(key, value)
        if directory is not None:
            _write(directory, key, value)
        return value


def _path(directory: Path, key: str) -> Path:
    return directory / f"{key}{_SUFFIX}"


def _header(key: str, value: bytes) -> bytes:
    checksum = hashlib.sha256(value).hexdigest()
    return b"%s %d %s %s\n" % (_MAGIC, FORMAT, key.encode("ascii"), checksum.encode("ascii"))


def _read(directory: Path, key: str) -> bytes | None:
    """The payload of the entry for ``key``, or None when absent, unreadable or corrupt."""
    path = _path(directory, key)
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        descriptor = os.open(path, flags)
        with os.fdopen(descriptor, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:  # a directory, a symbolic link, no permission ...
        log.debug("figure cache: cannot read %s: %s", path, exc)
        return None
    newline = data.find(b"\n")
    if newline < 0:
        log.debug("figure cache: no header in %s", path)
        return None
    value = data[newline + 1 :]
    if data[: newline + 1] != _header(key, value):
        log.debug("figure cache: corrupt entry %s", path)
        return None
    return value


def _write(directory: Path, key: str, value: bytes) -> None:
    """Store ``value`` for ``key``; any failure only means it is not stored."""
    target = _path(directory, key)
    temporary: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=_SUFFIX, dir=directory)
        with os.fdopen(descriptor, "wb") as file:
            file.write(_header(key, value))
            file.write(value)
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        log.debug("figure cache: cannot write %s: %s", target, exc)
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


#: The one figure cache of the process.
FIGURES = FigureCache()


def set_figure_cache_dir(directory: str | os.PathLike[str] | None) -> None:
    """Keep drawn figures in ``directory`` too, for other processes (``None``: memory only).

    Overrides the environment variable ``STRAMIEN_FIGURE_CACHE_DIR``.
    """
    FIGURES.set_directory(directory)
