"""Values the database would refuse, and inputs it cannot read, are refused in the user's terms: one line
naming the file and the line and field (or the revision), a non-zero exit, no traceback, nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from sql_fixtures import composition, indicator, load, table_rows

from kzgov.cli import main
from kzgov.migrations import current_revision, known_revisions

D = dt.date
CHAMBERS = "body,total_seats,elected_seats,appointed_seats,term_years,valid_from,valid_until,quote\n"
INDICATORS = "subject,indicator,value,unit,rank,out_of,valid_from,valid_until,quote\n"
ELECTIONS = "kind,held_on,status,early,quote\n"
RESULTS = "election_kind,held_on,candidate,party,vote_share,seats,quote\n"
EVENTS = "body,event,date,detail,quote\n"
PARTIES = "party,chamber,seats,valid_from,valid_until,quote\n"
TENURES = "office,person,valid_from,valid_until,quote\n"

# file name, its bytes, the error after "Error: <path>"
CASES = {
    "seats_past_int4": (
        "chambers.csv",
        (CHAMBERS + "Mazhilis,2147483648,,,5,2020-01-01,,The Mazhilis has 2147483648 seats\n").encode(),
        ":2: field total_seats: 2147483648 is too large (at most 2147483647)",
    ),
    "party_seats_past_int4": (
        "parties.csv",
        (PARTIES + "Amanat,Mazhilis,99999999999,2023-03-19,,Amanat won 99999999999 seats\n").encode(),
        ":2: field seats: 99999999999 is too large (at most 2147483647)",
    ),
    "result_seats_past_int4": (
        "results.csv",
        (RESULTS + "mazhilis,2023-03-19,,Amanat,53.9,2147483648,Amanat won\n").encode(),
        ":2: field seats: 2147483648 is too large (at most 2147483647)",
    ),
    "term_of_zero_years": (
        "chambers.csv",
        (CHAMBERS + "Mazhilis,98,98,,0,2020-01-01,,Elected for no years\n").encode(),
        ":2: field term_years: 0 is outside 1-99",
    ),
    "composition_stating_nothing": (
        "chambers.csv",
        (CHAMBERS + "Mazhilis,,,,,2020-01-01,,The Mazhilis exists\n").encode(),
        ":2: field total_seats: no seats, term or election method is given",
    ),
    "rank_above_out_of": (
        "indicators.csv",
        (INDICATORS + "Kazakhstan,Press freedom,,,190,180,2024-01-01,2025-01-01,Ranked 190th of 180\n").encode(),
        ":2: field rank: 190 is more than out_of (180)",
    ),
    "rank_zero": (
        "indicators.csv",
        (INDICATORS + "Kazakhstan,Press freedom,,,0,180,2024-01-01,2025-01-01,Ranked 0th of 180\n").encode(),
        ":2: field rank: 0: ranks start at 1",
    ),
    "indicator_stating_nothing": (
        "indicators.csv",
        (INDICATORS + "Kazakhstan,Press freedom,,,,,2024-01-01,2025-01-01,Press freedom was measured\n").encode(),
        ":2: field value: neither a value nor a rank is given",
    ),
    "election_in_year_9999": (
        "elections.csv",
        (ELECTIONS + "presidential,9999,held,,An election in 9999\n").encode(),
        ":2: field held_on: 9999 is out of range: all of it must fall before 9999-12-31",
    ),
    "result_on_the_last_day": (
        "results.csv",
        (RESULTS + "mazhilis,9999-12-31,,Amanat,53.9,,Amanat won\n").encode(),
        ":2: field held_on: 9999-12-31 is out of range: all of it must fall before 9999-12-31",
    ),
    "event_in_the_last_month": (
        "events.csv",
        (EVENTS + "Senate,established,9999-12,,The Senate was established\n").encode(),
        ":2: field date: 9999-12 is out of range: all of it must fall before 9999-12-31",
    ),
    "person_without_a_letter": (
        "tenures.csv",
        (TENURES + "President,???,2020-01-01,,Someone became President\n").encode(),
        ":2: field person: '???' is not a name: it has no letter or digit",
    ),
    "party_without_a_letter": (
        "parties.csv",
        (PARTIES + "!!!,Mazhilis,5,2023-03-19,,Five seats\n").encode(),
        ":2: field party: '!!!' is not a name: it has no letter or digit",
    ),
    "utf16_csv_with_byte_order_mark": (
        "tenures.csv",
        (TENURES + "President,Ann Vel,2020-01-01,,Ann Vel became President\n").encode("utf-16"),
        ":1: UTF-16 text, not UTF-8: save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)",
    ),
    "utf16_document_without_byte_order_mark": (
        "notes.txt",
        "Kazakhstan\n\nThe President of Kazakhstan is Ann Vel since 2020.\n".encode("utf-16-le"),
        ":1: UTF-16 text, not UTF-8: save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)",
    ),
    "utf32_csv": (
        "tenures.csv",
        (TENURES + "President,Ann Vel,2020-01-01,,Ann Vel became President\n").encode("utf-32"),
        ":1: UTF-32 text, not UTF-8: save it as UTF-8 (e.g. iconv -f UTF-32 -t UTF-8)",
    ),
}


@pytest.fixture
def loaded(database_url: str, tmp_path: Path) -> str:
    """A database holding a source already, so 'nothing written' is checked against real rows."""
    source = tmp_path / "before" / "register.csv"
    source.parent.mkdir()
    source.write_text(TENURES + "President,Ann Vel,2020-01-01,,Ann Vel became President\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(source), "--database-url", database_url])
    assert result.exit_code == 0, result.output
    return database_url


def _one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_value_the_database_would_refuse_is_refused_naming_file_line_and_field(
    loaded: str, tmp_path: Path, case: str
) -> None:
    name, content, error = CASES[case]
    path = tmp_path / name
    path.write_bytes(content)
    before = table_rows(loaded)
    result = CliRunner().invoke(main, ["load", str(path), "--database-url", loaded])
    assert _one_error_line(result) == f"Error: {path}{error}"
    assert table_rows(loaded) == before


@pytest.mark.parametrize("command", ["downgrade", "upgrade"])
@pytest.mark.parametrize("revision", ["nonsense", "0999"])
def test_an_unknown_schema_revision_is_one_line_naming_the_known_ones(loaded: str, command: str, revision: str) -> None:
    from kzgov.db import create_engine_for

    before = table_rows(loaded)
    result = CliRunner().invoke(main, ["db", command, revision, "--database-url", loaded])
    known = ", ".join(["base", *known_revisions(), "head"])
    assert _one_error_line(result) == f"Error: no schema revision {revision!r}: the revisions are {known}"
    engine = create_engine_for(loaded)
    try:
        assert current_revision(engine) == known_revisions()[-1]
    finally:
        engine.dispose()
    assert table_rows(loaded) == before


# A parser of text documents that let such a value through would still get one line, naming the field or
# the rule, not a traceback or the whole row.
@pytest.mark.parametrize(
    ("spec", "error"),
    [
        (
            lambda: composition("Mazhilis", D(2020, 1, 1), total_seats=2**31),
            'invented.txt: refused by the database: value "2147483648" is out of range for type integer'
            " (field total_seats)",
        ),
        (
            lambda: indicator("Kazakhstan", "Press freedom", D(2024, 1, 1), rank=190, out_of=180),
            # The claim's line is found by the database's refusal itself, and named.
            'invented.txt:1: refused by the database: new row for relation "indicator" violates check constraint'
            ' "ck_indicator_rank_within"',
        ),
    ],
    ids=["integer_out_of_range", "check_constraint"],
)
def test_a_refusal_by_the_database_is_one_line_without_the_row(conn: psycopg.Connection, spec, error: str) -> None:
    from kzgov.loading import LoadError

    with pytest.raises(LoadError) as refused:
        load(conn, "invented", [spec()])
    assert str(refused.value) == error
    assert conn.execute("select count(*) from kzgov_internal.source_version").fetchone() == (0,)


def test_a_registry_date_past_the_calendar_is_refused_naming_its_line_and_field(
    loaded: str, seeds_dir: Path, tmp_path: Path
) -> None:
    # A document's statements about the present hold on its publication day, up to the next one.
    source = tmp_path / "003_e0c5cb5264b09767.txt"
    source.write_bytes((seeds_dir / source.name).read_bytes())
    registry = tmp_path / "registry.csv"
    registry.write_text(
        f"key,title,kind,publisher,url,published_on,retrieved_on\n{source.stem},A page,,,,9999-12-31,\n",
        encoding="utf-8",
    )
    before = table_rows(loaded)
    result = CliRunner().invoke(main, ["load", str(source), "--database-url", loaded])
    assert _one_error_line(result) == (
        f"Error: {registry}: line 2: field published_on: 9999-12-31 is out of range: the last date supported is"
        " 9999-12-30"
    )
    assert table_rows(loaded) == before


def test_a_publication_date_past_the_calendar_is_refused_naming_the_option(
    loaded: str, seeds_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "003_e0c5cb5264b09767.txt"
    source.write_bytes((seeds_dir / source.name).read_bytes())
    before = table_rows(loaded)
    result = CliRunner().invoke(main, ["load", str(source), "--published", "9999-12-31", "--database-url", loaded])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: Invalid value for '--published': 9999-12-31 is out of range: the last date supported is 9999-12-30"
    )
    assert table_rows(loaded) == before
