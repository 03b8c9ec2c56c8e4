"""Shared text helpers: dates with precision, numbers, sentences with spans, plain text offsets."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kzgov.claims import Period
from kzgov.parsing.text import (
    event_period,
    find_dates,
    iter_lines,
    make_plain,
    mentions_date_or_number,
    parse_date,
    parse_iso,
    parse_number,
    split_sentences,
)


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("20 March 2019", "2019-03-20", "day"),
        ("July 17, 2019", "2019-07-17", "day"),
        ("December 2019", "2019-12-01", "month"),
        ("2019", "2019-01-01", "year"),
        ("2022-01-07", "2022-01-07", "day"),
        ("3rd of Sept. 2011", "2011-09-03", "day"),
    ],
)
def test_parse_date_reads_precision(text: str, date: str, precision: str) -> None:
    assert parse_date(text) == (dt.date.fromisoformat(date), precision)


@pytest.mark.parametrize("text", ["31 February 2019", "2023-02-30", "Smarch 2019", "in 2019", ""])
def test_parse_date_rejects_impossible_or_extra(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("held in 2019 and in 2021.", [("2019", "year"), ("2021", "year")]),
        ("on 9 June 2019 following", [("9 June 2019", "day")]),
        ("Retrieved 2022-01-07.", [("2022-01-07", "day")]),
        ("from 5,000 to 22,000 in 15 years", []),
        ("an area of 6,000 km2 (2,317 sq mi)", []),
        ("2000 members of parliament", []),
        ("Information Kazakhstan – 2020", [("2020", "year")]),
    ],
)
def test_find_dates_spans_and_precision(text: str, found: list[tuple[str, str]]) -> None:
    mentions = find_dates(text)
    assert [(text[m.start : m.end], m.precision) for m in mentions] == found


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2019", "2019-01-01", "2020-01-01"),
        ("December 2019", "2019-12-01", "2020-01-01"),
        ("9 June 2019", "2019-06-09", "2019-06-10"),
    ],
)
def test_event_period_covers_the_whole_unit(text: str, start: str, end: str) -> None:
    date, precision = parse_date(text)  # type: ignore[misc]
    assert event_period(date, precision) == Period(
        start=dt.date.fromisoformat(start),
        start_precision=precision,
        end=dt.date.fromisoformat(end),
        end_precision=precision,
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5,000", 5000),
        ("seven", 7),
        ("eleven", 11),
        ("three", 3),
        ("twenty-five", 25),
        ("52.4", 52.4),
        ("1.5 million", 1.5e6),
    ],
)
def test_parse_number_words_and_digits(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "many", "5,00", "seven dwarfs", "1-2"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "value"), [("2024-02", ("2024-02-01", "month")), ("2024", ("2024-01-01", "year"))])
def test_parse_iso_precision(text: str, value: tuple[str, str]) -> None:
    assert parse_iso(text) == (dt.date.fromisoformat(value[0]), value[1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("There are three branches.", True),
        ("It has 47 members.", True),
        ("grave crimes,[4] juvenile courts", False),
        ("avoiding dependence on any one country", False),
        ("The president appoints the chair.", False),
        ("In May 2020 it changed.", True),
    ],
)
def test_mentions_date_or_number(text: str, expected: bool) -> None:
    assert mentions_date_or_number(text) is expected


def test_split_sentences_keeps_spans_and_footnotes() -> None:
    text = "Intro.\nThe president is elected.[3] The prime minister, A. Smith, chairs it. He is No. 1 here. End"
    start = text.index("The president")
    spans = split_sentences(text, start, len(text))
    assert [text[s:e] for s, e in spans] == [
        "The president is elected.[3]",
        "The prime minister, A. Smith, chairs it.",
        "He is No. 1 here.",
        "End",
    ]


def test_iter_lines_spans_for_every_newline_style() -> None:
    text = "a\r\nbb\rc\n\nd"
    lines = list(iter_lines(text))
    assert [(text[ln.start : ln.end], ln.number) for ln in lines] == [
        ("a", 1),
        ("bb", 2),
        ("c", 3),
        ("", 4),
        ("d", 5),
    ]


def test_make_plain_maps_back_to_the_document() -> None:
    text = "xx The **Mazhilis** has 107 seats.[2] yy"
    plain = make_plain(text, 3, len(text) - 3, re.compile(r"\*\*|\[\d+\]"))
    assert plain.text == "The Mazhilis has 107 seats."
    i = plain.text.index("Mazhilis")
    start, end = plain.span(i, i + len("Mazhilis"))
    assert text[start:end] == "Mazhilis"
