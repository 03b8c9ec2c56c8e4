"""Structured CSV fact tables: claims, exact evidence spans, streaming and every error rule."""

from __future__ import annotations

import csv
import datetime as dt
import tracemalloc
from pathlib import Path

import pytest

from kzgov.claims import (
    AdminDivision,
    BodyEvent,
    ChamberComposition,
    Election,
    ElectionResult,
    Indicator,
    OfficeTenure,
    ParseError,
    PartySeats,
    Period,
)
from kzgov.parsing import detect_format, iter_csv_claims, parse_document
from kzgov.parsing.csvformat import field_spans, line_breaks


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))  # bytes, so line endings stay exactly as written
    return path


TENURES = (
    "office,person,valid_from,valid_until,quote,party\r\n"
    'President,Kassym-Jomart Tokayev,2019-03-20,,"Tokayev, sworn in on 20 March 2019",Amanat\r\n'
    'Prime Minister,"Älihan ""Ali"" Smaiylov",2022-01,2024-02-06,"He said ""yes""",\r\n'
    'Chair of the Senate,Māulen Äşimbaev,2022,,"a quote\r\nover two lines",\r\n'
    "Prime Minister,Oljas Bektenov,2024-02-06,,plain quote without quotes,Amanat\r\n"
)


def test_csv_tenures_read_fields_and_periods(tmp_path: Path) -> None:
    claims = list(iter_csv_claims(_write(tmp_path, "tenures.csv", TENURES)))
    assert [type(c) for c in claims] == [OfficeTenure] * 4
    first, second, third, fourth = claims
    assert (first.office, first.person, first.party, first.jurisdiction) == (
        "President",
        "Kassym-Jomart Tokayev",
        "Amanat",
        "KZ",
    )
    assert first.period == Period(start=dt.date(2019, 3, 20), start_precision="day")
    assert second.person == 'Älihan "Ali" Smaiylov'
    assert second.period == Period(
        start=dt.date(2022, 1, 1), start_precision="month", end=dt.date(2024, 2, 6), end_precision="day"
    )
    assert third.period == Period(start=dt.date(2022, 1, 1), start_precision="year")
    assert (third.party, fourth.party) == (None, "Amanat")


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"], ids=["crlf", "lf", "cr"])
@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["plain", "bom"])
def test_csv_evidence_spans_match_reread_text(tmp_path: Path, newline: str, bom: str) -> None:
    path = _write(tmp_path, "tenures.csv", bom + TENURES.replace("\r\n", newline))
    text = path.read_bytes().decode("utf-8")
    claims = list(iter_csv_claims(path))
    for claim in claims:
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.quote
    quotes = [c.evidence.quote for c in claims]
    # Verbatim quote fields are cited alone; one with doubled quotes is cited as its whole row.
    assert quotes[0] == "Tokayev, sworn in on 20 March 2019"
    assert quotes[1] == 'Prime Minister,"Älihan ""Ali"" Smaiylov",2022-01,2024-02-06,"He said ""yes""",'
    assert quotes[2] == f"a quote{newline}over two lines"
    assert quotes[3] == "plain quote without quotes"
    assert [c.evidence.line for c in claims] == [2, 3, 4, 6]


def test_csv_parse_document_and_detect(tmp_path: Path) -> None:
    assert detect_format(TENURES, "tenures.txt") == "csv"
    doc = parse_document(TENURES, "tenures.csv")
    assert doc.format == "csv" and len(doc.claims) == 4
    assert doc.latest_date_mentioned == dt.date(2024, 2, 6)
    for claim in doc.claims:
        claim.evidence.check(TENURES)


TABLES = [
    (
        "body,total_seats,elected_seats,appointed_seats,term_years,valid_from,valid_until,quote,body_kind,election_method\n"
        "Mazhilis,98,98,0,5,2023-03-19,,q,chamber,party lists\n",
        ChamberComposition,
        {
            "body": "Mazhilis",
            "total_seats": 98,
            "appointed_seats": 0,
            "term_years": 5,
            "election_method": "party lists",
        },
    ),
    (
        "party,chamber,seats,valid_from,valid_until,quote\nAmanat,Mazhilis,62,2023-03-19,,q\n",
        PartySeats,
        {"party": "Amanat", "chamber": "Mazhilis", "seats": 62},
    ),
    (
        "kind,held_on,status,early,quote,held_on_precision\npresidential,2022-11-20,held,true,q,day\n",
        Election,
        {"kind": "presidential", "early": True, "ref": "presidential:2022-11-20", "status": "held"},
    ),
    (
        "election_kind,held_on,candidate,party,vote_share,seats,quote\npresidential,2022-11-20,Tokayev,,81.31,,q\n",
        ElectionResult,
        {
            "election_ref": "presidential:2022-11-20",
            "candidate": "Tokayev",
            "party": None,
            "vote_share": 81.31,
        },
    ),
    (
        "body,event,date,detail,quote\nConstitutional Court,established,2023-01,,q\n",
        BodyEvent,
        {"body": "Constitutional Court", "event": "established"},
    ),
    (
        "subject,indicator,value,unit,rank,out_of,valid_from,valid_until,quote\n"
        "Kazakhstan,Global Peace Index,,,78,163,2022,2023,q\n",
        Indicator,
        {"rank": 78, "out_of": 163, "value": None},
    ),
    (
        "name,kind,center,valid_from,valid_until,quote\nAbai,region,Semey,2022-06-08,,q\n",
        AdminDivision,
        {"name": "Abai", "kind": "region", "center": "Semey"},
    ),
]


@pytest.mark.parametrize(("text", "cls", "fields"), TABLES, ids=[t[1].__name__ for t in TABLES])
def test_csv_each_table_reads(tmp_path: Path, text: str, cls: type, fields: dict[str, object]) -> None:
    (claim,) = list(iter_csv_claims(_write(tmp_path, "facts.csv", text)))
    assert isinstance(claim, cls)
    for key, value in fields.items():
        assert getattr(claim, key) == value, key
    assert claim.evidence.quote == "q"


def test_csv_election_period_covers_its_precision(tmp_path: Path) -> None:
    text = "kind,held_on,status,early,quote\nparliamentary,2026,scheduled,,q\n"
    (claim,) = list(iter_csv_claims(_write(tmp_path, "e.csv", text)))
    assert claim.period == Period(
        start=dt.date(2026, 1, 1), start_precision="year", end=dt.date(2027, 1, 1), end_precision="year"
    )
    assert (claim.status, claim.early, claim.ref) == ("scheduled", None, "parliamentary:2026")


HEAD = "office,person,valid_from,valid_until,quote\n"
SEATS = "party,chamber,seats,valid_from,valid_until,quote\n"
RESULTS = "election_kind,held_on,candidate,party,vote_share,seats,quote\n"
CSV_ERRORS = [
    (
        "impossible-date",
        HEAD + "President,A B,2023-02-30,,q\n",
        r"(?:^|/)bad\.csv:2: field valid_from: not a valid date",
    ),
    (
        "end-before-start",
        HEAD + "President,A B,2020-05-01,2020-05-01,q\n",
        r"(?:^|/)bad\.csv:2: field valid_until: ends on or before",
    ),
    ("negative-seats", SEATS + "Amanat,,-3,,,q\n", r"(?:^|/)bad\.csv:2: field seats: negative"),
    ("non-integer-seats", SEATS + "Amanat,,12.5,,,q\n", r"(?:^|/)bad\.csv:2: field seats: not an integer"),
    (
        "vote-share",
        RESULTS + "presidential,2019-06-09,A,,101,,q\n",
        r"(?:^|/)bad\.csv:2: field vote_share: 101 is outside 0-100",
    ),
    (
        "duplicated",
        "office,person,office,valid_from,valid_until,quote\n",
        r"(?:^|/)bad\.csv:1: duplicated column 'office'",
    ),
    (
        "missing",
        "office,person,valid_from,quote\nPresident,A,2020,q\n",
        r"(?:^|/)bad\.csv:1: missing required column 'valid_until'",
    ),
    ("field-count", HEAD + "President,A B,2020\n", r"(?:^|/)bad\.csv:2: expected 5 fields, got 3"),
    ("unknown-header", "colour,size,weight\nred,1,2\n", r"(?:^|/)bad\.csv: unknown header"),
    (
        "unknown-column",
        HEAD.strip() + ",mood\nPresident,A,,,q,glad\n",
        r"(?:^|/)bad\.csv:1: unknown column 'mood'",
    ),
    (
        "bad-kind",
        "kind,held_on,status,early,quote\nimperial,2020,held,,q\n",
        r"(?:^|/)bad\.csv:2: field kind:",
    ),
    ("empty-person", HEAD + "\nPresident,,2020,,q\n", r"(?:^|/)bad\.csv:3: field person: empty"),
    ("zero-width", HEAD + "President,Ana\u200bOmar,2020,,q\n", r"field person: .*U\+200B \(ZERO WIDTH SPACE\)"),
    ("bidi-office", HEAD + "\u2067President,Ana Omar,2020,,q\n", r"field office: .*U\+2067"),
    (
        "late-row",
        HEAD + 'President,A,2020,,"two\nlines"\nPresident,B,2021-13,,q\n',
        r"(?:^|/)bad\.csv:4: field valid_from",
    ),
]


@pytest.mark.parametrize(("text", "message"), [e[1:] for e in CSV_ERRORS], ids=[e[0] for e in CSV_ERRORS])
def test_csv_bad_input_raises(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        list(iter_csv_claims(_write(tmp_path, "bad.csv", text)))
    with pytest.raises(ParseError, match=message):
        parse_document(text, "bad.csv")


def test_csv_claims_stream_before_a_later_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "late.csv", HEAD + "President,A B,2019,,q\nPresident,C D,2023-02-30,,q\n")
    claims = iter_csv_claims(path)
    assert next(claims).person == "A B"  # yielded before the bad row is even read
    with pytest.raises(ParseError, match=r"late\.csv:3: field valid_from"):
        next(claims)


def test_csv_large_file_streams_in_small_memory(tmp_path: Path) -> None:
    rows = "".join(f'Prime Minister,Person {i},2001-01-01,,"quote {i}, verbatim"\n' for i in range(30_000))
    path = _write(tmp_path, "big.csv", HEAD + rows)
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_csv_claims(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 30_000
    assert peak < path.stat().st_size / 4  # far below the file's size: never held whole


@pytest.mark.parametrize(
    ("record", "spans"),
    [
        ("a,b", [(0, 1, False), (2, 3, False)]),
        ('"a,b",c', [(0, 5, True), (6, 7, False)]),
        ('"x ""y""",', [(0, 9, True), (10, 10, False)]),
        ("", [(0, 0, False)]),
        ("a,", [(0, 1, False), (2, 2, False)]),
        (",,xy", [(0, 0, False), (1, 1, False), (2, 4, False)]),
        ('p,"q",r', [(0, 1, False), (2, 5, True), (6, 7, False)]),
    ],
)
def test_csv_field_spans(record: str, spans: list[tuple[int, int, bool]]) -> None:
    assert field_spans(record) == spans


@pytest.mark.parametrize(
    "record",
    ["Vera Lind,Chair,1991-03-02,,said so", '"Lind, Vera",Chair,"she said ""no""",x', ",,,", 'a,"b\nc",d'],
)
def test_csv_field_spans_give_back_the_fields_csv_reads(record: str) -> None:
    (fields,) = list(csv.reader([record]))
    texts = [record[s + 1 : e - 1] if quoted else record[s:e] for s, e, quoted in field_spans(record)]
    assert [text.replace('""', '"') for text in texts] == fields


@pytest.mark.parametrize(("text", "count"), [("", 0), ("a\nb", 1), ("a\r\nb\rc\n", 3), ("\n\r", 2), ("\r\n\r\n", 2)])
def test_csv_line_breaks_count_each_ending_once(text: str, count: int) -> None:
    assert line_breaks(text) == count


def test_csv_spaces_copied_from_a_page_are_spaces_and_the_quote_stays_verbatim() -> None:
    text = HEAD + 'President,Ana\u00a0\u00a0Omar\t,2020,,"Ana\u00a0Omar \u200btook office"\n'
    (claim,) = parse_document(text, "nbsp.csv").claims
    assert isinstance(claim, OfficeTenure) and claim.person == "Ana Omar"
    assert claim.evidence.quote == "Ana\u00a0Omar \u200btook office"
