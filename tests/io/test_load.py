"""Reading agreements: valid documents load, bad ones give located Dutch problems."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent

import pytest
import yaml

import stramien.io._yamltree as yamltree
from stramien.io import MAX_BYTES, DocumentError, LoadProblem, load_agreement, loads_agreement

MINIMAL = "programme:\n  name: Wijkvernieuwing Oost\n"


@pytest.fixture(params=["libyaml", "python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run a test with the C loader and with PyYAML's pure-Python fallback."""
    if request.param == "libyaml":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("PyYAML is gebouwd zonder libyaml")
        monkeypatch.setattr(yamltree, "LOADER", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(yamltree, "LOADER", yaml.SafeLoader)
    yield request.param


def problems_of(text: str | bytes, filename: str = "programma.yaml") -> list[LoadProblem]:
    with pytest.raises(DocumentError) as caught:
        loads_agreement(text, filename)
    assert caught.value.problems
    return caught.value.problems


def only_problem(text: str | bytes, filename: str = "programma.yaml") -> LoadProblem:
    problems = problems_of(text, filename)
    assert len(problems) == 1, problems
    return problems[0]


# --- Valid documents ---------------------------------------------------------------------------


def test_minimal_yaml_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "programma.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    agreement = load_agreement(path)
    assert agreement.programme.name == "Wijkvernieuwing Oost"
    assert agreement.schema_version == "1.0"


def test_minimal_json_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "programma.json"
    path.write_text('{"programme": {"name": "Wijkvernieuwing Oost"}}', encoding="utf-8")
    assert load_agreement(str(path)).programme.name == "Wijkvernieuwing Oost"


def test_unknown_extension_is_read_as_yaml(tmp_path: Path) -> None:
    path = tmp_path / "programma.txt"
    path.write_text(MINIMAL, encoding="utf-8")
    assert load_agreement(path).programme.name == "Wijkvernieuwing Oost"


def test_bytes_with_a_utf8_bom_load(loader: str) -> None:
    agreement = loads_agreement("\ufeff".encode() + MINIMAL.encode(), "programma.yaml")
    assert agreement.programme.name == "Wijkvernieuwing Oost"
    json_text = '\ufeff{"programme": {"name": "Oost"}}'.encode()
    assert loads_agreement(json_text, "upload.JSON").programme.name == "Oost"


def test_yaml_values_become_dates_and_numbers(loader: str) -> None:
    text = MINIMAL + dedent(
        """\
          start: 2025-01-01
        finance:
          cost_items:
            - id: k1
              description: Renovatie
              year: 2026
              amount: 1234.56
        partnership:
          partners:
            - &gemeente
              id: gemeente
              name: Gemeente
              category: government
              sector: public
              participation_level: 4
              core_values: &waarden [open, eerlijk]
          stakeholders:
            - id: bewoners
              name: Bewoners
              category: citizens
              sector: civil
              participation_level: 1
              interest: =
        goals:
          - id: doel
            title: Doel
            partners: [gemeente]
            interests: []
        """
    )
    agreement = loads_agreement(text)
    assert str(agreement.programme.start) == "2025-01-01"
    assert str(agreement.finance.cost_items[0].amount) == "1234.56"
    assert agreement.partnership.partners[0].core_values == ["open", "eerlijk"]
    assert agreement.partnership.stakeholders[0].interest == "="


def test_aliases_for_reuse_are_allowed(loader: str) -> None:
    text = MINIMAL + dedent(
        """\
        planning:
          phases:
            - id: f1
              name: Een
              start: &begin 2025-01-01
              end: 2025-06-30
              results: &resultaten [Plan, Besluit]
            - id: f2
              name: Twee
              start: *begin
              end: 2025-12-31
              results: *resultaten
        """
    )
    phases = loads_agreement(text).planning.phases
    assert phases[1].start == phases[0].start
    assert phases[1].results == ["Plan", "Besluit"]


# --- Problems and how they are shown -----------------------------------------------------------


def test_problem_text_names_file_line_column_and_path() -> None:
    problem = LoadProblem("programma.yaml", 12, 5, "goals[3].title", "Verplicht veld ontbreekt.")
    assert str(problem) == "programma.yaml:12:5: goals[3].title: Verplicht veld ontbreekt."
    assert str(LoadProblem("a.yaml", None, None, "", "Het bestand is leeg.")) == (
        "a.yaml: Het bestand is leeg."
    )
    error = DocumentError([problem, LoadProblem("a.yaml", 1, 1, "", "Tweede.")])
    assert str(error).splitlines() == [str(problem), "a.yaml:1:1: Tweede."]


def test_malformed_yaml_reports_line_and_column(loader: str) -> None:
    text = "programme:\n  name: Oost\n  summary: dit: kan niet\n"
    problem = only_problem(text)
    assert (problem.file, problem.line, problem.column) == ("programma.yaml", 3, 15)
    assert problem.message.startswith("De YAML-opmaak klopt niet")
    assert "aanhalingstekens" in problem.message


def test_unclosed_bracket_is_reported(loader: str) -> None:
    problem = only_problem("programme:\n  name: [Oost\n")
    assert problem.line == 3
    assert "komma of ']'" in problem.message


def test_wrong_type_gives_dutch_message_at_its_line(loader: str) -> None:
    text = (
        MINIMAL
        + "risks:\n  items:\n    - id: r1\n      title: Kosten\n"
        + ("      likelihood: hoog\n      impact: 3\n")
    )
    problem = only_problem(text)
    assert (problem.line, problem.column) == (7, 19)
    assert problem.path == "risks.items[0].likelihood"
    assert problem.message == "Hier wordt een geheel getal verwacht, maar er staat de tekst 'hoog'."


def test_number_where_text_is_expected_suggests_quotes(loader: str) -> None:
    problem = only_problem("programme:\n  name: 2025\n")
    assert (problem.line, problem.column, problem.path) == (2, 9, "programme.name")
    assert "Hier wordt tekst verwacht, maar er staat het getal 2025" in problem.message
    assert "aanhalingstekens" in problem.message


def test_unknown_field_lists_allowed_fields(loader: str) -> None:
    text = MINIMAL + "goals:\n  - id: doel\n    titel: Betaalbaar wonen\n"
    problems = problems_of(text)
    unknown = next(p for p in problems if p.path == "goals[0].titel")
    assert (unknown.line, unknown.column) == (5, 5)
    assert unknown.message.startswith("Onbekend veld 'titel'. Controleer de spelling")
    assert "bedoel je 'title'?" in unknown.message
    assert "toegestane velden zijn: id, title, description, contributes_to_ambition" in (
        unknown.message
    )
    missing = next(p for p in problems if p.path == "goals[0].title")
    assert missing.message == "Verplicht veld ontbreekt."
    assert (missing.line, missing.column) == (4, 5)  # the block that lacks the field


def test_missing_required_block_points_at_the_document() -> None:
    problem = only_problem("goals: []\n")
    assert (problem.line, problem.column, problem.path) == (1, 1, "programme")
    assert problem.message == "Verplicht veld ontbreekt."


def test_problems_are_sorted_by_position(loader: str) -> None:
    text = dedent(
        """\
        programme:
          name: Oost
          start: volgend jaar
        indicators:
          - id: 1e
            name: Woningen
            goal: doel
            direction: omhoog
        """
    )
    problems = problems_of(text)
    assert [(p.line, p.path) for p in problems] == [
        (3, "programme.start"),
        (5, "indicators[0].id"),
        (8, "indicators[0].direction"),
    ]
    assert "JJJJ-MM-DD" in problems[0].message
    assert "begint met een letter" in problems[1].message
    assert "Kies uit: increase (Hoger is beter) of decrease (Lager is beter)." in (
        problems[2].message
    )


def test_impossible_date_is_reported(loader: str) -> None:
    problem = only_problem("programme:\n  name: Oost\n  start: 2025-02-30\n")
    assert (problem.line, problem.column) == (3, 10)
    assert problem.message == "'2025-02-30' is geen bestaande datum."


def test_duplicate_key_is_refused(loader: str) -> None:
    text = "programme:\n  name: Oost\n  region: Zuid\n  name: West\n"
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.path) == (4, 3, "programme.name")
    assert "sleutel 'name' komt twee keer voor" in problem.message
    assert "regel 2" in problem.message


def test_duplicate_id_is_reported_at_the_second_item(loader: str) -> None:
    text = MINIMAL + dedent(
        """\
        goals:
          - id: doel
            title: Eerste
          - id: doel
            title: Tweede
        """
    )
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.path) == (6, 9, "goals[1].id")
    assert "Het id 'doel' komt al voor (bij goals[0])" in problem.message


def test_dangling_reference_is_reported_at_its_line(loader: str) -> None:
    text = MINIMAL + dedent(
        """\
        goals:
          - id: doel
            title: Eerste
            contributes_to:
              - hoofddoel
        """
    )
    problem = only_problem(text)
    assert (problem.line, problem.column) == (7, 9)
    assert problem.path == "goals[0].contributes_to[0]"
    assert problem.message == (
        "Verwijzing naar 'hoofddoel' klopt niet: er is geen doel met dit id."
    )


def test_newer_schema_version_is_refused_in_dutch(loader: str) -> None:
    problem = only_problem("schema_version: '2.0'\n" + MINIMAL)
    assert (problem.line, problem.path) == (1, "schema_version")
    assert problem.message.startswith("Schemaversie 2.0 wordt door deze versie van Stramien")


# --- Unsafe or hostile YAML --------------------------------------------------------------------


def test_python_object_tag_is_refused(loader: str) -> None:
    text = MINIMAL + "  summary: !!python/object/apply:os.system ['echo gehackt']\n"
    problem = only_problem(text)
    assert (problem.line, problem.column) == (3, 12)
    assert "onbekende of onveilige tag ('!!python/object/apply:os.system')" in problem.message


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!eigen waarde", "!eigen"),
        ("!!binary aGFsbG8=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!!str [a]", "!!str"),
    ],
)
def test_other_tags_are_refused(loader: str, value: str, shown: str) -> None:
    problem = only_problem(MINIMAL + f"  summary: {value}\n")
    assert problem.line == 3
    assert f"onbekende of onveilige tag ('{shown}')" in problem.message


def test_billion_laughs_is_refused_quickly(loader: str) -> None:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    for level in range(1, 10):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    started = time.perf_counter()
    problem = only_problem("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2
    assert "te groot" in problem.message
    assert "1.000.000" in problem.message
    assert problem.line is not None


@pytest.mark.parametrize("filename", ["diep.yaml", "diep.json"])
def test_deep_nesting_is_refused_without_recursion_error(loader: str, filename: str) -> None:
    problem = only_problem("[" * 10_000 + "]" * 10_000, filename)
    assert problem.line == 1
    assert "te diep in elkaar genest" in problem.message


def test_deep_block_nesting_is_refused(loader: str) -> None:
    problem = only_problem("- " * 5_000 + "x\n")
    assert (problem.line, problem.column) == (1, 129)
    assert "te diep in elkaar genest (meer dan 64 niveaus)" in problem.message


def test_merge_key_is_refused(loader: str) -> None:
    text = "basis: &basis {name: Oost}\nprogramme:\n  <<: *basis\n"
    problem = only_problem(text)
    assert (problem.line, problem.column) == (3, 3)
    assert "'<<' wordt niet ondersteund" in problem.message


def test_non_text_key_is_refused(loader: str) -> None:
    problem = only_problem(MINIMAL + "  2025: begin\n")
    assert (problem.line, problem.column) == (3, 3)
    assert "Zet hem tussen aanhalingstekens" in problem.message


def test_undefined_alias_is_refused(loader: str) -> None:
    problem = only_problem("programme:\n  name: *onbekend\n")
    assert (problem.line, problem.column) == (2, 9)
    assert "geen bijbehorend anker" in problem.message


def test_control_character_is_refused_with_position(loader: str) -> None:
    problem = only_problem("programme:\n  name: Oo\x07st\n")
    assert (problem.line, problem.column) == (2, 11)
    assert "U+0007" in problem.message


# --- Files and bytes ---------------------------------------------------------------------------


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "groot.yaml"
    path.write_bytes(MINIMAL.encode() + b"# " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(DocumentError) as caught:
        load_agreement(path)
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == (str(path), None)
    assert problem.message.startswith("Het bestand is te groot: meer dan 10 MB.")


def test_oversized_upload_is_refused() -> None:
    problem = only_problem(b" " * (MAX_BYTES + 1), "upload.json")
    assert "te groot" in problem.message
    problem = only_problem("#" * (MAX_BYTES + 1))
    assert "te groot" in problem.message


def test_non_utf8_bytes_are_reported_with_position() -> None:
    problem = only_problem(b"programme:\n  name: Caf\xe9 \xff\n")
    assert (problem.line, problem.column) == (2, 12)
    assert "geen geldige UTF-8-tekst" in problem.message
    assert "0xE9" in problem.message


def test_single_bad_byte() -> None:
    problem = only_problem(b"\xff")
    assert (problem.line, problem.column) == (1, 1)
    assert "UTF-8" in problem.message


@pytest.mark.parametrize("text", ["", "\n\n", "# alleen commentaar\n", "---\n", "~\n"])
def test_empty_document(loader: str, text: str) -> None:
    problem = only_problem(text)
    assert problem.message == "Het bestand is leeg."
    assert only_problem(text, "leeg.json").message in (
        "Het bestand is leeg.",
        "De JSON-opmaak klopt niet: hier hoort een waarde.",
    )


def test_list_at_top_level_is_refused(loader: str) -> None:
    problem = only_problem("- programme\n- goals\n")
    assert (problem.line, problem.column) == (1, 1)
    assert "moet een blok met velden zijn" in problem.message
    assert "een lijst" in problem.message


def test_text_at_top_level_is_refused() -> None:
    problem = only_problem('"alleen tekst"', "programma.json")
    assert "maar het bevat de tekst 'alleen tekst'" in problem.message


def test_multiple_documents_are_refused(loader: str) -> None:
    problem = only_problem(MINIMAL + "---\nprogramme:\n  name: Tweede\n")
    assert (problem.line, problem.column) == (3, 1)
    assert "meer dan één YAML-document" in problem.message


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "bestaat-niet.yaml"
    with pytest.raises(DocumentError) as caught:
        load_agreement(path)
    assert str(caught.value) == f"{path}: Het bestand bestaat niet."


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        load_agreement(tmp_path)
    assert str(caught.value) == f"{tmp_path}: Dit is een map, geen bestand."


# --- JSON --------------------------------------------------------------------------------------


def test_json_duplicate_key_is_refused() -> None:
    text = '{\n  "programme": {\n    "name": "Oost",\n    "name": "West"\n  }\n}\n'
    problem = only_problem(text, "programma.json")
    assert (problem.line, problem.column, problem.path) == (4, 5, "programme.name")
    assert "sleutel 'name' komt twee keer voor" in problem.message


def test_json_syntax_error_reports_position() -> None:
    text = '{\n  "programme": {\n    "name": "Oost",\n  }\n}\n'
    problem = only_problem(text, "programma.json")
    assert (problem.line, problem.column) == (4, 3)
    assert problem.message.startswith("De JSON-opmaak klopt niet")
    assert "veldnaam tussen dubbele aanhalingstekens" in problem.message


def test_json_validation_problems_point_at_the_value() -> None:
    text = (
        '{\n  "programme": {"name": "Oost"},\n  "risks": {"items": [\n'
        '    {"id": "r1", "title": "Kosten", "likelihood": 9, "impact": 1}\n  ]}\n}\n'
    )
    problem = only_problem(text, "programma.json")
    assert (problem.line, problem.column) == (4, 51)
    assert problem.path == "risks.items[0].likelihood"
    assert problem.message == "De waarde mag hoogstens 5 zijn, maar er staat het getal 9."


def test_json_lone_surrogate_is_refused() -> None:
    problem = only_problem('{"programme": {"name": "\\udc00"}}', "programma.json")
    assert (problem.line, problem.column) == (1, 24)
    assert "surrogaat" in problem.message
