"""A small browser for the reliability suite: cookies, CSRF, forms and messages, over HTTP.

Standard library only, so the benchmark (bench/bench_reliability.py) can use it as well.
It keeps one keep-alive connection per browser, as a real browser keeps one per site, and
never follows redirects by itself: the caller sees the 302 and decides, as the tests must
know what the server answered.
"""

from __future__ import annotations

import http.client
import time
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

#: A request that takes longer than this counts as a hang.
TIMEOUT_SECONDS = 30.0
#: A connection idle for longer is not reused (waitress closes idle ones after 120 s).
IDLE_SECONDS = 20.0

Fields = list[tuple[str, str]]


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    fields: list[list[str]] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        for key, value in self.fields:
            if key == name:
                return value
        return None

    def set(self, name: str, value: str) -> None:
        for pair in self.fields:
            if pair[0] == name:
                pair[1] = value
                return
        self.fields.append([name, value])

    def names(self) -> list[str]:
        return [key for key, _value in self.fields]

    def pairs(self) -> Fields:
        return [(key, value) for key, value in self.fields if key]


class _Parser(HTMLParser):
    """Forms with what a browser would submit, and the flash messages of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.messages: list[tuple[str, str]] = []
        self._form: Form | None = None
        self._textarea: list[str] | None = None
        self._select: dict[str, Any] | None = None
        self._alert: str | None = None
        self._alert_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: (value if value is not None else "") for key, value in attrs}
        classes = a.get("class", "").split()
        if tag == "div" and "utrecht-alert" in classes:
            level = next(
                (c.split("--", 1)[1] for c in classes if c.startswith("utrecht-alert--")), "info"
            )
            self._alert, self._alert_text = level, []
        if tag == "form":
            self._form = Form(
                action=a.get("action", ""),
                method=a.get("method", "get").lower(),
                enctype=a.get("enctype", ""),
            )
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset") or "disabled" in a:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.fields.append([a.get("name", ""), a.get("value", "on")])
                return
            self._form.fields.append([a.get("name", ""), a.get("value", "")])
        elif tag == "textarea" and "disabled" not in a:
            self._textarea = [a.get("name", ""), ""]
            self._form.fields.append(self._textarea)
        elif tag == "select" and "disabled" not in a:
            self._select = {
                "name": a.get("name", ""),
                "first": None,
                "chosen": [],
                "multiple": "multiple" in a,
            }
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in a:
                self._select["chosen"].append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]
            for value in chosen:
                self._form.fields.append([self._select["name"], value])
            self._select = None
        elif tag == "div" and self._alert is not None:
            text = " ".join("".join(self._alert_text).split())
            if text:
                self.messages.append((self._alert, text))
            self._alert = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            # A browser drops one newline right after <textarea>.
            if not self._textarea[1] and data.startswith("\n"):
                data = data[1:]
            self._textarea[1] += data
        if self._alert is not None:
            self._alert_text.append(data)


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    body: bytes
    url: str
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def _parsed(self) -> _Parser:
        cached = getattr(self, "_parser", None)
        if cached is None:
            cached = _Parser()
            cached.feed(self.text)
            cached.close()
            self._parser = cached
        return cached

    @property
    def forms(self) -> list[Form]:
        return self._parsed().forms

    @property
    def messages(self) -> list[tuple[str, str]]:
        return self._parsed().messages

    def form_with(self, name: str) -> Form:
        """The first form that has a field ``name``."""
        for form in self.forms:
            if name in form.names():
                return form
        raise LookupError(f"no form with a field {name!r} on {self.url} ({self.status})")


class Browser:
    """One person's browser: its own cookies and its own connection to the server."""

    def __init__(self, base_url: str, *, cookies: dict[str, str] | None = None) -> None:
        parts = urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.base = f"http://{self.host}:{self.port}"
        self.cookies: dict[str, str] = dict(cookies or {})
        self._conn: http.client.HTTPConnection | None = None
        self._used = 0.0

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is not None and time.monotonic() - self._used > IDLE_SECONDS:
            self.close()  # the server may be about to drop it; never send a POST into that
        self._used = time.monotonic()
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_SECONDS)
        return self._conn

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        content_type: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Page:
        sent = {"Host": f"{self.host}:{self.port}", "Accept-Language": "nl"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = content_type or "application/x-www-form-urlencoded"
            sent["Origin"] = self.base
            sent["Referer"] = self.base + path
        sent.update(headers or {})
        started = time.perf_counter()
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=sent)
                response = conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection: a browser opens a new one.
                # Only a request that never reached a handler may be sent again, so a POST is
                # retried only when nothing came back and the connection was an old one.
                self.close()
                if attempt == 2 or method != "GET":
                    raise
            except TimeoutError:
                self.close()
                raise
        seconds = time.perf_counter() - started
        received: dict[str, str] = {}
        for key, value in response.getheaders():
            lower = key.lower()
            if lower == "set-cookie":
                self._store_cookie(value)
            received[lower] = value if lower not in received else received[lower] + ", " + value
        if received.get("connection", "").lower() == "close":
            self.close()
        return Page(response.status, received, data, path, seconds)

    def _store_cookie(self, header: str) -> None:
        jar: SimpleCookie = SimpleCookie()
        jar.load(header)
        for morsel in jar.values():
            expired = morsel["max-age"] == "0" or "1970" in (morsel["expires"] or "")
            if expired or morsel.value == "":
                self.cookies.pop(morsel.key, None)
            else:
                self.cookies[morsel.key] = morsel.value

    def get(self, path: str) -> Page:
        return self.request("GET", path)

    def post(self, path: str, fields: Fields) -> Page:
        return self.request("POST", path, urlencode(fields).encode("ascii"))

    def post_multipart(
        self, path: str, fields: Fields, files: dict[str, tuple[str, bytes, str]]
    ) -> Page:
        boundary = "----stramien" + uuid.uuid4().hex
        chunks: list[bytes] = []
        for name, value in fields:
            chunks.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + value.encode("utf-8")
                + b"\r\n"
            )
        for name, (filename, data, kind) in files.items():
            chunks.append(
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'
                ).encode()
                + data
                + b"\r\n"
            )
        chunks.append(f"--{boundary}--\r\n".encode())
        return self.request(
            "POST", path, b"".join(chunks), content_type=f"multipart/form-data; boundary={boundary}"
        )

    def submit(self, form: Form, page_url: str) -> Page:
        """Send ``form`` as the browser would (to its action, or back to the page)."""
        target = form.action or page_url
        return self.post(target, form.pairs())

    def log_in(self, username: str, password: str) -> Page:
        page = self.get("/account/inloggen/")
        form = page.form_with("username")
        form.set("username", username)
        form.set("password", password)
        return self.submit(form, "/account/inloggen/")
