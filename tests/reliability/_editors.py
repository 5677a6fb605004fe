"""Many people editing one programme at once, through the real HTTP stack, as browsers do.

Each editor GETs a form, changes one or two fields and POSTs it with the ``base_revision``
the form came with; it follows the redirect and reads the message, as a person would. Some
fields are *hot* (every editor of that page may change them: same-field edits, so real
conflicts), the others are spread over the editors (different-field edits, so merges).
After a conflict an editor often saves again from the conflict page, which carries the
newer base revision: that save *knew* the other's text and may replace it.

Every POST is an :class:`Attempt` in the ledger; :func:`lost_edits` then checks the ledger
against the stored revisions. Standard library only (the benchmark uses it too).
"""

from __future__ import annotations

import html
import http.client
import json
import random
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ._browser import Browser, Form, Page

Path = tuple[Any, ...]
Document = dict[str, Any]

SAVED = re.compile(r"Opgeslagen als versie (\d+)\.")
# On a conflict page: the parts of the edit that did not conflict were saved at once.
PARTLY_SAVED = re.compile(r"Uw overige wijzigingen zijn opgeslagen als versie (\d+)\.")
MERGED = "Wijzigingen die anderen intussen maakten zijn samengevoegd."
UNCHANGED = "Er was niets gewijzigd"
SECTION_CONFLICT = "Iemand anders heeft intussen dezelfde velden gewijzigd."
OWN_CONFLICT = "Iemand anders heeft intussen dezelfde gegevens gewijzigd."
_CONFLICT_BLOCK = re.compile(
    r'<div class="st-conflict">.*?<pre class="st-pre">(.*?)</pre>.*?'
    r'<pre class="st-pre">(.*?)</pre>',
    re.S,
)
# Words an edit is made of: Dutch, with characters a form must keep (accents, euro, &, <, ").
WORDS = (
    "wijkhart", "bewoners", "renovatie", "één", "café", "€ 1.250", "zorg & welzijn",
    "<portiek>", '"Samen"', "it's", "coöperatie", "leerwerkroute", "100%", "Zonnehof-Oost",
)  # fmt: skip


def path_of(name: str, prefix: str = "s") -> Path:
    """The document path of a form field name (``s-goals-0-title`` -> ``goals, 0, title``)."""
    parts = name.split("-")
    if parts[0] != prefix:
        raise ValueError(name)
    return tuple(int(p) if p.isdigit() else p for p in parts[1:])


def value_at(document: Any, path: Path) -> Any:
    for part in path:
        document = document[part]
    return document


@dataclass(frozen=True)
class Target:
    """One text field an editor may change."""

    page: str
    name: str
    path: Path
    hot: bool


@dataclass
class Attempt:
    """One POST of a form, and what the server answered."""

    editor: int
    page: str
    base: int
    values: dict[Path, str]
    retry: bool = False
    status: int = 0
    outcome: str = ""  # saved, unchanged, conflict, refused, invalid, error, no-answer
    revision: int | None = None
    merged: bool = False
    messages: list[tuple[str, str]] = field(default_factory=list)
    #: For a conflict: the head revision the answer was based on, and the texts shown as
    #: (yours, the other's) per conflicting field.
    head: int | None = None
    shown: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    problem: str = ""


@dataclass
class Editor:
    number: int
    cookies: dict[str, str]
    pages: list[str]
    #: The page's address -> the document path of the partner card's index (own page only).
    translate: Callable[[str, Path], Path] = field(default=lambda page, path: path)


class Budget:
    """The number of POSTs all editors together may still make."""

    def __init__(self, total: int) -> None:
        self._left = total
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self._left <= 0:
                return False
            self._left -= 1
            return True


def targets_on(page: Page, page_url: str, document: Document, translate: Any = None) -> list[Path]:
    """The text fields of a page's form whose document value is a non-empty text."""
    form = page.form_with("base_revision")
    found = []
    for name in form.names():
        if not name.startswith("s-"):
            continue
        try:
            path = path_of(name)
            doc_path = translate(page_url, path) if translate else path
            value = value_at(document, doc_path)
        except (ValueError, KeyError, IndexError, TypeError):
            continue
        if isinstance(value, str) and len(value) >= 3 and not re.fullmatch(r"[\w.\-]+", value):
            found.append(path)
    return found


def assign(
    pages: dict[str, list[Path]], editors_per_page: dict[str, list[int]], hot_per_page: int = 1
) -> dict[int, list[Target]]:
    """Hot fields for every editor of a page; the other fields dealt out, one owner each."""
    result: dict[int, list[Target]] = {}
    for page, paths in pages.items():
        editors = editors_per_page.get(page, [])
        if not editors:
            continue
        for path in paths[:hot_per_page]:
            for number in editors:
                result.setdefault(number, []).append(
                    Target(page, "s-" + "-".join(map(str, path)), path, True)
                )
        for index, path in enumerate(paths[hot_per_page:]):
            number = editors[index % len(editors)]
            result.setdefault(number, []).append(
                Target(page, "s-" + "-".join(map(str, path)), path, False)
            )
    return result


def _saved_number(messages: Iterable[tuple[str, str]]) -> tuple[int | None, bool]:
    for _level, text in messages:
        found = SAVED.search(text)
        if found:
            return int(found.group(1)), MERGED in text
    return None, False


def _dutch_refusal(messages: list[tuple[str, str]]) -> bool:
    return any(level in ("error", "warning") and text for level, text in messages)


def _record_answer(
    browser: Browser, attempt: Attempt, response: Page, page_url: str
) -> Page | None:
    """Sort the server's answer into the attempt; the page the editor now looks at."""
    attempt.status = response.status
    if response.status >= 500:
        attempt.outcome = "error"
        attempt.problem = response.text[:2000]
        return None
    if response.status == 302:
        follow = browser.get(response.location)
        attempt.messages = follow.messages
        attempt.revision, attempt.merged = _saved_number(follow.messages)
        if attempt.revision is not None:
            attempt.outcome = "saved"
        elif any(UNCHANGED in text for _level, text in follow.messages):
            attempt.outcome = "unchanged"
        elif _dutch_refusal(follow.messages):
            attempt.outcome = "refused"
        else:
            attempt.outcome = "no-message"
        if follow.status >= 500:
            attempt.outcome, attempt.problem = "error", follow.text[:2000]
            return None
        same_page = response.location.split("#")[0] == page_url.split("?")[0]
        return follow if same_page else None
    attempt.messages = response.messages
    if response.status == 409 or any(
        OWN_CONFLICT in text or SECTION_CONFLICT in text for _level, text in response.messages
    ):
        attempt.outcome = "conflict"
        try:
            attempt.head = int(response.form_with("base_revision").get("base_revision") or 0)
        except LookupError:
            attempt.head = None
        attempt.shown = [
            (html.unescape(ours), html.unescape(theirs))
            for ours, theirs in _CONFLICT_BLOCK.findall(response.text)
        ]
        for _level, text in response.messages:
            found = PARTLY_SAVED.search(text)
            if found:
                attempt.revision, attempt.merged = int(found.group(1)), True
        return response
    if response.status == 200 and _dutch_refusal(response.messages):
        attempt.outcome = "invalid"
        return None
    attempt.outcome = f"unexpected-{response.status}"
    attempt.problem = response.text[:2000]
    return None


def run_editor(
    editor: Editor,
    *,
    base_url: str,
    targets: list[Target],
    budget: Budget,
    ledger: list[Attempt],
    lock: threading.Lock,
    seed: int,
    hot_share: float = 0.3,
    retry_share: float = 0.6,
    switch_share: float = 0.15,
    think_seconds: float = 0.0,
    stop: threading.Event | None = None,
) -> None:
    """One editor's session until the budget is spent (or ``stop`` is set)."""
    rng = random.Random(seed)
    browser = Browser(base_url, cookies=editor.cookies)
    by_page: dict[str, list[Target]] = {}
    for target in targets:
        by_page.setdefault(target.page, []).append(target)
    pages = [p for p in editor.pages if p in by_page]
    page_url = rng.choice(pages)
    current: Page | None = None
    retry_form: Form | None = None
    retry_values: dict[Path, str] = {}
    count = 0
    try:
        while (stop is None or not stop.is_set()) and budget.take():
            if retry_form is None and (current is None or rng.random() < switch_share):
                page_url = rng.choice(pages)
                current = browser.get(page_url)
                if current.status >= 500:
                    with lock:
                        ledger.append(
                            Attempt(
                                editor.number,
                                page_url,
                                0,
                                {},
                                status=current.status,
                                outcome="error",
                                problem=current.text[:2000],
                            )
                        )
                    current = None
                    continue
            if think_seconds:
                time.sleep(rng.random() * think_seconds)
            if retry_form is not None:
                form, values, retry = retry_form, retry_values, True
                retry_form = None
            else:
                assert current is not None
                form = current.form_with("base_revision")
                values, retry = {}, False
                mine = by_page[page_url]
                hot = [t for t in mine if t.hot]
                cold = [t for t in mine if not t.hot]
                chosen: list[Target] = []
                if hot and (rng.random() < hot_share or not cold):
                    chosen.append(rng.choice(hot))
                if cold and (not chosen or rng.random() < 0.3):
                    chosen.append(rng.choice(cold))
                for target in chosen:
                    count += 1
                    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6)))
                    text = f"Bewerking {editor.number:02d}-{count:04d}: {words}"
                    form.set(target.name, text)
                    values[editor.translate(page_url, target.path)] = text
            attempt = Attempt(
                editor.number, page_url, int(form.get("base_revision") or 0), values, retry
            )
            try:
                response = browser.submit(form, page_url)
            except (OSError, http.client.HTTPException) as exc:
                attempt.outcome, attempt.problem = "no-answer", repr(exc)
                with lock:
                    ledger.append(attempt)
                browser.close()
                current = None
                continue
            attempt.seconds = response.seconds
            current = _record_answer(browser, attempt, response, page_url)
            with lock:
                ledger.append(attempt)
            if attempt.outcome == "conflict" and current is not None:
                if rng.random() < retry_share:
                    # Save again from the conflict page: the user keeps their own text.
                    retry_form = current.form_with("base_revision")
                    retry_values = {path: text for path, text in values.items()}
                current = None
    finally:
        browser.close()


def run_editors(
    editors: list[Editor],
    *,
    base_url: str,
    assignment: dict[int, list[Target]],
    total: int,
    seed: int,
    **options: Any,
) -> tuple[list[Attempt], float]:
    """All editors at once until ``total`` POSTs were made; the ledger and the wall time."""
    budget = Budget(total)
    ledger: list[Attempt] = []
    lock = threading.Lock()
    failures: list[BaseException] = []

    def one(editor: Editor) -> None:
        try:
            run_editor(
                editor,
                base_url=base_url,
                targets=assignment.get(editor.number, []),
                budget=budget,
                ledger=ledger,
                lock=lock,
                seed=seed * 1000 + editor.number,
                **options,
            )
        except BaseException as exc:  # reported by the caller
            failures.append(exc)

    threads = [threading.Thread(target=one, args=(e,), daemon=True) for e in editors]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise failures[0]
    return ledger, elapsed


@dataclass
class Verdict:
    lost: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)
    wrong_conflicts: list[str] = field(default_factory=list)


def is_partly_saved(attempt: Attempt) -> bool:
    """A conflict whose other, non-conflicting changes were saved as a revision."""
    return attempt.outcome == "conflict" and attempt.revision is not None


def _waiting(attempt: Attempt, text: str) -> bool:
    """Whether ``text`` is shown on the conflict page as the user's side of a conflict."""
    quoted = json.dumps(text, ensure_ascii=False)[1:-1]
    return any(text in ours or quoted in ours for ours, _theirs in attempt.shown)


def saved_part(attempt: Attempt) -> Attempt:
    """The attempt as far as it was saved: a conflict's partial save without the values
    that wait for the user's choice."""
    if attempt.outcome == "saved":
        return attempt
    values = {p: t for p, t in attempt.values.items() if not _waiting(attempt, t)}
    return replace(attempt, values=values)


def lost_edits(
    ledger: list[Attempt], document_at: Callable[[int], Document], head: Document
) -> Verdict:
    """Check the ledger against the stored revisions.

    * every save answered "saved as version N" has its texts in revision N (a conflict page
      that says the rest was saved as version N: the texts that did not conflict);
    * each of those texts is in the newest document, or a later save whose base revision
      included version N replaced it (it *knew* the text);
    * a conflict showed the user's text beside the other's, and the other's is what was
      stored at the head revision the conflict page was based on.
    """
    verdict = Verdict()
    saved = sorted(
        (saved_part(a) for a in ledger if a.outcome == "saved" or is_partly_saved(a)),
        key=lambda a: a.revision or 0,
    )
    cache: dict[int, Document] = {}

    def doc(number: int) -> Document:
        if number not in cache:
            cache[number] = document_at(number)
        return cache[number]

    for attempt in saved:
        assert attempt.revision is not None
        stored = doc(attempt.revision)
        for path, text in attempt.values.items():
            if value_at(stored, path) != text:
                verdict.silent.append(
                    f"editor {attempt.editor}: answered saved as version {attempt.revision}, "
                    f"but {path} there is {value_at(stored, path)!r}, not {text!r}"
                )
                continue
            if value_at(head, path) == text:
                continue
            knew = [
                later
                for later in saved
                if (later.revision or 0) > attempt.revision
                and path in later.values
                and later.base >= attempt.revision
            ]
            if not knew:
                history = "; ".join(
                    f"v{a.revision} by editor {a.editor} from base {a.base}"
                    f"{' (again, from the conflict page)' if a.retry else ''}"
                    for a in saved
                    if path in a.values
                )
                verdict.lost.append(
                    f"editor {attempt.editor}, version {attempt.revision}: {path} = {text!r} "
                    f"was replaced by {value_at(head, path)!r} without anyone seeing it "
                    f"(saves of this field: {history})"
                )
    for attempt in ledger:
        if attempt.outcome != "conflict" or "onderdeel" not in attempt.page:
            continue
        if attempt.status != 409:
            verdict.wrong_conflicts.append(f"conflict answered {attempt.status}: {attempt.page}")
            continue
        if attempt.head is None or not attempt.shown:
            verdict.wrong_conflicts.append(f"conflict page without both texts: {attempt.page}")
            continue
        texts = dict(attempt.shown)
        for path, text in attempt.values.items():
            if text not in texts:
                continue  # this field merged; another one conflicted
            theirs = value_at(doc(attempt.head), path)
            if texts[text] != theirs:
                verdict.wrong_conflicts.append(
                    f"conflict on {path}: shown as the other's {texts[text]!r}, "
                    f"stored at version {attempt.head} is {theirs!r}"
                )
        if not any(text in texts for text in attempt.values.values()):
            verdict.wrong_conflicts.append(
                f"conflict on {attempt.page} does not show the user's own text"
            )
    return verdict


def summary(ledger: list[Attempt]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for attempt in ledger:
        counts[attempt.outcome] = counts.get(attempt.outcome, 0) + 1
    counts["posts"] = len(ledger)
    counts["5xx"] = sum(1 for a in ledger if a.status >= 500)
    counts["retries"] = sum(1 for a in ledger if a.retry)
    counts["merged"] = sum(1 for a in ledger if a.merged)
    return counts
