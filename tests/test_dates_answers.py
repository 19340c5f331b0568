"""Partial dates written out by hand (issue 26): the first and last day of every kind of period,
what each one covers, how each is written back, and the exact message for each bad date, day
and year a reader can type."""

from __future__ import annotations

import datetime as dt

import pytest

from blocmap.core.dates import PartialDate, parse_day, parse_partial, parse_year
from blocmap.core.errors import DateError, QueryError

D = dt.date


@pytest.mark.parametrize("text, precision, first, last", [
    ("1950", "year", D(1950, 1, 1), D(1950, 12, 31)),
    ("1991-12", "month", D(1991, 12, 1), D(1991, 12, 31)),
    ("2003-04", "month", D(2003, 4, 1), D(2003, 4, 30)),
    ("2023-02", "month", D(2023, 2, 1), D(2023, 2, 28)),
    ("2024-02", "month", D(2024, 2, 1), D(2024, 2, 29)),       # a leap year
    ("1900-02", "month", D(1900, 2, 1), D(1900, 2, 28)),       # a century, not a leap year
    ("2000-02", "month", D(2000, 2, 1), D(2000, 2, 29)),       # every 400 years, a leap year
    ("2015-01-02", "day", D(2015, 1, 2), D(2015, 1, 2)),
    ("2012-12-19", "day", D(2012, 12, 19), D(2012, 12, 19)),
])
def test_first_and_last_day_of_each_period(text, precision, first, last):
    period = parse_partial(text)
    assert (period.precision, period.earliest, period.latest) == (precision, first, last)
    assert str(period) == text
    day = dt.timedelta(days=1)
    assert period.covers(first) and period.covers(last)
    assert not period.covers(first - day) and not period.covers(last + day)


@pytest.mark.parametrize("given, expected", [
    (1993, PartialDate(1993)),
    (" 1993 ", PartialDate(1993)),
    ("0999", PartialDate(999)),
    ("2006-01", PartialDate(2006, 1)),
    (D(2015, 8, 12), PartialDate(2015, 8, 12)),
    (dt.datetime(2015, 8, 12, 23, 59), PartialDate(2015, 8, 12)),
])
def test_what_parse_partial_accepts(given, expected):
    parsed = parse_partial(given)
    assert parsed == expected
    assert (parsed.year, parsed.month, parsed.day) == (expected.year, expected.month, expected.day)


def test_a_partial_date_is_written_with_its_zeros():
    assert [str(PartialDate(999)), str(PartialDate(2006, 1)), str(PartialDate(2015, 1, 2))] == [
        "0999", "2006-01", "2015-01-02"]
    assert PartialDate.from_date(D(1950, 3, 4)) == PartialDate(1950, 3, 4)


@pytest.mark.parametrize("text, message", [
    (None, "a date must be written YYYY, YYYY-MM or YYYY-MM-DD, not None"),
    (1.5, "a date must be written YYYY, YYYY-MM or YYYY-MM-DD, not 1.5"),
    ("93", "'93' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("1993-1", "'1993-1' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("1993-04-01x", "'1993-04-01x' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("0000", "'0000' is not a date: year 0 does not exist (years start at 0001)"),
    ("1993-13", "'1993-13' is not a date: month 13 does not exist"),
    ("1993-00", "'1993-00' is not a date: month 0 does not exist"),
    ("1993-02-29", "'1993-02-29' is not a date: day 29 does not exist in 1993-02"),
    ("1993-04-31", "'1993-04-31' is not a date: day 31 does not exist in 1993-04"),
    ("1993-04-00", "'1993-04-00' is not a date: day 0 does not exist in 1993-04"),
])
def test_each_bad_date_says_why(text, message):
    with pytest.raises(DateError) as caught:
        parse_partial(text)
    assert str(caught.value) == message


@pytest.mark.parametrize("text", ["1993-12", "1993-01", "1993-04-30", "1992-02-29", "1993-01-01", "0001"])
def test_the_last_month_and_last_day_are_dates(text):
    assert str(parse_partial(text)) == text


# --- a day for a question --------------------------------------------------------------------

def test_a_day_for_a_question():
    today = D.today()
    assert parse_day("2015-01-02") == D(2015, 1, 2)
    assert parse_day(D(1950, 6, 25)) == D(1950, 6, 25)
    assert parse_day(dt.datetime(2003, 3, 20, 5, 30)) == D(2003, 3, 20)
    assert parse_day(" Today ") == today and parse_day("today") == today
    assert parse_day(today.isoformat()) == today           # today has happened
    assert parse_day(today) == today


@pytest.mark.parametrize("text, message", [
    ("abc", "on: 'abc' is not a day: write YYYY-MM-DD or 'today'"),
    (None, "on: 'None' is not a day: write YYYY-MM-DD or 'today'"),
    ("x" * 60, "on: '" + "x" * 39 + "…' is not a day: write YYYY-MM-DD or 'today'"),
    ("2015-02-30", "on: '2015-02-30' is not a date: day 30 does not exist in 2015-02"),
    ("0000-01-01", "on: '0000-01-01' is not a date: year 0 does not exist (years start at 0001)"),
    ("2015-01", "on: '2015-01' is a month; a question needs a day (YYYY-MM-DD)"),
    ("2015", "on: '2015' is a year; a question needs a day (YYYY-MM-DD)"),
])
def test_each_bad_day_says_why_and_names_the_parameter(text, message):
    with pytest.raises(QueryError) as caught:
        parse_day(text, "on")
    assert str(caught.value) == message and caught.value.parameter == "on"


def test_a_day_after_today_is_refused():
    today = D.today()
    for later in (today + dt.timedelta(days=1), (today + dt.timedelta(days=1)).isoformat()):
        with pytest.raises(QueryError) as caught:
            parse_day(later, "at")
        tomorrow = (today + dt.timedelta(days=1)).isoformat()
        assert str(caught.value) == (f"at: {tomorrow} is after today ({today.isoformat()}); "
                                     "the atlas records only days that have happened")
        assert caught.value.parameter == "at"
    with pytest.raises(QueryError) as caught:
        parse_day("2015", "date")
    assert caught.value.parameter == "date"


@pytest.mark.parametrize("text, year", [("2015", 2015), (" 1950 ", 1950), (1991, 1991), ("1", 1), ("9999", 9999)])
def test_a_year_for_a_question(text, year):
    assert parse_year(text) == year


@pytest.mark.parametrize("text, message", [
    ("abc", "from: 'abc' is not a year"),
    (None, "from: 'None' is not a year"),
    ("0", "from: 0 is out of range"),
    ("-5", "from: -5 is out of range"),
    ("10000", "from: 10000 is out of range"),
])
def test_each_bad_year_says_why(text, message):
    with pytest.raises(QueryError) as caught:
        parse_year(text, "from")
    assert str(caught.value) == message and caught.value.parameter == "from"


def test_the_parameter_named_by_default():
    with pytest.raises(QueryError) as caught:
        parse_day("abc")
    assert (caught.value.parameter, str(caught.value)) == (
        "date", "date: 'abc' is not a day: write YYYY-MM-DD or 'today'")
    with pytest.raises(QueryError) as caught:
        parse_year("abc")
    assert (caught.value.parameter, str(caught.value)) == ("year", "year: 'abc' is not a year")
