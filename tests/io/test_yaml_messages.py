"""Every problem the YAML readers can report reaches the user in Dutch, with its place."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest
import yaml
import yaml.composer
import yaml.constructor
import yaml.parser
import yaml.scanner
from dutch_messages import assert_dutch, assert_located, english_words
from yaml.error import Mark
from yaml.reader import ReaderError

from stramien.io import DocumentError, LoadProblem, loads_agreement
from stramien.io._yamlmessages import (
    FALLBACK,
    READER_TEXTS,
    english_count,
    marked_error_message,
    reader_error_message,
    syntax_message,
)


def only_problem(text: str) -> LoadProblem:
    with pytest.raises(DocumentError) as caught:
        loads_agreement(text, "programma.yaml")
    [problem] = caught.value.problems
    return problem


# (document, line of the problem, a piece of the Dutch message)
CASES = {
    "tab": ("programme:\n\tname: Oost\n", 2, "Gebruik spaties in plaats van een tab"),
    "tab-in-block": ("programme:\n  name: Oost\n\t region: Zuid\n", 3, "tab"),
    "indentation": ("programme:\n  name: Oost\n region: Zuid\n", 3, "inspringing"),
    "list-item-in-block": ("programme:\n  name: Oost\n- goals\n", 3, "inspringing"),
    "block-in-list": ("- programme\nname: Oost\n", 2, "inspringing"),
    "unknown-escape": ('programme:\n  name: "C:\\map\\qq"\n', 2, "'\\m' is geen bestaande"),
    "surrogate-escape": ('programme:\n  name: "a\\ud800"\n', 2, "surrogaat"),
    "escape-beyond-unicode": ('programme:\n  name: "a\\U00110000"\n', 2, "geen geldig teken"),
    "hex-escape": ('programme:\n  name: "\\xZZ"\n', 2, "hexadecimale cijfers"),
    "colon-in-text": ("programme:\n  name: Oost: West\n", 2, "aanhalingstekens"),
    "missing-colon": ("programme:\n  name: Oost\nregion\ngoals: []\n", 3, "dubbele punt"),
    "unclosed-quote": ('programme:\n  name: "Oost\n', 2, "afsluitende aanhalingsteken"),
    "unclosed-single-quote": ("programme:\n  name: 'Oost\n\n", 2, "afsluitende aanhalingsteken"),
    "reserved-at": ("programme:\n  name: @oost\n", 2, "gereserveerd"),
    "reserved-backtick": ("programme:\n  name: `oost`\n", 2, "gereserveerd"),
    "percent-in-document": ("programme:\n  name: %oost\n", 2, "'%'"),
    "unclosed-flow-mapping": ("programme: {name: Oost\n", 2, "komma of '}'"),
    "flow-mapping-colon": ("programme: {name: Oost West: x}\n", 1, "komma of '}'"),
    "flow-sequence-brace": ("programme: {name: Oost}\ngoals: [a, b}\n", 2, "komma of ']'"),
    "flow-sequence-open": ("programme: [\n", 2, "hoort een waarde"),
    "list-after-colon": ("programme: - Oost\n", 1, "lijstonderdeel"),
    "empty-anchor": ("programme: &\n  name: Oost\n", 1, "anker"),
    "empty-alias": ("programme: *\n", 1, "verwijzing"),
    "yaml-2": ("%YAML 2.0\n---\nprogramme:\n  name: Oost\n", 1, "YAML-versie"),
    "yaml-version": ("%YAML 1\n---\nprogramme:\n  name: Oost\n", 1, "versienummer"),
    "double-yaml": ("%YAML 1.1\n%YAML 1.1\n---\nprogramme: {name: x}\n", 2, "%YAML"),
    "double-tag": (
        "%TAG ! tag:a,2000:\n%TAG ! tag:b,2000:\n---\nprogramme: {name: x}\n",
        2,
        "%TAG",
    ),
    "zero-indent": ("programme:\n  name: Oost\n  summary: |0\n    x\n", 3, "1 tot en met 9"),
    "block-indicator": ("programme:\n  name: Oost\n  summary: |x\n    x\n", 3, "'|' of '>'"),
    "after-document-end": ("programme:\n  name: Oost\n...\ngoals: []\n", 4, "afgesloten"),
    "after-flow-document": ("{programme: {name: Oost}}\ngoals: []\n", 2, "afgesloten"),
    "separator-in-quotes": ('programme:\n  name: "a\n---\nb"\n', 3, "'---'"),
    "undefined-tag-handle": ("programme:\n  name: !foo!bar Oost\n", 2, "%TAG"),
    "verbatim-tag": ("programme:\n  name: !<tag:x Oost\n", 2, "'>'"),
    "tag-without-name": ("programme:\n  name: !e! Oost\n", 2, "naam van een tag"),
    "tag-escape": ("programme:\n  name: !%zz Oost\n", 2, "hexadecimale cijfers"),
    "tag-utf8": ("programme:\n  name: !%ff Oost\n", 2, "UTF-8"),
    "nesting": ("[" * 2000, 1, "te diep in elkaar genest"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_yaml_problems_are_dutch_and_located(loader: str, name: str) -> None:
    text, line, piece = CASES[name]
    problem = only_problem(text)
    assert_dutch(problem)
    assert_located(problem)
    assert problem.line == line, problem
    assert piece in problem.message, problem
    if "genest" not in piece and "tab" not in piece and not problem.path:
        assert problem.message.startswith("De YAML-opmaak klopt niet: "), problem


def test_unclosed_quote_points_at_where_the_text_begins(loader: str) -> None:
    problem = only_problem('programme:\n  name: Oost\n  summary: "Begin\n\n  en verder\n')
    assert (problem.line, problem.column) == (3, 12)


def test_missing_colon_points_at_the_key(loader: str) -> None:
    problem = only_problem("programme:\n  name: Oost\nregion\ngoals: []\n")
    assert (problem.line, problem.column) == (3, 1)
    assert "na deze veldnaam ontbreekt de dubbele punt" in problem.message


def test_where_the_construct_began_is_named(loader: str) -> None:
    problem = only_problem("programme:\n  name: [Oost, West\n  region: Zuid\n")
    assert "De lijst tussen [ ] begint op regel 2, kolom 9." in problem.message


# --- The table covers every text of both readers --------------------------------------------


def _sample(node: ast.expr) -> str | None:
    """The text of a PyYAML error argument, with its %-placeholders filled in."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        left = _sample(node.left)
        if left is None:
            return None
        return re.sub(r"%[rsd]", lambda m: {"%r": "'x'", "%s": "x", "%d": "2"}[m.group()], left)
    return None


def _pyyaml_errors() -> list[tuple[str | None, str]]:
    """(context, problem) of every error raise in PyYAML's scanner, parser, composer and
    constructor, read from the installed sources."""
    found: list[tuple[str | None, str]] = []
    names = {"ScannerError", "ParserError", "ComposerError", "ConstructorError"}
    for module in (yaml.scanner, yaml.parser, yaml.composer, yaml.constructor):
        tree = ast.parse(Path(inspect.getfile(module)).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in names or len(node.args) < 3:
                continue
            problem = _sample(node.args[2])
            if problem is None:
                # scan_uri_escapes passes str(UnicodeDecodeError) on.
                problem = "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
            found.append((_sample(node.args[0]), problem))
    return found


PYYAML_ERRORS = _pyyaml_errors()

# The problem texts of libyaml 0.2.5 (scanner and parser), as in the _yaml extension.
LIBYAML_PROBLEMS = (
    "block sequence entries are not allowed in this context",
    "could not find expected ':'",
    "could not find expected directive name",
    "did not find URI escaped octet",
    "did not find expected '!'",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
    "did not find expected '-' indicator",
    "did not find expected <document start>",
    "did not find expected <stream-start>",
    "did not find expected alphabetic or numeric character",
    "did not find expected comment or line break",
    "did not find expected digit or '.' character",
    "did not find expected hexdecimal number",
    "did not find expected key",
    "did not find expected node content",
    "did not find expected tag URI",
    "did not find expected version number",
    "did not find expected whitespace",
    "did not find expected whitespace or line break",
    "did not find the expected '>'",
    "duplicate %TAG directive",
    "exceeded maximum nesting depth",
    "found a tab character that violates indentation",
    "found a tab character where an indentation space is expected",
    "found an incorrect leading UTF-8 octet",
    "found an incorrect trailing UTF-8 octet",
    "found an indentation indicator equal to 0",
    "found character that cannot start any token",
    "found duplicate %TAG directive",
    "found duplicate %YAML directive",
    "found extremely long version number",
    "found incompatible YAML document",
    "found invalid Unicode character escape code",
    "found undefined tag handle",
    "found unexpected ':'",
    "found unexpected document indicator",
    "found unexpected end of stream",
    "found unexpected non-alphabetical character",
    "found unknown directive name",
    "found unknown escape character",
    "incompatible %YAML directive",
    "mapping keys are not allowed in this context",
    "mapping values are not allowed in this context",
)
LIBYAML_CONTEXTS = (
    "while parsing a %TAG directive",
    "while parsing a block collection",
    "while parsing a block mapping",
    "while parsing a block node",
    "while parsing a flow mapping",
    "while parsing a flow node",
    "while parsing a flow sequence",
    "while parsing a node",
    "while parsing a quoted scalar",
    "while parsing a tag",
    "while parsing a tag directive",
    "while scanning a %TAG directive",
    "while scanning a %YAML directive",
    "while scanning a block scalar",
    "while scanning a directive",
    "while scanning a plain scalar",
    "while scanning a quoted scalar",
    "while scanning a simple key",
    "while scanning a tag",
    "while scanning a tag directive",
    "while scanning an alias",
    "while scanning an anchor",
)
# Contexts that add nothing for the user: the message does not name them.
UNNAMED_CONTEXTS = (
    "while scanning for the next token",
    "while increasing block level",
    "while increasing flow level",
)


def test_the_pyyaml_sources_were_found() -> None:
    assert len(PYYAML_ERRORS) >= 60
    assert ("while scanning a simple key", "could not find expected ':'") in PYYAML_ERRORS


@pytest.mark.parametrize(("context", "problem"), PYYAML_ERRORS)
def test_every_pyyaml_problem_has_its_own_dutch_text(context: str | None, problem: str) -> None:
    message, _ = syntax_message(context, problem)
    assert message != FALLBACK, (context, problem)
    assert not english_words(message), (problem, message)


@pytest.mark.parametrize("problem", LIBYAML_PROBLEMS)
def test_every_libyaml_problem_has_its_own_dutch_text(problem: str) -> None:
    context = "while scanning a quoted scalar" if "end of stream" in problem else None
    message, _ = syntax_message(context, problem)
    assert message != FALLBACK, problem
    assert not english_words(message), (problem, message)


def test_the_installed_libyaml_has_no_problem_texts_beyond_the_table() -> None:
    extension = getattr(yaml, "_yaml", None)
    if extension is None or not hasattr(extension, "__file__"):
        pytest.skip("PyYAML is gebouwd zonder libyaml")
    data = Path(extension.__file__).read_bytes()
    texts = {run.decode() for run in re.findall(rb"[ -~]{8,}", data)}
    starts = ("did not find", "could not find", "found ", "mapping ", "block sequence ")
    problems = {
        text
        for text in texts
        if text.startswith(starts)
        and "%" not in text.replace("%TAG", "").replace("%YAML", "")
        and "->" not in text  # assert() texts of libyaml's document API
    }
    assert problems <= set(LIBYAML_PROBLEMS), sorted(problems - set(LIBYAML_PROBLEMS))
    contexts = {text for text in texts if text.startswith("while ") and "%s" not in text}
    contexts -= {" while calling a Python object", "while calling a Python object"}
    known = {*LIBYAML_CONTEXTS, *UNNAMED_CONTEXTS}
    assert contexts <= known, sorted(contexts - known)


def test_the_table_is_large() -> None:
    assert english_count() >= 100


def _mark(line: int, column: int) -> Mark:
    return Mark("programma.yaml", 0, line - 1, column - 1, None, None)


@pytest.mark.parametrize("context", [*LIBYAML_CONTEXTS, "while scanning a double-quoted scalar"])
def test_every_context_is_named_in_dutch(context: str) -> None:
    error = yaml.scanner.ScannerError(
        context, _mark(2, 3), "did not find expected key", _mark(5, 1)
    )
    message, position = marked_error_message(error, "")
    assert position == (5, 1)
    assert "begint op regel 2, kolom 3." in message, message
    assert not english_words(message), message


@pytest.mark.parametrize("context", UNNAMED_CONTEXTS)
def test_some_contexts_are_left_out(context: str) -> None:
    problem = "did not find expected key"
    error = yaml.scanner.ScannerError(context, _mark(2, 3), problem, _mark(5, 1))
    message, _ = marked_error_message(error, "")
    assert "begint op" not in message


def test_an_unknown_text_still_gets_dutch_with_its_place() -> None:
    error = yaml.parser.ParserError(
        "while doing something new", _mark(1, 1), "found a brand new problem", _mark(4, 7)
    )
    message, position = marked_error_message(error, "")
    assert message == FALLBACK
    assert position == (4, 7)
    assert not english_words(message)


@pytest.mark.parametrize("reason", READER_TEXTS)
def test_every_reader_problem_is_dutch(reason: str) -> None:
    text = "programme:\n  name: Oost\n"
    message, position = reader_error_message(ReaderError("x", 14, 7, "?", reason), text)
    assert position == (2, 4)
    assert not english_words(message), message
    assert message.startswith("Het bestand")


def test_the_messages_of_the_table_are_complete_sentences() -> None:
    for context, problem in PYYAML_ERRORS:
        message, _ = syntax_message(context, problem)
        assert message[0].isupper() and message.endswith("."), message
        assert not re.search(r"\{[a-z_]+\}", message), message
