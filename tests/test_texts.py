"""Messages of the pure modules: Dutch text that remembers how it was made."""

from __future__ import annotations

import copy
import pickle

from stramien.model import ReportingFrequency, period_key_problem
from stramien.texts import Text
from stramien.texts import translatable as _


def test_a_text_is_the_dutch_message_with_its_template_and_values() -> None:
    message = _("'%(key)s' is geen geldige periode.", key="2027-Q9")
    assert message == "'2027-Q9' is geen geldige periode."
    assert isinstance(message, str)
    assert message.template == "'%(key)s' is geen geldige periode."
    assert dict(message.params) == {"key": "2027-Q9"}


def test_a_text_survives_pickling_and_copying_with_its_template() -> None:
    message = _("Deze indicator heeft geen uitsplitsing '%(key)s'.", key="wijk")
    for again in (pickle.loads(pickle.dumps(message)), copy.deepcopy(message)):
        assert isinstance(again, Text)
        assert again == message
        assert again.template == message.template


def test_a_period_problem_keeps_its_parts_for_translation() -> None:
    problem = period_key_problem("2026-M04", ReportingFrequency.QUARTERLY)
    assert problem == (
        "'2026-M04' is een maand, maar deze indicator wordt per kwartaal gemeten; schrijf een "
        "kwartaal, bijvoorbeeld 2026-Q2."
    )
    assert isinstance(problem, Text)
    assert isinstance(problem.params["found"], Text)
