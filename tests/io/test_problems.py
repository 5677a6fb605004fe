"""Problems about the content and the file itself: Dutch, and quick even when there are many."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from dutch_messages import assert_dutch, english_words

from stramien.io import DocumentError, load_agreement, loads_agreement
from stramien.io.errors import describe_error


def test_a_hundred_thousand_unknown_fields_are_reported_quickly() -> None:
    data: dict[str, Any] = {"programme": {"name": "Oost"}}
    data.update({f"veld{n}": n for n in range(100_000)})
    started = time.perf_counter()
    with pytest.raises(DocumentError) as caught:
        loads_agreement(json.dumps(data, indent=1), "veel.json")
    assert time.perf_counter() - started < 5
    problems = caught.value.problems
    assert len(problems) == 101
    assert problems[0].path == "veld0"
    assert (problems[0].line, problems[0].column) == (5, 2)
    assert "Onbekend veld 'veld0'" in problems[0].message
    assert problems[-1].message == "En nog 99900 andere problemen; los eerst deze op."


def test_pydantic_error_without_dutch_text_still_gets_dutch() -> None:
    err: Any = {"type": "iets_nieuws", "loc": ("x",), "msg": "Input should be new", "input": 5}
    message = describe_error(err, ("x",))
    assert message.startswith("Deze waarde past hier niet: er staat het getal 5.")
    assert not english_words(message)


def test_symlink_loop_is_explained_in_dutch(tmp_path: Path) -> None:
    path = tmp_path / "kring.yaml"
    os.symlink(path, path)
    with pytest.raises(DocumentError) as caught:
        load_agreement(path)
    [problem] = caught.value.problems
    assert problem.message == (
        "Het bestand kan niet gelezen worden: het pad bevat een kring van symbolische koppelingen."
    )
    assert_dutch(problem)


def test_name_too_long_is_explained_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        load_agreement(tmp_path / ("x" * 5_000))
    [problem] = caught.value.problems
    assert problem.message.endswith("de naam of het pad is te lang.")
