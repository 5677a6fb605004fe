"""What the hostile-input tests look for in an answer: a crash, a hang, an injection, a
message that is not Dutch or does not say where."""

from __future__ import annotations

import contextlib
import io
import re
import signal
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree

#: No single input may take longer than this.
HANG_SECONDS = 30.0

# Words of English parser, validator and Python messages; none is Dutch.
ENGLISH = re.compile(
    r"\b(expected|expecting|found|while|scanning|parsing|could not|did not|cannot|can't|"
    r"unexpected|character|token|stream|scalar|mapping|sequence|invalid|undefined|unknown|"
    r"duplicate|not allowed|exceeds|exceeded|error|line|column|the|and|but|should|must|"
    r"input|field required|object|string|integer|codec|decode|traceback|exception)\b",
    re.I,
)
DUTCH = re.compile(
    r"\b(de|het|een|is|niet|geen|van|en|in|dit|deze|te|op|met|hoort|mag|kan|moet|staat|"
    r"veld|ontbreekt|verplicht|waarde|tekst|bestand|getal|tekens|hoogstens|minstens|ongeldig|"
    r"onbekend|onbekende|regel|kolom|versie|archief|bijlage|kies|gebruik|datum|lijst)\b",
    re.I,
)
# What the user wrote is quoted; it may be anything. (Parentheses are not stripped: an English
# exception text put in brackets behind a Dutch sentence is still English.)
_QUOTED = re.compile(r"(?<!\w)'[^'\n]*'(?!\w)|\"[^\"\n]*\"|«[^»]*»|‘[^’]*’|“[^”]*”")
#: Problems about the whole file: nothing to point at.
FILE_LEVEL = ("Het bestand is leeg", "te groot", "groter dan", "En nog ")


class Hang(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Raise Hang in this (main) thread when the block runs longer than ``seconds``."""

    def fire(_signum: int, _frame: Any) -> None:
        raise Hang(f"longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Run:
    code: int | None
    out: str
    err: str
    seconds: float
    crash: str = ""


def run_cli(args: list[str]) -> Run:
    """``stramien ARGS`` in this process (its ``main``), with stdout and stderr captured."""
    from stramien import cli

    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    code: int | None = None
    crash = ""
    try:
        with deadline(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(args)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
    except Hang as exc:
        crash = f"hang: {exc}"
    except BaseException:  # a crash is what we are looking for
        crash = traceback.format_exc(limit=-8)
    return Run(code, out.getvalue(), err.getvalue(), time.perf_counter() - started, crash)


def not_dutch(message: str) -> list[str]:
    """Why ``message`` is not a Dutch text (empty when it is)."""
    text = _QUOTED.sub("", message)
    english = ENGLISH.findall(text)
    reasons = [f"English words {english}"] if english else []
    if not DUTCH.search(text):
        reasons.append("no Dutch word")
    return reasons


def located(problem: str, filename: str) -> bool:
    """``file:line:col: ...`` or ``file: field.path: ...``, or a problem of the whole file."""
    rest = problem[len(filename) :] if problem.startswith(filename) else problem
    if re.match(r":\d+:\d+: ", rest) or re.match(r": [A-Za-z_][\w]*(?:\[\d+\]|\.\w+)*: ", rest):
        return True
    return any(marker in problem for marker in FILE_LEVEL)


def message_problems(problem: str, filename: str) -> list[str]:
    reasons = not_dutch(problem.split(": ", 1)[-1] if ": " in problem else problem)
    if not located(problem, filename):
        reasons.append("does not say where")
    return reasons


# --- HTML ------------------------------------------------------------------------------------

DANGEROUS_TAGS = (
    "script",
    "iframe",
    "object",
    "embed",
    "base",
    "form",
    "style",
    "link",
    "meta",
    "img",
    "svg",
    "math",
    "details",
    "textarea",
    "a",
    "foreignobject",
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.handlers: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if (
            tag == "a"
            and "utrecht-link" in (values.get("class") or "").split()
            and ((values.get("href") or "").startswith("/programmas/"))
        ):
            # Stramien's own link into the programme (a finding's or a change's link to its
            # field): a document with more findings or changes has more of them, which is no
            # injection. An injected link has neither the class nor such an address.
            tag = "a (own link)"
        self.tags[tag] += 1
        if tag in ("script", "style", "title"):
            self._skip += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "xlink:href", "action", "formaction") and (
                (value or "").strip().lower().startswith(("javascript:", "data:text/html"))
            ):
                self.scripts.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def html_facts(markup: str) -> _Tags:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser


def squash(text: str) -> str:
    return " ".join(text.split())


def html_injection(markup: str, baseline: _Tags, payload: str = "") -> list[str]:
    """Elements or attributes that came from the text instead of showing as text."""
    facts = html_facts(markup)
    found = [f"event handler {h}" for h in facts.handlers]
    found += [f"script address {s}" for s in facts.scripts]
    for tag in DANGEROUS_TAGS:
        if facts.tags[tag] > baseline.tags[tag]:
            found.append(f"{facts.tags[tag] - baseline.tags[tag]} more <{tag}> than without it")
    shown = squash("".join(facts.text))
    if payload and squash(payload) and squash(payload) not in shown:
        found.append("the text itself is not shown as text")
    return found


# --- Office documents --------------------------------------------------------------------------


def office_problems(data: bytes) -> tuple[list[str], str]:
    """Parts of a DOCX/ODT that are not well-formed XML (or declare entities); and the text."""
    problems: list[str] = []
    texts: list[str] = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        return [f"not a zip: {exc}"], ""
    with archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            part = archive.read(name)
            if not part:
                continue  # ODF keeps some parts empty (Configurations2/...)
            if b"<!DOCTYPE" in part or b"<!ENTITY" in part:
                problems.append(f"{name} declares a DOCTYPE or ENTITY")
            try:
                root = ElementTree.fromstring(part)
            except ElementTree.ParseError as exc:
                problems.append(f"{name} is not well-formed XML: {exc}")
                continue
            if name in ("word/document.xml", "content.xml"):
                texts.append("".join(root.itertext()))
    return problems, "".join(texts)
