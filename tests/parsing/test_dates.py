"""Dates in every common form, with their precision; relative dates against a document's own date."""

from __future__ import annotations

import datetime as dt

import pytest

from kzgov.parsing.dates import find_spans, find_when, parse_when


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("on 7 August 2037 the", "2037-08-07", "day"),
        ("on August 7, 2037 the", "2037-08-07", "day"),
        ("on 7 Aug. 2037 the", "2037-08-07", "day"),
        ("on 7th of August 2037", "2037-08-07", "day"),
        ("at 2037-08-07 the", "2037-08-07", "day"),
        ("Published: 07.08.2037", "2037-08-07", "day"),
        ("ELECTIONS OF 7 AUGUST 2037", "2037-08-07", "day"),
        ("in August 2037 the", "2037-08-01", "month"),
        ("in 2037 the", "2037-01-01", "year"),
    ],
)
def test_absolute_dates_with_their_precision(text: str, date: str, precision: str) -> None:
    found = find_when(text)
    assert [(w.date, w.precision, w.inferred) for w in found] == [(_d(date), precision, False)]
    assert text[found[0].start : found[0].end].strip(" .")


@pytest.mark.parametrize(
    "text",
    ["won 2015 votes", "a 1,998 km border", "12.2037 is no date", "the 2037 seats", "rose 1999%", "31 February 2037"],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_when(text) == []


def test_dates_glued_together_as_a_copied_table_leaves_them() -> None:
    found = find_when("4 May 203114 June 20361999, 2004")
    assert [(w.date, w.precision) for w in found] == [
        (_d("2031-05-04"), "day"),
        (_d("2036-06-14"), "day"),
        (_d("1999-01-01"), "year"),
        (_d("2004-01-01"), "year"),
    ]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Minister (2031–2034)", "2031-01-01", "2034-01-01"),
        ("from 2031 to 2034", "2031-01-01", "2034-01-01"),
        ("2036–present", "2036-01-01", None),
        ("acting from 4 to 9 March 2032", "2032-03-04", "2032-03-09"),
    ],
)
def test_spans(text: str, first: str, last: str | None) -> None:
    dates = find_when(text)
    spans = find_spans(text, dates)
    assert len(spans) == 1
    assert spans[0].first.date == _d(first)
    assert (spans[0].last.date if spans[0].last else None) == (_d(last) if last else None)


ANCHOR = _d("2040-03-14")  # a Wednesday


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("voted on Tuesday", "2040-03-13", "day"),
        ("since Monday's vote", "2040-03-12", "day"),
        ("last Thursday", "2040-03-08", "day"),
        ("a week ago", "2040-03-07", "day"),
        ("two days ago", "2040-03-12", "day"),
        ("yesterday", "2040-03-13", "day"),
        ("today", "2040-03-14", "day"),
        ("last month", "2040-02-01", "month"),
        ("last year", "2039-01-01", "year"),
        ("on May 2 the", "2040-05-02", "day"),
        ("on 28 December the", "2039-12-28", "day"),
        ("in late January", "2040-01-01", "month"),
    ],
)
def test_relative_dates_resolve_against_the_anchor(text: str, date: str, precision: str) -> None:
    found = find_when(text, ANCHOR)
    assert [(w.date, w.precision, w.inferred) for w in found] == [(_d(date), precision, True)]


def test_relative_to_the_last_day_mentioned() -> None:
    text = "He took the oath on 9 May 2040, a day after his rival conceded. Later that Wednesday he spoke."
    found = find_when(text, None)
    assert [(w.date, w.inferred) for w in found] == [
        (_d("2040-05-09"), False),
        (_d("2040-05-08"), True),  # "a day after <event>": the event came a day before
        (_d("2040-05-09"), True),  # that Wednesday: the week of the day last named
    ]
    saturday = find_when("On the Saturday after the vote, it ended.", None, _d("2040-05-09"))
    assert [w.date for w in saturday] == [_d("2040-05-12")]


def test_a_weekday_beside_a_full_date_is_no_date_of_its_own() -> None:
    assert [w.date for w in find_when("held on Sunday, 4 March 2040", ANCHOR)] == [_d("2040-03-04")]


def test_relative_dates_need_something_to_be_relative_to() -> None:
    assert find_when("last Tuesday, a week ago", None) == []
    assert find_when("5000 years ago", ANCHOR) == []  # no such year


def test_parse_when_reads_a_cell_alone() -> None:
    assert parse_when("18 Aug 2037").date == _d("2037-08-18")  # type: ignore[union-attr]
    assert parse_when("18 Aug 2037 and more") is None
