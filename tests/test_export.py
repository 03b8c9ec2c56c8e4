"""kzgov export: every public view as CSV, Parquet or SQLite (with datasette metadata), and Popolo JSON."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
import pytest
from click.testing import CliRunner, Result

from kzgov import export as exporting
from kzgov.cli import main
from kzgov.export import popolo_date

POPOLO_SCHEMAS = Path(__file__).with_name("popolo")

# Tenures made up for the test: a day-precise end (exclusive 2012-09-24: the last day is 2012-09-23), an end
# known to the year and to the month, an unknown end, and one held in an acting capacity.
TENURES = """office,person,party,valid_from,valid_until,acting,quote
Prime Minister,Bolat Testov,Nur Otan,2007-01-10,2012-09-24,,Bolat Testov headed the government from 10 January 2007.
Prime Minister,Erlan Primerov,,2012-09-24,2014,,Erlan Primerov headed the government from 24 September 2012.
Chair of the Senate,Gulnar Exampleva,,2003-06,2007-01,,Gulnar Exampleva chaired the Senate from June 2003.
Chair of the Senate,Marat Opentov,,2007-01,,,Marat Opentov has chaired the Senate since January 2007.
Prime Minister,Daulet Actingov,,2014-04-02,2014-04-03,true,Daulet Actingov was acting head of government.
"""


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def seeded(database_url: str) -> str:
    result = invoke("load", "--database-url", database_url)
    assert result.exit_code == 0, result.output
    return database_url


@pytest.fixture
def tenures(database_url: str, tmp_path: Path) -> str:
    path = tmp_path / "sources" / "test_tenures.csv"
    path.parent.mkdir()
    path.write_text(TENURES, encoding="utf-8")
    result = invoke("load", str(path), "--database-url", database_url)
    assert result.exit_code == 0, result.output
    return database_url


def export(url: str, *args: str) -> Result:
    return invoke("export", *args, "--database-url", url)


def readable_views(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "select relname from pg_class where relnamespace = 'kzgov'::regnamespace and relkind = 'v'"
            " and has_table_privilege('kzgov_reader', oid, 'SELECT') and relname !~ '^_'"
        ).fetchall()
    return {r[0] for r in rows}


def count(url: str, sql: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def leftovers(directory: Path) -> list[str]:
    """Temporary files an export may have left beside its output."""
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


# -- CSV -----------------------------------------------------------------------------------------------


def test_csv_writes_every_view_the_reader_may_read(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = export(seeded, "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    views = readable_views(seeded)
    assert {p.stem for p in out.iterdir()} == views
    assert {"office_tenures", "conflicts", "sources", "resolved_office_holders"} <= views
    assert not any(name.startswith("_") for name in views)
    for view in views:
        assert len(read_csv(out / f"{view}.csv")) == count(seeded, f"select count(*) from kzgov.{view}"), view
    smaiylov = [
        r
        for r in read_csv(out / "office_tenures.csv")
        if r["person"] == "Älihan Smaiylov" and r["valid_until_basis"] == "inferred" and r["office"] == "Prime Minister"
    ]
    assert [(r["valid_from"], r["valid_until"], r["valid_window"], r["party"]) for r in smaiylov] == [
        ("2022-01-11", "2024-02-06", "false", "")
    ]
    assert smaiylov[0]["quote"] == "Smaiylov was sworn in as Prime Minister on 11 January 2022."
    assert f"office_tenures                         {len(read_csv(out / 'office_tenures.csv'))}" in result.stdout
    assert leftovers(tmp_path) == []


def test_csv_on_a_date_writes_the_point_in_time_answers(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "on"
    result = export(seeded, "--format", "csv", "--on", "2023-06-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {
        "office_holders_on.csv",
        "chamber_seats_on.csv",
        "party_seats_on.csv",
        "elections_between.csv",
        "election_results_between.csv",
        "conflicts_on.csv",
    }
    holders = read_csv(out / "office_holders_on.csv")
    assert sorted((r["office"], r["person"], r["source_key"]) for r in holders) == [
        ("President", "Kassym-Jomart Tokayev", "001_2c6f85f279bc03f9"),
        ("President", "Kassym-Jomart Tokayev", "002_990544a2b7207c7a"),
        ("Prime Minister", "Älihan Smaiylov", "001_2c6f85f279bc03f9"),
    ]
    held = {r["held_on"] for r in read_csv(out / "elections_between.csv")}
    assert held and max(held) <= "2023-06-01"  # the elections held by then
    assert "not exported" in result.stderr and "sources" in result.stderr


def test_csv_known_at_before_any_load_exports_empty_tables(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "before"
    result = export(seeded, "--format", "csv", "--on", "2023-06-01", "--known-at", "2000-01-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    with (out / "office_holders_on.csv").open(encoding="utf-8") as handle:
        assert handle.read().startswith("office,organization,person,party,valid_from,valid_until,")
    assert read_csv(out / "office_holders_on.csv") == []


def test_published_by_leaves_out_conflicts_which_cannot_read_it(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "published"
    result = export(seeded, "--format", "csv", "--on", "2026-02-17", "--published-by", "2026-03-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert not (out / "conflicts_on.csv").exists()
    assert {r["source_key"] for r in read_csv(out / "office_holders_on.csv")} == {"000_612d0cc27c4ad863"}


# -- Parquet -------------------------------------------------------------------------------------------


def test_parquet_writes_typed_columns_with_their_comments(seeded: str, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "parquet"
    result = export(seeded, "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert {p.stem for p in out.iterdir()} == readable_views(seeded)
    table = pq.read_table(out / "office_tenures.parquet")
    assert table.num_rows == count(seeded, "select count(*) from kzgov.office_tenures")
    schema = table.schema
    assert schema.field("valid_from").type == pa.date32()
    assert schema.field("valid_window").type == pa.bool_()
    assert schema.field("claim_id").type == pa.int64()
    assert schema.field("recorded_from").type == pa.timestamp("us", tz="UTC")
    assert schema.field("valid_until").metadata[b"description"].decode().startswith("First day the holder no longer")
    assert schema.metadata[b"description"].decode().startswith("Who held which office")
    rows = table.to_pylist()
    assert {"person": "Älihan Smaiylov", "valid_until": dt.date(2024, 2, 6)}.items() <= next(
        r for r in rows if r["valid_until_basis"] == "inferred" and r["office"] == "Prime Minister"
    ).items()
    resolved = pq.read_table(out / "resolved_office_holders.parquet").schema
    assert resolved.field("dissenting_sources").type == pa.list_(pa.string())


def test_parquet_without_pyarrow_names_the_pip_command(
    seeded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails, as where it is not installed
    out = tmp_path / "parquet"
    result = export(seeded, "--format", "parquet", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == "Error: the parquet format needs pyarrow: pip install 'kzgov[parquet]'\n"
    assert list(tmp_path.iterdir()) == []


# -- SQLite and datasette ---------------------------------------------------------------------------------


def test_sqlite_writes_a_table_per_view_and_datasette_metadata_from_the_comments(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "kzgov.db"
    result = export(seeded, "--format", "sqlite", "-o", str(out))
    assert result.exit_code == 0, result.output
    views = readable_views(seeded)
    db = sqlite3.connect(out)
    try:
        tables = {r[0] for r in db.execute("select name from sqlite_master where type = 'table'")}
        assert tables == views
        for view in views:
            (n,) = db.execute(f'select count(*) from "{view}"').fetchone()
            assert n == count(seeded, f"select count(*) from kzgov.{view}"), view
        row = db.execute(
            "select valid_from, valid_until, valid_window from office_tenures"
            " where person = 'Älihan Smaiylov' and valid_until_basis = 'inferred' and office = 'Prime Minister'"
        ).fetchone()
        assert row == ("2022-01-11", "2024-02-06", 0)
        (share,) = db.execute("select vote_share from election_results where candidate = 'Amirjan Qosanov'").fetchone()
        assert share == 16.0
    finally:
        db.close()
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    described = metadata["databases"]["kzgov"]["tables"]
    assert set(described) == views
    with psycopg.connect(seeded) as conn:
        view_comment = conn.execute("select obj_description('kzgov.office_tenures'::regclass, 'pg_class')").fetchone()
        column_comment = conn.execute(
            "select col_description('kzgov.office_tenures'::regclass, attnum) from pg_attribute"
            " where attrelid = 'kzgov.office_tenures'::regclass and attname = 'valid_until'"
        ).fetchone()
    assert view_comment and column_comment
    assert described["office_tenures"]["description"] == view_comment[0]
    assert described["office_tenures"]["columns"]["valid_until"] == column_comment[0]
    assert described["office_tenures"]["title"] == "office tenures"


def test_sqlite_on_a_date_describes_the_functions_columns_by_their_views(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "on.db"
    result = export(seeded, "--format", "sqlite", "--on", "2023-06-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    described = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))["databases"]["on"]["tables"]
    holders = described["office_holders_on"]
    assert holders["description"].startswith("Who held which office on on_date")
    assert holders["columns"]["person"].startswith("The holder")


# -- Popolo --------------------------------------------------------------------------------------------


def popolo_validators() -> dict[str, Any]:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in POPOLO_SCHEMAS.glob("*.json")}
    registry: Registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    return {
        kind: Draft202012Validator(schemas[f"{kind}.json"], registry=registry)
        for kind in ("person", "organization", "post", "membership")
    }


def check_popolo(document: dict[str, list[dict[str, Any]]]) -> None:
    """The document is valid Popolo: every object against its schema, every reference to an object present."""
    validators = popolo_validators()
    lists = {"persons": "person", "organizations": "organization", "posts": "post", "memberships": "membership"}
    assert set(document) == set(lists)
    for key, kind in lists.items():
        for item in document[key]:
            validators[kind].validate(item)
    ids = {key: {item["id"] for item in document[key]} for key in lists}
    for membership in document["memberships"]:
        assert membership["person_id"] in ids["persons"]
        assert membership["post_id"] in ids["posts"]
        for key in ("organization_id", "on_behalf_of_id"):
            assert membership.get(key) is None or membership[key] in ids["organizations"]
        assert membership["sources"], membership
        for source in membership["sources"]:
            assert urlsplit(source["url"]).scheme and source["note"]
    for post in document["posts"]:
        assert post.get("organization_id") is None or post["organization_id"] in ids["organizations"]


def popolo_export(url: str, tmp_path: Path, *args: str) -> dict[str, list[dict[str, Any]]]:
    out = tmp_path / "popolo.json"
    result = export(url, "--format", "popolo", *args, "-o", str(out))
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    check_popolo(document)
    return document


def test_popolo_end_dates_are_inclusive_and_keep_their_precision(tenures: str, tmp_path: Path) -> None:
    document = popolo_export(tenures, tmp_path)
    names = {p["id"]: p["name"] for p in document["persons"]}
    dated = {
        names[m["person_id"]]: (m.get("start_date"), m.get("end_date"), m.get("label")) for m in document["memberships"]
    }
    assert dated == {
        "Bolat Testov": ("2007-01-10", "2012-09-23", None),  # valid_until 2012-09-24 is exclusive
        "Erlan Primerov": ("2012-09-24", "2014", None),  # an end known to the year stays a year
        "Gulnar Exampleva": ("2003-06", "2007-01", None),  # and to the month, a month
        "Marat Opentov": ("2007-01", None, None),  # an unknown end is left out
        "Daulet Actingov": ("2014-04-02", "2014-04-02", "acting Prime Minister"),
    }
    testov = next(m for m in document["memberships"] if names[m["person_id"]] == "Bolat Testov")
    assert testov["role"] == "Prime Minister"
    assert testov["sources"] == [
        {
            "url": "urn:kzgov:source:test_tenures:1",
            "note": "Bolat Testov headed the government from 10 January 2007.",
        }
    ]
    party = next(o for o in document["organizations"] if o["id"] == testov["on_behalf_of_id"])
    assert party["name"] == "Amanat" and party["classification"] == "party"
    assert {"name": "Nur Otan", "end_date": "2022-02-28"} in party["other_names"]


def test_popolo_of_the_seeds_is_valid_and_keeps_observations_out_of_the_dates(seeded: str, tmp_path: Path) -> None:
    document = popolo_export(seeded, tmp_path)
    assert len(document["memberships"]) == count(seeded, "select count(*) from kzgov.office_tenures")
    by_quote = {m["sources"][0]["note"]: m for m in document["memberships"]}
    inferred = by_quote["Smaiylov was sworn in as Prime Minister on 11 January 2022."]
    assert (inferred["start_date"], inferred["end_date"]) == ("2022-01-11", "2024-02-05")
    # A statement of the source's present says the office was held that day, not when the tenure began.
    today = by_quote["Head of Government: Prime Minister Älihan Smaiylov"]
    assert "start_date" not in today and "end_date" not in today
    assert today["label"] == "Prime Minister on 2026-02-17, the day the source speaks of"
    leaders = [m for m in document["memberships"] if m["role"] == "Party Leader"]
    assert leaders and all("organization_id" in m for m in leaders)


def test_popolo_on_a_date_has_the_holders_of_that_date(seeded: str, tmp_path: Path) -> None:
    document = popolo_export(seeded, tmp_path, "--on", "2023-06-01")
    names = {p["id"]: p["name"] for p in document["persons"]}
    assert sorted((m["role"], names[m["person_id"]]) for m in document["memberships"]) == [
        ("President", "Kassym-Jomart Tokayev"),
        ("President", "Kassym-Jomart Tokayev"),
        ("Prime Minister", "Älihan Smaiylov"),
    ]


@pytest.mark.parametrize(
    ("value", "precision", "end", "expected"),
    [
        (dt.date(2012, 9, 24), "day", True, "2012-09-23"),
        (dt.date(2012, 9, 24), "day", False, "2012-09-24"),
        (dt.date(2012, 3, 1), "day", True, "2012-02-29"),
        (dt.date(2012, 1, 1), "year", True, "2012"),
        (dt.date(2012, 1, 1), "year", False, "2012"),
        (dt.date(2007, 1, 1), "month", True, "2007-01"),
        (dt.date(2003, 6, 1), "month", False, "2003-06"),
        (None, None, True, None),
    ],
)
def test_popolo_date(value: dt.date | None, precision: str | None, end: bool, expected: str | None) -> None:
    assert popolo_date(value, precision, end=end) == expected


# -- refusals, with nothing written ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "Error: unknown format 'xml': expected one of csv, parquet, sqlite, popolo\n"),
        (
            ["--format", "csv", "--known-at", "2020-01-01"],
            "Error: --known-at and --published-by need --on DATE: the views hold what is recorded now;"
            " the point-in-time functions read the other time axes\n",
        ),
    ],
)
def test_bad_options_are_one_line_and_write_nothing(seeded: str, tmp_path: Path, args: list[str], message: str) -> None:
    result = export(seeded, *args, "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == message
    assert list(tmp_path.iterdir()) == []


def test_bad_options_are_refused_before_the_database_is_reached(tmp_path: Path) -> None:
    unreachable = "postgresql://nobody@127.0.0.1:1/nowhere"
    for args in (["--format", "xml"], ["--format", "csv", "--published-by", "2020-01-01"]):
        result = export(unreachable, *args, "-o", str(tmp_path / "out"))
        assert result.exit_code == 1
        assert "cannot reach the database" not in result.stderr and result.stderr.count("\n") == 1


def test_a_path_in_a_missing_directory_is_refused(seeded: str, tmp_path: Path) -> None:
    result = export(seeded, "--format", "popolo", "-o", str(tmp_path / "missing" / "out.json"))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: cannot write {tmp_path / 'missing' / 'out.json'}: directory {tmp_path / 'missing'} does not exist\n"
    )


def test_a_path_under_a_file_is_refused(seeded: str, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = export(seeded, "--format", "csv", "-o", str(tmp_path / "file" / "out"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot write") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("fmt", "name"), [("csv", "out"), ("parquet", "out"), ("sqlite", "out.db"), ("popolo", "out.json")]
)
def test_an_existing_output_is_kept_without_force_and_replaced_with_it(
    seeded: str, tmp_path: Path, fmt: str, name: str
) -> None:
    out = tmp_path / name
    assert export(seeded, "--format", fmt, "-o", str(out)).exit_code == 0
    before = sorted(p.name for p in tmp_path.rglob("*"))
    again = export(seeded, "--format", fmt, "-o", str(out))
    assert again.exit_code == 1
    assert again.stderr == f"Error: {out} already exists; use --force to replace it\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    forced = export(seeded, "--format", fmt, "-o", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert leftovers(tmp_path) == []


def test_force_does_not_replace_a_directory_of_other_files(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = export(seeded, "--format", "csv", "-o", str(out), "--force")
    assert result.exit_code == 1
    assert "holds other things than a csv export (notes.txt)" in result.stderr
    assert (out / "notes.txt").read_text() == "mine"


def test_an_empty_directory_is_written_into(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    assert export(seeded, "--format", "csv", "-o", str(out)).exit_code == 0
    assert (out / "office_tenures.csv").exists()


def test_a_failure_midway_leaves_nothing(seeded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written = []

    def failing(path: Path, *args: object) -> int:
        if written:
            raise OSError(28, "No space left on device")
        written.append(path)
        path.write_text("partial")
        return 1

    monkeypatch.setattr(exporting, "_write_csv", failing)
    out = tmp_path / "csv"
    result = export(seeded, "--format", "csv", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {out}: No space left on device\n"
    assert written and list(tmp_path.iterdir()) == []


def test_exports_import_their_libraries_only_when_used() -> None:
    script = (
        "import sys, kzgov.cli, kzgov.export, kzgov.person\n"
        "print(sorted({'pyarrow', 'pandas', 'sqlite3', 'jsonschema', 'sqlalchemy'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
