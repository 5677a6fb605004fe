"""Plan dates as people know them: "Q3 2026", "medio 2019", "voorjaar 2027", "maart 2026".

A planned date is stored as an ordinary date plus a :class:`DatePrecision`. The date is the
first day of the period (the last day for the end of a phase); the precision says how wide
the period is. So sorting and every piece of code that only wants a date keep working, while
the checks use the whole period (:func:`window`) and the documents write it as people say it
(:func:`plan_date`).

The periods:

* month: the calendar month; quarter: three months from January, April, July or October;
  half year: January to June or July to December; year: the calendar year;
* season: spring (voorjaar) March to May, summer June to August, autumn (najaar) September to
  November, winter December to February. "winter 2027" is the winter whose January falls in
  2027 (December 2026 to February 2027), written "winter 2026/2027";
* mid-year (medio): June and July; early in the year (begin): January to March; late in the
  year (eind): October to December.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from stramien.formatting import MONTHS, long_date, short_date

from .enums import DatePrecision

__all__ = [
    "PLAN_DATE_ERROR",
    "PLAN_DATE_FORMS",
    "PlanDate",
    "PlanDateEnd",
    "overlaps",
    "parse_plan_date",
    "plan_date",
    "precision_from_input",
    "sort_key",
    "window",
]

PLAN_DATE_ERROR = "plan_date"

#: The forms a planned date may take, as the error message lists them.
PLAN_DATE_FORMS = (
    "een dag (2026-03-15 of 15 maart 2026), een maand (maart 2026 of 2026-03), "
    "een kwartaal (Q3 2026, 2026-Q3 of 3e kwartaal 2026), een halfjaar (H1 2026 of "
    "1e helft 2026), een seizoen (voorjaar, lente, zomer, najaar, herfst of winter 2027), "
    "medio 2019 (of mid-2019), begin 2027, eind 2026, of alleen een jaar (2026)"
)

_SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_SEASON_WORDS = {
    "voorjaar": "spring",
    "lente": "spring",
    "spring": "spring",
    "zomer": "summer",
    "summer": "summer",
    "najaar": "autumn",
    "herfst": "autumn",
    "autumn": "autumn",
    "fall": "autumn",
    "winter": "winter",
}
_SEASON_LABELS = {3: "voorjaar", 6: "zomer", 9: "najaar", 12: "winter"}

_MONTH_WORDS: dict[str, int] = {}
for _number, _name in enumerate(MONTHS, start=1):
    _MONTH_WORDS[_name] = _number
    _MONTH_WORDS[_name[:3]] = _number
_MONTH_WORDS.update({"mrt": 3, "sept": 9, "okt": 10, "march": 3, "may": 5, "oct": 10})

_ORDINALS = {
    "1": 1, "1e": 1, "1ste": 1, "eerste": 1,
    "2": 2, "2e": 2, "2de": 2, "tweede": 2,
    "3": 3, "3e": 3, "3de": 3, "derde": 3,
    "4": 4, "4e": 4, "4de": 4, "vierde": 4,
}  # fmt: skip

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = r"(?P<year>\d{4})"
_ORD = r"(?P<n>[1-4](?:e|ste|de)?|eerste|tweede|derde|vierde)"

Period = tuple[dt.date, dt.date, DatePrecision]


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _span(year: int, first_month: int, months: int, precision: DatePrecision) -> Period:
    last_month = first_month + months - 1
    last_year = year + (last_month - 1) // 12
    last_month = (last_month - 1) % 12 + 1
    return dt.date(year, first_month, 1), _month_end(last_year, last_month), precision


def _quarter(year: int, n: int) -> Period:
    return _span(year, 3 * n - 2, 3, DatePrecision.QUARTER)


def _half(year: int, n: int) -> Period:
    if n > 2:
        raise ValueError(n)
    return _span(year, 6 * n - 5, 6, DatePrecision.HALF_YEAR)


def _season(year: int, season: str) -> Period:
    month = _SEASON_MONTH[season]
    # A winter is named after the year of its January: winter 2027 starts in December 2026.
    return _span(year - 1 if month == 12 else year, month, 3, DatePrecision.SEASON)


Parser = Callable[[re.Match[str]], Period]


def _year_of(m: re.Match[str]) -> int:
    return int(m["year"])


_PATTERNS: list[tuple[re.Pattern[str], Parser]] = [
    (re.compile(rf"^{_YEAR}$"), lambda m: _span(_year_of(m), 1, 12, DatePrecision.YEAR)),
    (
        re.compile(rf"^{_YEAR}-(?P<month>\d{{1,2}})$"),
        lambda m: _span(_year_of(m), int(m["month"]), 1, DatePrecision.MONTH),
    ),
    (
        re.compile(rf"^(?P<month>\d{{1,2}})[-/]{_YEAR}$"),
        lambda m: _span(_year_of(m), int(m["month"]), 1, DatePrecision.MONTH),
    ),
    (
        re.compile(rf"^(?P<day>\d{{1,2}}) (?P<word>[a-z]+) {_YEAR}$"),
        lambda m: _day(int(m["day"]), _MONTH_WORDS[m["word"]], _year_of(m)),
    ),
    (
        re.compile(rf"^(?P<word>[a-z]+) {_YEAR}$"),
        lambda m: _word_year(m["word"], _year_of(m)),
    ),
    (
        re.compile(rf"^(?:q|k|kw) ?(?P<n>[1-4])[ -]?{_YEAR}$"),
        lambda m: _quarter(_year_of(m), int(m["n"])),
    ),
    (
        re.compile(rf"^{_YEAR}[ -]?(?:q|k|kw)(?P<n>[1-4])$"),
        lambda m: _quarter(_year_of(m), int(m["n"])),
    ),
    (
        re.compile(rf"^{_ORD} kwartaal(?: van)? {_YEAR}$"),
        lambda m: _quarter(_year_of(m), _ORDINALS[m["n"]]),
    ),
    (
        re.compile(rf"^kwartaal (?P<n>[1-4]) {_YEAR}$"),
        lambda m: _quarter(_year_of(m), int(m["n"])),
    ),
    (
        re.compile(rf"^(?:h|hj) ?(?P<n>[12])[ -]?{_YEAR}$"),
        lambda m: _half(_year_of(m), int(m["n"])),
    ),
    (
        re.compile(rf"^{_YEAR}[ -]?(?:h|hj)(?P<n>[12])$"),
        lambda m: _half(_year_of(m), int(m["n"])),
    ),
    (
        re.compile(rf"^{_ORD} (?:helft|halfjaar|half jaar)(?: van)? {_YEAR}$"),
        lambda m: _half(_year_of(m), _ORDINALS[m["n"]]),
    ),
    (
        re.compile(rf"^winter {_YEAR}[-/](?P<next>\d{{4}})$"),
        lambda m: _winter_pair(_year_of(m), int(m["next"])),
    ),
    (
        re.compile(rf"^(?:medio|mid|midden|half|halverwege) ?-?{_YEAR}$"),
        lambda m: _span(_year_of(m), 6, 2, DatePrecision.MID_YEAR),
    ),
    (
        re.compile(rf"^(?:begin|early|start)(?: van)? {_YEAR}$"),
        lambda m: _span(_year_of(m), 1, 3, DatePrecision.EARLY_YEAR),
    ),
    (
        re.compile(rf"^(?:eind|einde|end|late|end of)(?: van)? {_YEAR}$"),
        lambda m: _span(_year_of(m), 10, 3, DatePrecision.LATE_YEAR),
    ),
]


def _day(day: int, month: int, year: int) -> Period:
    found = dt.date(year, month, day)
    return found, found, DatePrecision.DAY


def _word_year(word: str, year: int) -> Period:
    if word in _MONTH_WORDS:
        return _span(year, _MONTH_WORDS[word], 1, DatePrecision.MONTH)
    return _season(year, _SEASON_WORDS[word])


def _winter_pair(year: int, following: int) -> Period:
    if following != year + 1:
        raise ValueError(following)
    return _season(following, "winter")


def _normalised(text: str) -> str:
    text = text.strip().lower().replace("\u00a0", " ").replace("–", "-")
    text = re.sub(r"\.(?=\s|$)", "", text)  # "mrt. 2026", "sept."
    return re.sub(r"\s+", " ", text)


def parse_plan_date(value: Any) -> Period | None:
    """The period a text (or a bare year) stands for: first day, last day, precision.

    ``None`` for a value that is not such a text (a date, an ISO date text, anything else);
    :class:`ValueError` for a text that looks like none of the accepted forms.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if 1900 <= value <= 2200:
            return _span(value, 1, 12, DatePrecision.YEAR)
        return None
    if not isinstance(value, str):
        return None
    text = _normalised(value)
    if _ISO_DAY.match(text):
        return None
    for pattern, make in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        try:
            return make(match)
        except (KeyError, ValueError):
            continue  # a word that is no month or season, a month 13: try the next form
    raise ValueError(value)


def _error(value: Any) -> PydanticCustomError:
    text = str(value)[:60]
    return PydanticCustomError(
        PLAN_DATE_ERROR,
        f"'{text}' is geen datum of periode die Stramien kent. Schrijf {PLAN_DATE_FORMS}.",
    )


def _converter(pick_last: bool) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        try:
            found = parse_plan_date(value)
        except ValueError:
            raise _error(value) from None
        if found is None:
            return value
        return found[1] if pick_last else found[0]

    return convert


#: A planned date that may also be written as a period; the first day of the period is kept.
PlanDate = Annotated[dt.date, BeforeValidator(_converter(pick_last=False))]
#: The same for the end of something: the last day of the period is kept.
PlanDateEnd = Annotated[dt.date, BeforeValidator(_converter(pick_last=True))]


def precision_from_input(data: Any, fields: Mapping[str, str]) -> Any:
    """For a ``model_validator(mode="before")``: set each precision from its date's text.

    ``fields`` maps a date field to its precision field. A precision other than the default
    (a day) given explicitly wins; "day" beside a period text is what a form sends when
    nobody touched the choice, so the text decides. A date that is no period text (or an
    unknown one, refused by the date field) sets nothing.
    """
    if not isinstance(data, dict):
        return data
    changed: dict[str, Any] | None = None
    for date_field, precision_field in fields.items():
        if data.get(precision_field) not in (None, "", DatePrecision.DAY, DatePrecision.DAY.value):
            continue
        try:
            found = parse_plan_date(data.get(date_field))
        except ValueError:
            continue
        if found is not None and found[2] is not DatePrecision.DAY:
            changed = changed if changed is not None else dict(data)
            changed[precision_field] = found[2].value
    return changed if changed is not None else data


def window(
    day: dt.date, precision: DatePrecision | str = DatePrecision.DAY
) -> tuple[dt.date, dt.date]:
    """The first and last day of the period of ``precision`` that holds ``day``."""
    precision = DatePrecision(precision)
    year, month = day.year, day.month
    if precision is DatePrecision.DAY:
        return day, day
    if precision is DatePrecision.MONTH:
        first, last, _p = _span(year, month, 1, precision)
    elif precision is DatePrecision.QUARTER:
        first, last, _p = _quarter(year, (month - 1) // 3 + 1)
    elif precision is DatePrecision.HALF_YEAR:
        first, last, _p = _half(year, 1 if month <= 6 else 2)
    elif precision is DatePrecision.SEASON:
        if month in (1, 2):
            first, last, _p = _span(year - 1, 12, 3, precision)
        else:
            first, last, _p = _span(year, month - (month % 3), 3, precision)
    elif precision is DatePrecision.MID_YEAR:
        first, last, _p = _span(year, 6, 2, precision)
    elif precision is DatePrecision.EARLY_YEAR:
        first, last, _p = _span(year, 1, 3, precision)
    elif precision is DatePrecision.LATE_YEAR:
        first, last, _p = _span(year, 10, 3, precision)
    else:
        first, last, _p = _span(year, 1, 12, precision)
    return first, last


def sort_key(
    day: dt.date, precision: DatePrecision | str = DatePrecision.DAY
) -> tuple[dt.date, dt.date]:
    """Order of planned dates: by the start of their period, the narrower period first."""
    return window(day, precision)


def overlaps(first: dt.date, last: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    """True when the days ``first`` to ``last`` share a day with ``start`` to ``end``
    (an open side, ``None``, reaches without limit)."""
    if start is not None and last < start:
        return False
    return not (end is not None and first > end)


_QUARTER_WORDS = {1: "1e", 2: "2e", 3: "3e", 4: "4e"}
_MONTHS_SHORT = (
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
)  # fmt: skip


def plan_date(
    day: dt.date | None,
    precision: DatePrecision | str = DatePrecision.DAY,
    *,
    style: str = "long",
) -> str:
    """A planned date as people say it: 3e kwartaal 2026, medio 2019, voorjaar 2027.

    ``style`` only changes how a date to the day (and, for ``compact``, a period) reads:
    ``long`` 15 maart 2026, ``short`` 15-03-2026, ``compact`` 15-03-2026 with periods as
    Q3 2026, H1 2026 and mrt 2026 (for figures, where room is scarce).
    """
    if day is None:
        return long_date(None)
    precision = DatePrecision(precision)
    compact = style == "compact"
    year, month = day.year, day.month
    if precision is DatePrecision.DAY:
        return long_date(day) if style == "long" else short_date(day)
    if precision is DatePrecision.MONTH:
        name = MONTHS[month - 1]
        return f"{_MONTHS_SHORT[month - 1] if compact else name} {year}"
    if precision is DatePrecision.QUARTER:
        n = (month - 1) // 3 + 1
        return f"Q{n} {year}" if compact else f"{_QUARTER_WORDS[n]} kwartaal {year}"
    if precision is DatePrecision.HALF_YEAR:
        n = 1 if month <= 6 else 2
        return f"H{n} {year}" if compact else f"{_QUARTER_WORDS[n]} helft {year}"
    if precision is DatePrecision.SEASON:
        first, _last = window(day, precision)
        if first.month == 12:
            return f"winter {first.year}/{first.year + 1}"
        return f"{_SEASON_LABELS[first.month]} {year}"
    if precision is DatePrecision.MID_YEAR:
        return f"medio {year}"
    if precision is DatePrecision.EARLY_YEAR:
        return f"begin {year}"
    if precision is DatePrecision.LATE_YEAR:
        return f"eind {year}"
    return str(year)
