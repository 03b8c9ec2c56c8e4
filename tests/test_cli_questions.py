"""CLI questions over the seeds: answers, formats, name variants, no-answer messages, hostile input."""

from __future__ import annotations

import csv
import io
import json

import psycopg
import pytest
from click.testing import CliRunner

from kzgov.cli import main

SEEDS = ("000_612d0cc27c4ad863", "001_2c6f85f279bc03f9", "002_990544a2b7207c7a", "003_e0c5cb5264b09767")


@pytest.fixture
def url(database_url: str) -> str:
    result = CliRunner().invoke(main, ["load", "--database-url", database_url])
    assert result.exit_code == 0, result.output
    return database_url


def ask(url: str, *args: str):
    return CliRunner().invoke(main, [*args, "--database-url", url])


def test_who_prime_minister_mid_2023_is_smaiylov_with_inferred_end(url: str) -> None:
    result = ask(url, "who", "prime minister", "--on", "2023-06-01", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["person"], r["valid_until"], r["valid_until_basis"]) for r in rows] == [
        ("Älihan Smaiylov", "2024-02-06", "inferred")
    ]


@pytest.mark.parametrize("spelling", ["Prime Minister", "PRIME MINISTER", "head of government", "premier"])
def test_who_matches_office_variants(url: str, spelling: str) -> None:
    result = ask(url, "who", spelling, "--on", "2025-01-01", "--format", "csv")
    assert result.exit_code == 0, result.output
    people = {row["person"] for row in csv.DictReader(io.StringIO(result.stdout))}
    assert people == {"Älihan Smaiylov", "Oljas Bektenov"}


@pytest.mark.parametrize("spelling", ["Mazhilis", "majilis", "Mäjilis", "MAJLIS"])
def test_seats_matches_chamber_variants_and_shows_every_source(url: str, spelling: str) -> None:
    result = ask(url, "seats", spelling, "--on", "2025-01-01", "--format", "json")
    assert result.exit_code == 0, result.output
    totals = sorted({(r["source_key"], r["total_seats"]) for r in json.loads(result.stdout) if r["total_seats"]})
    assert totals == [(SEEDS[1], 98), (SEEDS[2], 107), (SEEDS[3], 107)]


def test_question_without_answer_says_so_and_names_sources(url: str) -> None:
    result = ask(url, "who", "President", "--on", "1950-01-01")
    assert result.exit_code == 0
    assert result.stdout.startswith("no source says who was President on 1950-01-01")
    assert all(key in result.stdout for key in SEEDS)


def test_known_at_before_any_load_answers_nothing(url: str) -> None:
    result = ask(url, "who", "President", "--on", "2020-01-01", "--known-at", "2000-01-01")
    assert result.exit_code == 0 and result.stdout.startswith("no source says")


def test_conflicts_topic_filter(url: str) -> None:
    result = ask(url, "conflicts", "Supreme", "--format", "json")
    rows = json.loads(result.stdout)
    assert sorted((r["source_key"], r["value"]) for r in rows) == [(SEEDS[1], "65"), (SEEDS[2], "44")]
    assert len({r["conflict_id"] for r in rows}) == 1


@pytest.mark.parametrize("topic", ["%", "\\", "Supreme%", "S_preme", "Sup%me"])
def test_conflicts_filter_takes_like_wildcards_literally(url: str, topic: str) -> None:
    result = ask(url, "conflicts", topic, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    table = ask(url, "conflicts", topic)
    assert table.exit_code == 0 and table.stdout.startswith("no conflicts about")


def test_conflicts_filter_matches_underscore_literally(url: str) -> None:
    every = json.loads(ask(url, "conflicts", "--format", "json").stdout)
    result = ask(url, "conflicts", "_", "--format", "json")
    assert result.exit_code == 0, result.output
    expected = {
        (r["conflict_id"], r["claim_id"])
        for r in every
        if any("_" in (r[k] or "") for k in ("topic", "subject", "attribute"))
    }
    assert {(r["conflict_id"], r["claim_id"]) for r in json.loads(result.stdout)} == expected
    assert 0 < len(expected) < len(every)


def test_tables_show_invisible_characters_escaped(database_url: str, tmp_path) -> None:
    """A right-to-left override or a zero-width space in a quote does not reach the terminal raw.

    Names may not hold such characters (the loader refuses them); a quote keeps the source's text as it is.
    """
    evil = "Evil\u202eNAME\u200bX"
    (tmp_path / "tenures_invisible.csv").write_text(
        "office,person,valid_from,valid_until,quote\n"
        f"Prime Minister,Ruslan Evilov,2030-01-01,,{evil} became premier.\n",
        encoding="utf-8",
    )
    loaded = ask(database_url, "load", str(tmp_path / "tenures_invisible.csv"), "--published", "2030-02-01")
    assert loaded.exit_code == 0, loaded.output
    table = ask(database_url, "who", "prime minister", "--on", "2030-06-01", "--wide")
    assert table.exit_code == 0, table.output
    assert "\u202e" not in table.stdout and "\u200b" not in table.stdout
    assert "Evil\\u202eNAME\\u200bX became premier." in table.stdout
    data = json.loads(ask(database_url, "who", "prime minister", "--on", "2030-06-01", "--format", "json").stdout)
    assert {row["quote"] for row in data} == {f"{evil} became premier."}  # data formats keep the text as stored


def test_elections_and_results(url: str) -> None:
    result = ask(url, "elections", "--from", "2019-06-01", "--to", "2019-07-01", "--format", "json")
    assert result.exit_code == 0, result.output
    kinds = {r["kind"] for r in json.loads(result.stdout)}
    assert kinds == {"presidential"}


def test_sources_and_history(url: str) -> None:
    sources = json.loads(ask(url, "sources", "--format", "json").stdout)
    assert [s["key"] for s in sources] == list(SEEDS)
    history = json.loads(ask(url, "history", "president", "--format", "json").stdout)
    assert {r["person"] for r in history} == {"Kassym-Jomart Tokayev"} and len(history) >= 3


def test_unknown_office_is_a_one_line_error(url: str) -> None:
    result = ask(url, "who", "Grand Vizier", "--on", "2020-01-01")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no office called 'Grand Vizier'") and result.stderr.count("\n") == 1


HOSTILE = ["'); drop schema kzgov cascade; --", "President'; delete from kzgov_internal.source; --", "%s %(x)s \\x00"]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("command", ["who", "seats", "history", "conflicts"])
def test_hostile_arguments_reach_sql_only_as_parameters(url: str, command: str, text: str) -> None:
    args = [command, text] + (["--on", "2020-01-01"] if command in ("who", "seats") else [])
    result = ask(url, *args)
    assert result.exit_code in (0, 1)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    with psycopg.connect(url) as conn:
        assert conn.execute("select count(*) from kzgov_internal.source").fetchone() == (4,)
        assert conn.execute("select to_regnamespace('kzgov') is not null").fetchone() == (True,)
