"""kzgov person: one person's offices, parties and results, whatever the spelling or script of the name."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kzgov.cli import main
from kzgov.names import script_key
from kzgov.person import Person, find

# Facts made up for the test, in two sources: one writes the names in Latin letters, one in Cyrillic.
LATIN_TENURES = """office,person,party,valid_from,valid_until,quote
President,Nursultan Nazarbayev,Nur Otan,1991-12-16,2019-03-20,Nursultan Nazarbayev was President from 16 December 1991.
Prime Minister,Serik Akhmetov,,2012-09-24,2014-04-02,Serik Akhmetov headed the government from 24 September 2012.
Prime Minister,Daniyal Akhmetov,,2003-06,2007-01,Daniyal Akhmetov headed the government from June 2003.
"""
CYRILLIC_TENURES = """office,person,valid_from,valid_until,quote
Chair of the Security Council,Нурсултан Назарбаев,2019,2022,Нурсултан Назарбаев возглавлял Совет безопасности.
"""
ELECTIONS = """kind,held_on,status,early,quote
presidential,2015-04-26,held,true,An early presidential election was held on 26 April 2015.
"""
RESULTS = """election_kind,held_on,candidate,party,vote_share,seats,quote
presidential,2015-04-26,Nursultan Nazarbayev,Nur Otan,97.75,,Nazarbayev won 97.75% of the vote.
"""


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def url(database_url: str, tmp_path: Path) -> str:
    for name, text in [
        ("latin_tenures", LATIN_TENURES),
        ("cyrillic_tenures", CYRILLIC_TENURES),
        ("elections_2015", ELECTIONS),
    ]:
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    result = invoke("load", str(tmp_path), "--database-url", database_url)
    assert result.exit_code == 0, result.output
    results = tmp_path / "results" / "results_2015.csv"
    results.parent.mkdir()
    results.write_text(RESULTS, encoding="utf-8")
    result = invoke("load", str(results), "--database-url", database_url)
    assert result.exit_code == 0, result.output
    return database_url


def person_json(url: str, name: str) -> list[dict[str, object]]:
    result = invoke("person", name, "--format", "json", "--database-url", url)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", ["Назарбаев", "НАЗАРБАЕВ", "Nazarbayev", "nazarbaev", "Nursultan Nazarbayev"])
def test_person_finds_one_person_under_every_script_and_spelling(url: str, name: str) -> None:
    rows = person_json(url, name)
    assert [(r["kind"], r["subject"], r["person"], r["valid_from"], r["valid_until"]) for r in rows] == [
        ("office", "President", "Nursultan Nazarbayev", "1991-12-16", "2019-03-20"),
        ("result", "presidential election", "Nursultan Nazarbayev", "2015-04-26", None),
        ("office", "Chair of the Security Council", "Нурсултан Назарбаев", "2019-01-01", "2022-01-01"),
    ]
    assert rows[0]["party"] == rows[1]["party"] == "Nur Otan"
    assert rows[1]["detail"] == "97.75%"  # the share; the source gives no seats or outcome
    assert rows[2]["valid_from_precision"] == "year"
    assert {r["source_key"] for r in rows} == {"latin_tenures", "cyrillic_tenures", "results_2015"}
    assert rows[1]["quote"] == "Nazarbayev won 97.75% of the vote."


def test_person_with_several_matches_lists_them_and_fails(url: str) -> None:
    result = invoke("person", "Akhmetov", "--database-url", url)
    assert result.exit_code == 1
    assert (
        result.stderr == "Error: 'Akhmetov' names 2 persons: Daniyal Akhmetov; Serik Akhmetov; give more of the name\n"
    )
    assert result.stdout == ""


def test_person_a_full_name_picks_one_of_several(url: str) -> None:
    rows = person_json(url, "serik ahmetov")
    assert [(r["subject"], r["valid_from"], r["valid_until"]) for r in rows] == [
        ("Prime Minister", "2012-09-24", "2014-04-02")
    ]


def test_person_unknown_is_one_line_and_fails(url: str) -> None:
    result = invoke("person", "Qwertyuiop", "--database-url", url)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no person called 'Qwertyuiop'")
    assert result.stderr.count("\n") == 1


def test_person_table_and_csv(url: str) -> None:
    table = invoke("person", "Daniyal Akhmetov", "--database-url", url)
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].split(" | ")[:6] == [
        "person          ",
        "kind  ",
        "subject       ",
        "party",
        "valid_from",
        "valid_until",
    ]
    assert "2003-06-01 | 2007-01-01" in lines[2]
    assert lines[-1] == "(1 row)"
    as_csv = invoke("person", "Daniyal Akhmetov", "--format", "csv", "--database-url", url)
    (row,) = csv.DictReader(io.StringIO(as_csv.stdout))
    assert (row["valid_from_precision"], row["valid_until_precision"]) == ("month", "month")


def test_person_over_the_seeds_matches_another_transliteration(database_url: str) -> None:
    assert invoke("load", "--database-url", database_url).exit_code == 0
    rows = person_json(database_url, "Smailov")
    assert {r["person"] for r in rows} == {"Älihan Smaiylov"}
    assert ("Prime Minister", "2022-01-11", "2024-02-06") in [
        (r["subject"], r["valid_from"], r["valid_until"]) for r in rows
    ]
    leader = person_json(database_url, "Токаев")
    assert "Party Leader (Amanat)" in {r["subject"] for r in leader}


@pytest.mark.parametrize(
    ("wanted", "found"),
    [
        ("Назарбаев", ["Nursultan Nazarbayev"]),
        ("TOKAEV", ["Kassym-Jomart Tokayev"]),
        ("Jomart", ["Kassym-Jomart Tokayev"]),
    ],
)
def test_find_matches_a_name_or_its_words(wanted: str, found: list[str]) -> None:
    candidates = [
        Person("Nursultan Nazarbayev", ("Nursultan Nazarbayev", "Нурсултан Назарбаев"), (1, 2)),
        Person("Kassym-Jomart Tokayev", ("Kassym-Jomart Tokayev",), (3,)),
    ]
    assert [p.name for p in find(wanted, candidates)] == found


def test_script_key_folds_script_case_and_transliteration() -> None:
    assert script_key("Назарбаев") == script_key("NAZARBAYEV") == script_key("Nazarbaev")
    assert script_key("Тоқаев") == script_key("Tokayev")
    assert script_key("Назарбаев") != script_key("Nazarov")
