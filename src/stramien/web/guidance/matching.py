"""Matching a query against a text the way a Dutch reader expects: case and accents do not
count ("cooperatie" finds "Zorgcoöperatie"), and every word of the query must occur."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

#: Characters of text shown on either side of the first match.
CONTEXT = 70


@dataclass(frozen=True)
class Piece:
    """A part of a snippet; ``marked`` when it is a match."""

    text: str
    marked: bool


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def folded(text: str) -> tuple[str, Sequence[int]]:
    """``text`` without case and accents, and for each of its characters the position in
    ``text`` it came from (a ligature or ß becomes two characters of one origin)."""
    if text.isascii():  # most text: one character for one, no table of origins needed
        return text.lower(), range(len(text))
    characters: list[str] = []
    origins: list[int] = []
    for position, char in enumerate(text):
        for part in _fold_char(char):
            characters.append(part)
            origins.append(position)
    return "".join(characters), origins


def query_words(query: str) -> list[str]:
    """The words of ``query``, folded, each once, in the order typed."""
    words: list[str] = []
    for word in folded(query)[0].split():
        if word not in words:
            words.append(word)
    return words


def spans(text: str, words: Sequence[str]) -> list[tuple[int, int]] | None:
    """Where the ``words`` occur in ``text`` (start and end in ``text``, merged and in order);
    None when one of them does not occur."""
    haystack, origins = folded(text)
    found: list[tuple[int, int]] = []
    for word in words:
        start = haystack.find(word)
        if start < 0:
            return None
        while start >= 0:
            end = start + len(word)
            found.append((origins[start], origins[end - 1] + 1))
            start = haystack.find(word, end)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, found: Sequence[tuple[int, int]]) -> list[Piece]:
    """A piece of ``text`` around the first match, with the matches in it marked."""
    first = found[0][0]
    begin = max(0, first - CONTEXT)
    if begin:
        space = text.find(" ", begin, first)
        begin = space + 1 if space >= 0 else begin
    end = min(len(text), found[0][1] + 2 * CONTEXT)
    if end < len(text):
        space = text.rfind(" ", found[0][1], end)
        end = space if space >= 0 else end
    pieces: list[Piece] = []
    if begin:
        pieces.append(Piece("… ", False))
    cursor = begin
    for start, stop in found:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        if start > cursor:
            pieces.append(Piece(text[cursor:start], False))
        pieces.append(Piece(text[start:stop], True))
        cursor = stop
    if cursor < end:
        pieces.append(Piece(text[cursor:end], False))
    if end < len(text):
        pieces.append(Piece(" …", False))
    return pieces
