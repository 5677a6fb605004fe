"""Helpers for the tests of reading: is a problem text Dutch, and does it say where?"""

from __future__ import annotations

import re

from stramien.io import LoadProblem

# Words of the English texts of PyYAML, libyaml, json, pydantic and Python's own errors.
# None of them is Dutch, and none is the name of a field of the agreement.
ENGLISH_WORDS = (
    "expected",
    "expecting",
    "found",
    "while",
    "mapping",
    "scanning",
    "parsing",
    "could not",
    "did not",
    "exceeded",
    "exceeds",
    "not allowed",
    "cannot",
    "can't",
    "unexpected",
    "character",
    "token",
    "stream",
    "scalar",
    "node",
    "indentation",
    "invalid",
    "undefined",
    "unknown",
    "duplicate",
    "directive",
    "input",
    "should",
    "value",
    "error",
    "limit",
    "digits",
    "codec",
    "decode",
    "octet",
    "hexdecimal",
    "the",
    "but",
    "and",
    "line",
    "column",
    "key",
)
_ENGLISH = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH_WORDS) + r")\b", re.I)
# What the user wrote is quoted ('...'); it may be English. "zo'n" is not a quote.
_QUOTED = re.compile(r"(?<!\w)'[^'\n]*'(?!\w)")

# Problems about the file as a whole: there is no line to point at.
FILE_LEVEL = ("Het bestand is leeg.", "Het bestand is te groot", "En nog ")


def english_words(message: str) -> list[str]:
    """The English parser words in ``message`` (outside quoted user text)."""
    return _ENGLISH.findall(_QUOTED.sub("", message))


def assert_dutch(problem: LoadProblem) -> None:
    assert problem.message, problem
    found = english_words(problem.message)
    assert not found, f"English words {found} in: {problem}"


def assert_located(problem: LoadProblem) -> None:
    if problem.message.startswith(FILE_LEVEL):
        return
    assert problem.line is not None or problem.path, f"no line and no path: {problem}"
    if problem.line is not None:
        assert problem.line >= 1
        assert problem.column is not None and problem.column >= 1, problem
