"""A claim is what its source states (revision 0008): one holder's overlapping or repeated tenures are kept,
the identical row twice is one claim, a statement about the present keeps its identity whatever day the copy
was obtained, answers say whether they are certain, and a refused row is named by its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from sql_fixtures import table_of

from kzgov import claims as c
from kzgov import migrations
from kzgov.claims import ParseError, Precision
from kzgov.cli import main
from kzgov.db import create_engine_for
from kzgov.loading import LoadError, load_paths
from kzgov.loading.staging import Context, Row, merge_restatements, stage_row

LIST = (
    "office,person,valid_from,valid_until,quote\n"
    "Chief Warden,Oskar Lindqvist,2003-02-11,2008-05-30,Oskar Lindqvist 2003-2008\n"
    "Chief Warden,Oskar Lindqvist,2011-07-01,2013-03-15,Oskar Lindqvist 2011-2013\n"
    "Chief Warden,Maren Holt,1994-06-06,,Maren Holt from 6 June 1994\n"
    "Chief Warden,Maren Holt,1994-06-06,1999-01-20,Maren Holt 1994-1999\n"
    "Chief Warden,Maren Holt,1994-06-06,1999-01-20,Maren Holt 1994-1999\n"
)


def _holders(url: str, on: str, **axes: object) -> list[tuple[str, str | None, str]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "select person, valid_until, certainty from kzgov.office_holders_on(%(on)s::date,"
            " %(known_at)s::timestamptz, null, array['Chief Warden']) order by person, valid_until nulls last",
            {"on": on, "known_at": axes.get("known_at", dt.datetime.now(dt.UTC))},
        ).fetchall()
    return [(p, str(u) if u else None, c) for p, u, c in rows]


@pytest.fixture
def wardens(tmp_path: Path) -> Path:
    path = tmp_path / "wardens.csv"
    path.write_text(LIST, encoding="utf-8")
    return path


def test_a_list_with_repeated_and_restated_tenures_loads(database_url: str, wardens: Path) -> None:
    with psycopg.connect(database_url) as conn:
        before = conn.execute("select now()").fetchone()[0]
    (summary,) = load_paths(database_url, [wardens])
    assert summary.counts["office_tenure"].added == 4  # the row given twice is one claim
    # Each tenure answers on its own dates: in office in 2005 and in 2012, not in 2010.
    assert [h[0] for h in _holders(database_url, "2005-06-01")] == ["Oskar Lindqvist"]
    assert [h[0] for h in _holders(database_url, "2012-06-01")] == ["Oskar Lindqvist"]
    assert [h[0] for h in _holders(database_url, "2010-06-01")] == []
    # The tenure stated with its end and without it: both kept, the first certain, the open one possible.
    assert _holders(database_url, "1996-01-01") == [
        ("Maren Holt", "1999-01-20", "certain"),
        ("Maren Holt", "2003-02-11", "possible"),  # its unknown end inferred from the next holder's start
    ]
    # Asked as of before the load, the database answers as it did then: nothing.
    assert _holders(database_url, "2005-06-01", known_at=before) == []


def test_a_source_overlapping_itself_is_a_conflict_within_that_source(database_url: str, wardens: Path) -> None:
    load_paths(database_url, [wardens])
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "select value, valid_until, within_source from kzgov.conflicts"
            " where subject = 'Chief Warden' and value = 'Maren Holt' order by valid_until nulls last"
        ).fetchall()
    assert rows == [("Maren Holt", dt.date(1999, 1, 20), True), ("Maren Holt", None, True)]


def test_a_reload_of_the_same_list_changes_nothing(database_url: str, wardens: Path) -> None:
    load_paths(database_url, [wardens])
    (again,) = load_paths(database_url, [wardens])
    assert again.status == "unchanged"


def _registry(folder: Path, retrieved: str) -> None:
    (folder / "registry.csv").write_text(
        f"key,title,kind,publisher,url,published_on,retrieved_on\nalmanac,An almanac,,,,,{retrieved}\n",
        encoding="utf-8",
    )


def test_an_undated_source_reloaded_another_day_retires_only_what_changed(database_url: str, tmp_path: Path) -> None:
    """A statement about the present in a source of unknown date: its window ends on the day the copy was
    obtained, but its identity does not, so an edited copy obtained later changes only the edited claims."""
    folder = tmp_path / "almanac"
    folder.mkdir()
    text = "The Mazhilis has 91 members.\n\nThe Senate currently has 44 members.\n\nIt met on 9 March 2031.\n"
    (folder / "almanac.txt").write_text(text, encoding="utf-8")
    _registry(folder, "2034-05-01")
    (first,) = load_paths(database_url, [folder / "almanac.txt"])
    assert first.counts["chamber_composition"].added == 2
    (folder / "almanac.txt").write_text(text.replace("44", "46"), encoding="utf-8")
    _registry(folder, "2034-09-01")
    (second,) = load_paths(database_url, [folder / "almanac.txt"])
    sizes = second.counts["chamber_composition"]
    assert (sizes.added, sizes.unchanged, sizes.retired) == (1, 1, 1), sizes
    with psycopg.connect(database_url) as conn:
        current = conn.execute(
            "select chamber, total_seats, valid_until from kzgov.chamber_compositions order by chamber"
        ).fetchall()
    # The unchanged claim as first recorded, its window and all; the edited one with the later copy's window.
    assert current == [("Mazhilis", 91, dt.date(2034, 5, 2)), ("Senate", 46, dt.date(2034, 9, 2))]


def test_certain_and_possible_answers(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "registrars.csv"
    path.write_text(
        "office,person,valid_from,valid_until,quote\n"
        "Registrar General,Pia Norrby,2001,2006-04-01,Pia Norrby from 2001\n"
        "Registrar General,Elof Sand,,1998-02-01,Elof Sand until February 1998\n",
        encoding="utf-8",
    )
    load_paths(database_url, [path])

    def certainty(on: str) -> list[tuple[str, str]]:
        with psycopg.connect(database_url) as conn:
            return conn.execute(
                "select person, certainty from kzgov.office_holders_on(%s::date) where office = 'Registrar General'",
                (on,),
            ).fetchall()

    assert certainty("2001-03-01") == [("Pia Norrby", "possible")]  # a start "in 2001" may be any day of it
    assert certainty("2002-03-01") == [("Pia Norrby", "certain")]
    assert certainty("1850-01-01") == [("Elof Sand", "possible")]  # reached only through the unknown start
    runner = CliRunner()
    args = ["--database-url", database_url, "who", "registrar general", "--on", "1850-01-01"]
    shown = runner.invoke(main, [*args, "--format", "csv"])
    assert shown.exit_code == 0 and "Elof Sand" in shown.output and "possible" in shown.output
    only_certain = runner.invoke(main, [*args, "--certain"])
    assert only_certain.exit_code == 0, only_certain.output
    assert "Elof Sand" not in only_certain.output and "for certain" in only_certain.output


def test_certain_answers_are_listed_first(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "stewards.csv"
    path.write_text(
        "office,person,valid_from,valid_until,quote\n"
        "High Steward,Agda Rusk,,2040-01-01,Agda Rusk until 2040\n"
        "High Steward,Bror Fjell,2030-05-05,2035-05-05,Bror Fjell 2030-2035\n",
        encoding="utf-8",
    )
    load_paths(database_url, [path])
    result = CliRunner().invoke(
        main, ["--database-url", database_url, "who", "high steward", "--on", "2032-01-01", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    people = [line.split(",")[2] for line in result.output.splitlines()[1:]]
    assert people == ["Bror Fjell", "Agda Rusk"]


def test_no_answer_before_a_body_was_created(database_url: str, tmp_path: Path) -> None:
    """A claim with an unknown start does not reach back before the creation a source states."""
    path = tmp_path / "senate.txt"
    path.write_text("Senate\n\nEstablished: 14 April 2003\n\nThe Senate had 52 members until 2016.\n", encoding="utf-8")
    load_paths(database_url, [path])
    with psycopg.connect(database_url) as conn:
        sizes = {
            on: conn.execute(
                "select total_seats, certainty from kzgov.chamber_seats_on(%s::date) where chamber = 'Senate'", (on,)
            ).fetchall()
            for on in ("1990-01-01", "2010-01-01")
        }
    assert sizes == {"1990-01-01": [], "2010-01-01": [(52, "possible")]}


def test_a_row_the_database_refuses_is_named_by_its_line(database_url: str, tmp_path: Path) -> None:
    """Whatever the database refuses at insert is reported with the file's line, not the table's ids. (A check
    added for the test stands for any rule the parsers do not know.)"""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "alter table kzgov_internal.office_tenure add constraint test_no_forged_quotes check"
            " (quote not like '%forged%')"
        )
    path = tmp_path / "clerks.csv"
    rows = [f"Town Clerk,Clerk Number {n},{2000 + n}-01-01,{2001 + n}-01-01,Clerk {n} served" for n in range(40)]
    rows[26] = "Town Clerk,Ulla Berg,1990-01-01,1991-01-01,a forged entry"
    path.write_text("office,person,valid_from,valid_until,quote\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_paths(database_url, [path])
    message = str(caught.value)
    assert message.startswith(f"{path}:28: refused by the database:"), message
    assert "test_no_forged_quotes" in message and "Failing row" not in message
    with psycopg.connect(database_url) as conn:
        assert conn.execute("select count(*) from kzgov_internal.office_tenure").fetchone()[0] == 0


def test_upgrade_from_0007_keeps_every_claim_and_its_history(database_url: str, seeds_dir: Path) -> None:
    load_paths(database_url, [seeds_dir])
    tables = ("office_tenure", "chamber_composition", "party_seats", "election", "election_result", "body_event")

    def snapshot() -> dict[str, list[tuple]]:
        with psycopg.connect(database_url) as conn:
            return {
                t: conn.execute(
                    f"select id, claim_key, valid::text, recorded::text, quote from {table_of(conn, t)} order by id"
                ).fetchall()
                for t in tables
            }

    engine = create_engine_for(database_url)
    try:
        migrations.downgrade(engine, "0007")
        before = snapshot()
        assert sum(map(len, before.values())) > 50
        migrations.upgrade(engine, "head")
    finally:
        engine.dispose()
    assert snapshot() == before
    (again,) = {s.status for s in load_paths(database_url, [seeds_dir])}
    assert again == "unchanged"


def _vocabulary_home(tmp_path: Path, name: str, holders: str | None) -> Path:
    """A KZGOV_HOME whose vocabulary.csv says how many hold the Chief Warden's office (None: no file). Each state
    gets a home of its own: a process reads the user's vocabulary once."""
    home = tmp_path / name
    home.mkdir()
    if holders is not None:
        (home / "vocabulary.csv").write_text(
            f"kind,canonical,variant,note\nholders,Chief Warden,Chief Warden,{holders}\n", encoding="utf-8"
        )
    return home


def test_which_offices_have_one_holder_is_data_a_user_can_change(
    database_url: str, wardens: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's vocabulary says an office has several holders at once: the ends inferred from a successor's
    start are retired at the next load (even of an unchanged file), and answers as of before stay as they were."""
    monkeypatch.setenv("KZGOV_HOME", str(_vocabulary_home(tmp_path, "plain", None)))
    load_paths(database_url, [wardens])
    with psycopg.connect(database_url) as conn:
        as_one = conn.execute("select now()").fetchone()[0]
    assert [h[0] for h in _holders(database_url, "2005-06-01")] == ["Oskar Lindqvist"]

    monkeypatch.setenv("KZGOV_HOME", str(_vocabulary_home(tmp_path, "several", "several")))
    (again,) = load_paths(database_url, [wardens])
    assert again.status == "unchanged"
    assert _holders(database_url, "2005-06-01") == [
        ("Maren Holt", None, "possible"),  # no successor ends her open tenure now
        ("Oskar Lindqvist", "2008-05-30", "certain"),
    ]
    assert [h[0] for h in _holders(database_url, "2005-06-01", known_at=as_one)] == ["Oskar Lindqvist"]
    with psycopg.connect(database_url) as conn:
        assert conn.execute(
            "select single_holder from kzgov.office_tenures where office = 'Chief Warden' limit 1"
        ).fetchone() == (False,)

    monkeypatch.setenv("KZGOV_HOME", str(_vocabulary_home(tmp_path, "one", "one")))
    load_paths(database_url, [wardens])
    assert [h[0] for h in _holders(database_url, "2005-06-01")] == ["Oskar Lindqvist"]
    with psycopg.connect(database_url) as conn:
        history = conn.execute(
            "select single_holder, upper_inf(recorded) from kzgov_internal.office_holding order by lower(recorded)"
        ).fetchall()
    assert history == [(False, False), (True, True)]


def test_a_holders_row_that_says_neither_one_nor_several_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wardens: Path, database_url: str
) -> None:
    monkeypatch.setenv("KZGOV_HOME", str(_vocabulary_home(tmp_path, "bad", "many")))
    with pytest.raises(ParseError, match=r"vocabulary\.csv: line 2: field note: .*'one' or 'several'"):
        load_paths(database_url, [wardens])


def _tenure_row(
    quote: str, line: int, start: dt.date, precision: Precision, end: dt.date | None = None, party: str | None = None
) -> Row:
    period = c.Period(start, precision, end, "day" if end else None)
    claim = c.OfficeTenure(
        evidence=c.Evidence(quote, 0, len(quote), line),
        period=period,
        office="Chief Warden",
        person="Ada Morn",
        party=party,
    )
    return stage_row(claim, Context(None, dt.date(2040, 1, 1), None))


def test_a_document_restating_a_fact_keeps_one_statement_and_every_other_claim() -> None:
    rows = [
        _tenure_row("Ada Morn, warden since September 2031", 1, dt.date(2031, 9, 1), "month"),
        _tenure_row("Ada Morn (2031-)", 2, dt.date(2031, 1, 1), "year"),  # the same start, coarser: says no more
        _tenure_row(
            "Ada Morn of the Green Party, warden from September 2031",
            3,
            dt.date(2031, 9, 1),
            "month",
            party="Green Party",
        ),  # says more: kept in place of line 1
        _tenure_row("Ada Morn was sworn in again on 4 May 2036", 4, dt.date(2036, 5, 4), "day"),  # a claim of its own
        _tenure_row("Ada Morn served until 2035", 5, dt.date(2031, 9, 1), "month", dt.date(2035, 3, 1)),  # has an end
    ]
    kept, dropped = merge_restatements(rows)
    assert [row["quote_line"] for _table, row in kept] == [3, 4, 5]
    assert sorted(u.evidence.line for u in dropped) == [1, 2]
    assert all(u.reason.startswith("restates the claim quoted at line 3") for u in dropped)
