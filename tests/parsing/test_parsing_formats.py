"""Documents written for these tests (a fictional Republic of Valdoria), detection and bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kzgov.claims import (
    AdminDivision,
    BodyEvent,
    ChamberComposition,
    Claim,
    Election,
    ElectionResult,
    Indicator,
    OfficeTenure,
    ParseError,
    PartySeats,
    Period,
)
from kzgov.parsing import detect_format, parse_document

DOCS = Path(__file__).resolve().parent / "docs"
AOP = Period.as_of_publication()


def _doc(name: str) -> tuple[str, list[Claim]]:
    text = (DOCS / name).read_bytes().decode("utf-8")
    return text, parse_document(text, name).claims


def _find(claims: list[Claim], cls: type, /, **fields: object) -> list[Claim]:
    return [c for c in claims if isinstance(c, cls) and all(getattr(c, k) == v for k, v in fields.items())]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _starts(day: str, precision: str = "day") -> Period:
    return Period(start=_day(day), start_precision=precision)  # type: ignore[arg-type]


def _during(start: str, end: str, precision: str) -> Period:
    return Period(start=_day(start), start_precision=precision, end=_day(end), end_precision=precision)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "detected", "fmt", "title", "published", "latest"),
    [
        (
            "valdoria_frontmatter.txt",
            "frontmatter",
            "frontmatter",
            "Valdoria: Government at a Glance",
            "2023-09-14",
            "2024-10-01",
        ),
        # Plain text goes to the general reader; the older encyclopedia reader keeps a document it explains better.
        ("valdoria_encyclopedia.txt", "general", "encyclopedia", "Government of Valdoria", None, "2015-05-12"),
        ("valdoria_webpage.txt", "webpage", "webpage", "Our Government", None, "2022-01-01"),
    ],
)
def test_document_metadata(name: str, detected: str, fmt: str, title: str, published: str | None, latest: str) -> None:
    text = (DOCS / name).read_text(encoding="utf-8")
    doc = parse_document(text, name)
    assert detect_format(text, name) == detected
    assert (doc.format, doc.title, doc.latest_date_mentioned) == (fmt, title, _day(latest))
    assert doc.published == (_day(published) if published else None)


@pytest.mark.parametrize("name", ["valdoria_frontmatter.txt", "valdoria_encyclopedia.txt", "valdoria_webpage.txt"])
def test_document_evidence_points_into_text(name: str) -> None:
    text = (DOCS / name).read_text(encoding="utf-8")
    doc = parse_document(text, name)
    for item in [*doc.claims, *doc.uncovered]:
        item.evidence.check(text)


# (class, fields the claim must have, its period); each must be found exactly once.
FRONTMATTER_FACTS = [
    (OfficeTenure, {"office": "President", "person": "Oren Castellan", "jurisdiction": "VL"}, AOP),
    (OfficeTenure, {"office": "Prime Minister", "person": "Mirela Tanskaya"}, _starts("2011-04-03")),
    (ChamberComposition, {"body": "Council of Elders", "total_seats": 41, "elected_seats": None}, AOP),
    (
        ChamberComposition,
        {"body": "Chamber of Deputies", "total_seats": 150, "elected_seats": 150, "term_years": 4},
        AOP,
    ),
    (
        ChamberComposition,
        {"body": "Council of Elders", "total_seats": 41, "elected_seats": 32, "appointed_seats": 9},
        AOP,
    ),
    (
        Indicator,
        {"indicator": "World Press Freedom Index", "rank": 34, "out_of": 180, "subject": "Valdoria"},
        _during("2023-01-01", "2024-01-01", "year"),
    ),
    (Indicator, {"subject": "President", "indicator": "term length", "value": 6.0, "unit": "years"}, AOP),
    (Indicator, {"indicator": "number of cantons", "value": 9.0}, AOP),
    (Indicator, {"indicator": "number of autonomous cities", "value": 2.0}, AOP),
    (PartySeats, {"party": "Civic Renewal", "seats": 47, "chamber": "Chamber of Deputies"}, AOP),
    (OfficeTenure, {"office": "Party Leader", "person": "Petra Vashti", "organization": "Green League"}, AOP),
    (
        Election,
        {"kind": "parliamentary", "early": True, "status": "held", "ref": "parliamentary:2021-02-28"},
        _during("2021-02-28", "2021-03-01", "day"),
    ),
    (
        ElectionResult,
        {"party": "Unity Front", "seats": 81, "vote_share": 52.4, "election_ref": "parliamentary:2021-02-28"},
        _during("2021-02-28", "2021-03-01", "day"),
    ),
    (Election, {"kind": "presidential", "status": "scheduled"}, _during("2024-10-01", "2024-11-01", "month")),
    (AdminDivision, {"name": "Marrow Vale", "kind": "region", "center": "Ilsk"}, AOP),
    (AdminDivision, {"name": "Port Ilven", "kind": "city", "center": "Port Ilven"}, AOP),
]

ENCYCLOPEDIA_FACTS = [
    (
        OfficeTenure,
        {"office": "President", "person": "Oren Castellan", "party": "Independent"},
        _starts("2015-05-12"),
    ),
    (
        OfficeTenure,
        {"office": "Prime Minister", "person": "Mirela Tanskaya", "party": "Unity Front"},
        _starts("2011-04-03"),
    ),
    (
        OfficeTenure,
        {"office": "Prime Minister", "person": "Mirela Tanskaya", "party": None},
        _starts("2011-04-03"),
    ),
    (
        OfficeTenure,
        {"office": "Prime Minister", "person": "Vance"},
        Period(end=_day("2011-03-28"), end_precision="day"),
    ),
    (BodyEvent, {"body": "Vance Cabinet", "event": "abolished"}, _during("2011-03-28", "2011-03-29", "day")),
    (
        Indicator,
        {"subject": "Government", "indicator": "number of deputy prime ministers", "value": 2.0},
        AOP,
    ),
    (Indicator, {"indicator": "number of ministers", "value": 14.0}, AOP),
    (
        ChamberComposition,
        {
            "body": "Chamber of Deputies",
            "total_seats": 150,
            "elected_seats": 150,
            "term_years": 4,
            "election_method": "single-member districts (120); proportional representation (30)",
        },
        AOP,
    ),
    (
        ChamberComposition,
        {
            "body": "Council of Elders",
            "total_seats": 41,
            "elected_seats": 32,
            "appointed_seats": 9,
            "body_kind": "council",
        },
        AOP,
    ),
    (ChamberComposition, {"body": "High Court", "body_kind": "court", "total_seats": 23}, AOP),
    (ChamberComposition, {"body": "Constitutional Tribunal", "body_kind": "court", "total_seats": 9}, AOP),
    (
        BodyEvent,
        {"body": "Constitutional Tribunal", "event": "established"},
        _during("2009-01-01", "2010-01-01", "year"),
    ),
    (
        BodyEvent,
        {"body": "Valdorian Bar Council", "event": "established"},
        _during("1994-03-02", "1994-03-03", "day"),
    ),
    (
        Election,
        {"kind": "presidential", "status": "held", "early": None},
        _during("2015-05-12", "2015-05-13", "day"),
    ),
    (
        ElectionResult,
        {
            "candidate": "Oren Castellan",
            "vote_share": 58.1,
            "outcome": "won",
            "election_ref": "presidential:2015-05-12",
        },
        _during("2015-05-12", "2015-05-13", "day"),
    ),
    (
        ElectionResult,
        {"candidate": "Lidia Marek", "party": "Green League", "vote_share": 27.9, "outcome": "lost"},
        _during("2015-05-12", "2015-05-13", "day"),
    ),
]

WEBPAGE_FACTS = [
    (
        ChamberComposition,
        {"body": "Chamber of Deputies", "total_seats": 150, "elected_seats": 150, "term_years": 4},
        AOP,
    ),
    (ChamberComposition, {"body": "Council of Elders", "total_seats": 41}, AOP),
    (OfficeTenure, {"office": "Prime Minister", "person": "Mirela Tanskaya"}, _starts("2011-04-03")),
    (BodyEvent, {"body": "Civic Forum", "event": "established"}, _during("2016-09-09", "2016-09-10", "day")),
    (
        Indicator,
        {"subject": "Valdoria", "indicator": "Democracy Index", "rank": 12, "out_of": 167},
        _during("2022-01-01", "2023-01-01", "year"),
    ),
]


@pytest.mark.parametrize(
    ("name", "facts", "count", "uncovered"),
    [
        ("valdoria_frontmatter.txt", FRONTMATTER_FACTS, 21, ["The national anthem has 4 verses."]),
        (
            "valdoria_encyclopedia.txt",
            ENCYCLOPEDIA_FACTS,
            16,
            ['^ "Tanskaya sworn in". Valdoria Herald. Retrieved 2011-04-04.'],
        ),
        (
            "valdoria_webpage.txt",
            WEBPAGE_FACTS,
            5,
            ["The national museum opened in 1987 and holds 12,000 objects..."],
        ),
    ],
    ids=["frontmatter", "encyclopedia", "webpage"],
)
def test_document_facts(name: str, facts: list, count: int, uncovered: list[str]) -> None:
    text = (DOCS / name).read_text(encoding="utf-8")
    doc = parse_document(text, name)
    for cls, fields, period in facts:
        found = _find(doc.claims, cls, **fields)
        assert len(found) == 1, (cls.__name__, fields, found)
        assert found[0].period == period, (cls.__name__, fields)
    assert len(doc.claims) == count
    assert [u.evidence.quote for u in doc.uncovered] == uncovered


def test_document_without_facts_parses_to_no_claims_with_its_numbers_uncovered() -> None:
    text = (
        "Notes\n\nThis page describes nothing in particular and goes on for a while without saying much.\n"
        "\nAnother paragraph follows here, with 12 apples in it.\n"
    )
    doc = parse_document(text, "notes.txt")
    assert doc.claims == []
    assert [u.evidence.quote for u in doc.uncovered] == ["Another paragraph follows here, with 12 apples in it."]


@pytest.mark.parametrize(
    ("text", "fmt"),
    [("just one line", "text"), ("a,b\n1,2\n", "text"), ("<html><body>hi</body></html>", "html")],
    ids=["one-line", "unknown-csv-in-txt", "html"],
)
def test_any_readable_text_is_read_by_the_general_reader(text: str, fmt: str) -> None:
    assert detect_format(text, "odd.txt") == "general"
    assert parse_document(text, "odd.txt").format == fmt


@pytest.mark.parametrize("text", ["", "\n\n\n", " \t\n"], ids=["empty", "blank", "whitespace"])
def test_empty_document_raises(text: str) -> None:
    with pytest.raises(ParseError, match=r"^odd\.txt: empty document"):
        parse_document(text, "odd.txt")


FRONTMATTER_ERRORS = [
    ("---\ntitle: x\ndate: 2020-01-01\n\nBody 2020.\n", r"^bad\.txt:1: front matter .* never closed"),
    ("---\ntitle: x\nthis is not a key\n---\n", r"^bad\.txt:3: front matter line"),
    ("---\ndate: 2023-02-30\n---\nx\n", r"^bad\.txt:2: field date: not a date"),
    (
        "---\ntitle: x\n---\n\n[TABLE]\n| A | B |\n| --- | --- |\n| 1 | 2 |\n",
        r"^bad\.txt:5: \[TABLE\] is never closed",
    ),
    (
        "---\ntitle: x\n---\n\n[TABLE]\n| Party | Seats |\n| --- | --- |\n| Unity | 3 | extra |\n[/TABLE]\n",
        r"^bad\.txt:8: table row has 3 cells, its header has 2",
    ),
    (
        "---\ntitle: x\n---\n[FACTBOX]\nHead of State: President A B\n",
        r"^bad\.txt:4: \[FACTBOX\] is never closed",
    ),
    ("---\ntitle: x\n---\ntext\n[/TABLE]\n", r"^bad\.txt:5: \[/TABLE\] without"),
]


@pytest.mark.parametrize(
    ("text", "message"),
    FRONTMATTER_ERRORS,
    ids=["truncated", "not-key", "bad-date", "unclosed-table", "cells", "factbox", "stray"],
)
def test_frontmatter_bad_input_raises(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_document(text, "bad.txt")


def test_frontmatter_inline_factbox_and_tenure_sentence() -> None:
    text = (
        '---\ntitle: "Notes on Valdoria"\nentity: Valdoria\ndate: 2020-05-01\n---\n'
        "[FACTBOX] Prime Minister: Mirela Tanskaya [/FACTBOX]\n"
        "Teodor Vance served as Prime Minister from 2 June 2004 to 28 March 2011.\n"
    )
    doc = parse_document(text, "notes.txt")
    first, second = doc.claims
    assert (first.office, first.person, first.period) == ("Prime Minister", "Mirela Tanskaya", AOP)
    assert first.evidence.quote == "Prime Minister: Mirela Tanskaya"
    assert second.person == "Teodor Vance"
    assert second.period == Period(
        start=_day("2004-06-02"), start_precision="day", end=_day("2011-03-28"), end_precision="day"
    )
    assert doc.latest_date_mentioned == _day("2011-03-28")  # front-matter dates do not count
