"""Helper processes that draw charts and rasterise SVG for a process that is just starting.

vl-convert's JavaScript engine takes about half a second of CPU to start, once per
process, and holds the GIL all that time; rasterising (resvg) holds it for most of its
work too. A new ``stramien render`` process would spend that time before it could draw a
chart, and its other threads (the outline, the office writers) would stand still
meanwhile. So the command starts helpers as the very first thing it does (:func:`start`):
``charts`` starts the JavaScript engine while the command is still importing and loading
the file, ``raster`` makes the PNG copies of a DOCX while the document itself is built.

A helper is a new Python interpreter (the same executable) that imports vl-convert only,
reads requests on its standard input and answers on its standard output. It calls
vl-convert exactly as :mod:`._vega` does in-process, so the results are the same bytes.
Everything here is an optimisation: when no helper runs, when one cannot be started or
dies, or when it fails on a request, the caller does the work in its own process (and
gets the same result, or the error it would have had). Requests to one helper are
answered one at a time, in the order they come.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import struct
import subprocess
import sys
import threading
from typing import IO, Any

#: The helper that draws Vega-Lite charts (its JavaScript engine starts at once).
CHARTS = "charts"
#: The helper that rasterises SVG.
RASTER = "raster"

# A message: its kind (one byte) and the length of what follows (four bytes).
_HEADER = struct.Struct(">cI")
_VEGALITE = b"v"
_PNG = b"p"
_OK = b"o"
_FAILED = b"e"
_SCALE = struct.Struct(">d")

# The helper's own program. Its standard output carries the answers only: what anything
# else prints goes to its standard error (thrown away).
_PROGRAM = r"""
import json, os, struct, sys
answers = os.fdopen(os.dup(1), "wb")
os.dup2(2, 1)
import vl_convert
header, scale_format = struct.Struct(">cI"), struct.Struct(">d")
if sys.argv[1] == "charts":
    try:
        vl_convert.vegalite_to_svg({"mark": "point"})  # start the JavaScript engine now
    except Exception:
        pass
requests = sys.stdin.buffer
while True:
    head = requests.read(header.size)
    if len(head) < header.size:
        break
    kind, length = header.unpack(head)
    body = requests.read(length)
    try:
        if kind == b"v":
            spec, locale = json.loads(body.decode("utf-8"))
            answer = vl_convert.vegalite_to_svg(
                spec, format_locale=locale, time_format_locale=locale, allowed_base_urls=[]
            ).encode("utf-8")
        else:
            (scale,) = scale_format.unpack(body[: scale_format.size])
            svg = body[scale_format.size :].decode("utf-8")
            answer = bytes(vl_convert.svg_to_png(svg, scale=scale))
        status = b"o"
    except Exception as exc:
        answer, status = repr(exc).encode("utf-8", "replace"), b"e"
    answers.write(header.pack(status, len(answer)) + answer)
    answers.flush()
"""


class _Helper:
    """One helper process and the lock that keeps its requests apart."""

    def __init__(self, role: str) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-c", _PROGRAM, role],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def ask(self, kind: bytes, body: bytes) -> bytes | None:
        """The helper's answer; ``None`` when it failed on this (or is gone)."""
        with self.lock:
            process = self.process
            if process is None or process.stdin is None or process.stdout is None:
                return None
            try:
                process.stdin.write(_HEADER.pack(kind, len(body)) + body)
                process.stdin.flush()
                status, length = _HEADER.unpack(_read(process.stdout, _HEADER.size))
                answer = _read(process.stdout, length)
            except (OSError, ValueError, struct.error):
                self._end()
                return None
        return answer if status == _OK else None

    def stop(self) -> None:
        with self.lock:
            self._end()

    def _end(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        # It holds nothing worth waiting for (it may still be starting its engine).
        with contextlib.suppress(OSError):
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def _read(stream: IO[bytes], length: int) -> bytes:
    data = stream.read(length)
    if len(data) != length:
        raise ValueError("the helper ended")
    return data


_helpers: dict[str, _Helper] = {}
_helpers_lock = threading.Lock()


def start(*roles: str) -> None:
    """Start the helpers named (``CHARTS``, ``RASTER``) unless they run already; one
    that cannot be started is simply not there. They end when this process does."""
    with _helpers_lock:
        first = not _helpers
        for role in roles:
            if role in _helpers:
                continue
            try:
                _helpers[role] = _Helper(role)
            except OSError:
                continue
        if first and _helpers:
            atexit.register(stop)


def stop() -> None:
    """End every helper (the work is then done in this process again)."""
    with _helpers_lock:
        helpers = list(_helpers.values())
        _helpers.clear()
    for helper in helpers:
        helper.stop()


def running(role: str) -> bool:
    with _helpers_lock:
        return role in _helpers


def vegalite_svg(spec: dict[str, Any], locale: str) -> str | None:
    """The chart as vl-convert's SVG, drawn by the ``charts`` helper; ``None`` when there
    is none or it failed (draw it here then)."""
    with _helpers_lock:
        helper = _helpers.get(CHARTS)
    if helper is None:
        return None
    try:
        body = json.dumps([spec, locale], ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError):  # not plain JSON: only vl-convert here takes it
        return None
    answer = helper.ask(_VEGALITE, body)
    return None if answer is None else answer.decode("utf-8")


def svg_to_png(svg: str, scale: float) -> bytes | None:
    """vl-convert's PNG of ``svg``, made by the ``raster`` helper (or by ``charts`` when
    only that runs); ``None`` when there is none or it failed."""
    with _helpers_lock:
        helper = _helpers.get(RASTER) or _helpers.get(CHARTS)
    if helper is None:
        return None
    try:
        body = _SCALE.pack(scale) + svg.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: vl-convert here says what it makes of it
        return None
    return helper.ask(_PNG, body)
