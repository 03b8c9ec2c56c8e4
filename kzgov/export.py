"""kzgov export: the public views (or what they held on one date) as CSV, Parquet, SQLite or Popolo JSON.

Every table is read in one read-only REPEATABLE READ transaction, so the files agree with each other even
while a load runs, and streamed from a server-side cursor, so memory stays flat as the views grow. What
is written goes to a temporary path beside the output first and is renamed into place at the end:
a failed export leaves nothing behind, and an existing output is replaced only with force.

Which views and functions answer is kzgov.interface's; this module only writes their rows. pyarrow (for
Parquet) and sqlite3 are imported by the format that needs them.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import decimal
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from kzgov import interface

FORMATS = ("csv", "parquet", "sqlite", "popolo")
BATCH = 5000  # rows fetched from the server at a time
PARQUET_HINT = "pip install 'kzgov[parquet]'"


class ExportError(Exception):
    """An export refused before or while writing, with nothing left behind."""


@dataclass
class Written:
    """What an export wrote: the paths, and the rows of each table."""

    paths: list[Path]
    rows: dict[str, int] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)  # views with no point-in-time function (with --on)


@dataclass(frozen=True)
class Column:
    """A column of an exported table: its name, its PostgreSQL type and its description."""

    name: str
    pg_type: str
    description: str | None = None


# Writes one table: its path, columns, rows in batches and description; returns the rows written.
Writer = Callable[[Path, Sequence[Column], Iterable[list[Any]], str | None], int]


# -- checks before anything is read or written ----------------------------------------------------------


def check(fmt: str, output: Path, force: bool, *, on_date: dt.date | None = None, other_axes: bool = False) -> None:
    """Refuse, before any work, a format kzgov does not write, a time axis the views cannot read (other_axes:
    known_at or published_by given), a missing library or an output in the way."""
    if on_date is None and other_axes:
        raise ExportError(
            "--known-at and --published-by need --on DATE: the views hold what is recorded now;"
            " the point-in-time functions read the other time axes"
        )
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ExportError(f"the parquet format needs pyarrow: {PARQUET_HINT}") from None
    parent = output.absolute().parent
    if not parent.is_dir():
        raise ExportError(f"cannot write {output}: directory {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {output}: directory {parent} is not writable")
    for target in targets(fmt, output):
        _check_free(target, fmt, force)


def targets(fmt: str, output: Path) -> list[Path]:
    """The paths an export of fmt to output writes: a directory of files (csv, parquet), a database and its
    datasette metadata beside it (sqlite), or one file (popolo)."""
    if fmt == "sqlite":
        return [output, output.with_name("metadata.json")]
    return [output]


def _check_free(target: Path, fmt: str, force: bool) -> None:
    if not target.exists() and not target.is_symlink():
        return
    directory = fmt in ("csv", "parquet")
    if directory and target.is_dir() and not target.is_symlink() and not any(target.iterdir()):
        return  # an empty directory is free
    if not force:
        raise ExportError(f"{target} already exists; use --force to replace it")
    if directory:
        if not target.is_dir() or target.is_symlink():
            raise ExportError(f"{target} is not a directory; --force replaces only an earlier {fmt} export")
        others = [p.name for p in target.iterdir() if not (p.is_file() and p.suffix == f".{fmt}")]
        if others:
            raise ExportError(
                f"{target} holds other things than a {fmt} export ({', '.join(sorted(others)[:3])});"
                " --force replaces only an earlier export"
            )
    elif target.is_dir():
        raise ExportError(f"{target} is a directory; give the path of a file")


# -- reading ------------------------------------------------------------------------------------------


def tables(
    conn: psycopg.Connection, on_date: dt.date | None, known_at: dt.datetime | None, published_by: dt.date | None
) -> tuple[list[interface.Table], list[str]]:
    """The tables to export (every public view, or the point-in-time answers for on_date) and the public views
    left out (with on_date, those with no point-in-time function)."""
    _, views = interface.public_views().run(conn)
    names = [str(name) for name, _ in views]
    if on_date is None:
        return [interface.Table(name, interface.view_rows(name), name, name) for name in names], []
    chosen = interface.point_in_time_tables(on_date, known_at, published_by)
    answered = {t.described_by for t in chosen}
    return chosen, [name for name in names if name not in answered]


def describe(conn: psycopg.Connection, table: interface.Table) -> tuple[str | None, dict[str, str]]:
    """The comment on what fills the table, and the comment of each column of the view that describes it."""
    _, found = interface.comment_on(table.comment_of).run(conn)
    _, columns = interface.comments(table.described_by).run(conn)
    return (found[0][0] if found else None), {str(n): str(c) for n, c in columns if c}


@contextlib.contextmanager
def rows_of(conn: psycopg.Connection, query: interface.Query) -> Iterator[tuple[list[Column], Iterator[list[Any]]]]:
    """The columns of query's answer and its rows in batches, from a server-side cursor."""
    with conn.cursor(name="kzgov_export") as cur:
        cur.execute(query.sql, dict(query.params))
        columns = [Column(d.name, _type_name(conn, d.type_code)) for d in cur.description or []]

        def batches() -> Iterator[list[Any]]:
            while batch := cur.fetchmany(BATCH):
                yield batch

        yield columns, batches()


def _type_name(conn: psycopg.Connection, oid: int) -> str:
    """The name of a PostgreSQL type, an array's written _element as in pg_type."""
    info = conn.adapters.types.get(oid)  # an array's oid finds its element's entry
    if info is None:
        return "text"
    return f"_{info.name}" if oid == info.array_oid else info.name


# -- the export ---------------------------------------------------------------------------------------


def export(
    conn: psycopg.Connection,
    fmt: str,
    output: Path,
    *,
    on_date: dt.date | None = None,
    known_at: dt.datetime | None = None,
    published_by: dt.date | None = None,
    force: bool = False,
) -> Written:
    """Write the public views (or their answers for on_date) to output in fmt; nothing is left on failure."""
    check(fmt, output, force, on_date=on_date, other_axes=known_at is not None or published_by is not None)
    conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    conn.read_only = True
    try:
        with conn.transaction():
            return _export(conn, fmt, output, on_date, known_at, published_by, force)
    except OSError as exc:  # the disk filled, a file vanished: the temporary output is gone already
        raise ExportError(f"cannot write {output}: {exc.strerror or exc}") from None


def _export(
    conn: psycopg.Connection,
    fmt: str,
    output: Path,
    on_date: dt.date | None,
    known_at: dt.datetime | None,
    published_by: dt.date | None,
    force: bool,
) -> Written:
    """The export inside its transaction."""
    if fmt == "popolo":
        document = popolo(conn, on_date, known_at, published_by)
        with _replacing(output, force) as temporary:
            temporary.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return Written([output], {key: len(value) for key, value in document.items()})
    chosen, left_out = tables(conn, on_date, known_at, published_by)
    if fmt == "sqlite":
        return _sqlite(conn, chosen, output, force, left_out)
    write: Writer = _write_csv if fmt == "csv" else _write_parquet
    written = Written([output], left_out=left_out)
    with _replacing(output, force, directory=True) as temporary:
        for table in chosen:
            description, comments = describe(conn, table)
            with rows_of(conn, table.query) as (columns, batches):
                columns = [Column(c.name, c.pg_type, comments.get(c.name)) for c in columns]
                path = temporary / f"{table.name}.{fmt}"
                written.rows[table.name] = write(path, columns, batches, description)
    return written


@contextlib.contextmanager
def _replacing(output: Path, force: bool, directory: bool = False) -> Iterator[Path]:
    """A temporary path beside output, renamed to output when the block ends well and removed otherwise."""
    parent = output.absolute().parent
    try:
        if directory:
            temporary = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=parent))
        else:
            handle, name = tempfile.mkstemp(prefix=f".{output.name}.", dir=parent)
            os.close(handle)
            temporary = Path(name)
    except OSError as exc:
        raise ExportError(f"cannot write {output}: {exc.strerror or exc}") from None
    try:
        yield temporary
        if directory:
            temporary.chmod(0o777 & ~_umask())
            if output.is_dir():  # empty, or an earlier export replaced with force: set aside until the new one is in
                old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old.", dir=parent))
                output.rename(old / "export")
                try:
                    temporary.rename(output)
                except BaseException:
                    (old / "export").rename(output)
                    raise
                finally:
                    shutil.rmtree(old, ignore_errors=True)
            else:
                temporary.rename(output)
        else:
            temporary.chmod(0o666 & ~_umask())
            temporary.replace(output)
    except BaseException:
        if temporary.is_dir():
            shutil.rmtree(temporary, ignore_errors=True)
        else:
            temporary.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- CSV ----------------------------------------------------------------------------------------------


def text(value: Any) -> str:
    """A value as CSV text: NULL empty, dates and times ISO 8601, booleans true/false, arrays as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, (list, tuple)):
        return json.dumps([_json(v) for v in value], ensure_ascii=False)
    return str(value)


def _json(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def _write_csv(path: Path, columns: Sequence[Column], batches: Iterable[list[Any]], _description: str | None) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.name for c in columns])
        for batch in batches:
            writer.writerows([text(v) for v in row] for row in batch)
            count += len(batch)
    return count


# -- Parquet ------------------------------------------------------------------------------------------


def _write_parquet(path: Path, columns: Sequence[Column], batches: Iterable[list[Any]], description: str | None) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = [
        pa.field(c.name, _arrow_type(pa, c.pg_type), metadata={"description": c.description} if c.description else None)
        for c in columns
    ]
    schema = pa.schema(fields, metadata={"description": description} if description else None)
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in batches:
            arrays = [
                pa.array([_arrow_value(row[i], c.pg_type) for row in batch], type=f.type)
                for i, (c, f) in enumerate(zip(columns, fields, strict=True))
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            count += len(batch)
    return count


def _arrow_type(pa: Any, pg_type: str) -> Any:
    element = pg_type.removeprefix("_")
    scalar = {
        "bool": pa.bool_(),
        "int2": pa.int16(),
        "int4": pa.int32(),
        "int8": pa.int64(),
        "numeric": pa.float64(),  # shares, seats and indicator values: analysts want numbers
        "float4": pa.float32(),
        "float8": pa.float64(),
        "date": pa.date32(),
        "timestamptz": pa.timestamp("us", tz="UTC"),
        "timestamp": pa.timestamp("us"),
    }.get(element, pa.string())
    return pa.list_(scalar) if pg_type.startswith("_") else scalar


def _arrow_value(value: Any, pg_type: str) -> Any:
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [_arrow_value(v, pg_type.removeprefix("_")) for v in value]
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC)
    if value is not None and _arrow_is_text(pg_type) and not isinstance(value, str):
        return str(value)
    return value


def _arrow_is_text(pg_type: str) -> bool:
    return pg_type.removeprefix("_") not in (
        "bool",
        "int2",
        "int4",
        "int8",
        "numeric",
        "float4",
        "float8",
        "date",
        "timestamptz",
        "timestamp",
    )


# -- SQLite (and datasette's metadata.json) ---------------------------------------------------------------


def _sqlite(
    conn: psycopg.Connection, chosen: list[interface.Table], output: Path, force: bool, left_out: list[str]
) -> Written:
    import sqlite3

    metadata_path = output.with_name("metadata.json")
    written = Written([output, metadata_path], left_out=left_out)
    described: dict[str, Any] = {}
    with _replacing(output, force) as database, _replacing(metadata_path, force) as metadata:
        db = sqlite3.connect(database)
        try:
            for table in chosen:
                description, comments = describe(conn, table)
                with rows_of(conn, table.query) as (columns, batches):
                    written.rows[table.name] = _sqlite_table(db, table.name, columns, batches)
                described[table.name] = {
                    "title": table.name.replace("_", " "),
                    **({"description": description} if description else {}),
                    "columns": {c.name: comments[c.name] for c in columns if c.name in comments},
                }
            db.commit()
        finally:
            db.close()
        metadata.write_text(
            json.dumps(
                {
                    "title": "kzgov",
                    "description": "Kazakhstan's government over time, from sources that disagree: every claim"
                    " with its source and verbatim quote. Periods are half-open: valid_until is the first day"
                    " a fact no longer held; an empty bound is unknown, never an invented date.",
                    "databases": {output.stem: {"tables": described}},
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
    return written


_SQLITE_TYPES = {"bool": "INTEGER", "int2": "INTEGER", "int4": "INTEGER", "int8": "INTEGER"}
_SQLITE_TYPES |= {"numeric": "REAL", "float4": "REAL", "float8": "REAL"}


def _sqlite_table(db: Any, name: str, columns: Sequence[Column], batches: Iterable[list[Any]]) -> int:
    def quoted(identifier: str) -> str:
        return '"' + identifier.replace('"', '""') + '"'

    definition = ", ".join(f"{quoted(c.name)} {_SQLITE_TYPES.get(c.pg_type, 'TEXT')}" for c in columns)
    db.execute(f"create table {quoted(name)} ({definition})")
    insert = f"insert into {quoted(name)} values ({', '.join('?' for _ in columns)})"
    count = 0
    for batch in batches:
        db.executemany(insert, [[_sqlite_value(v) for v in row] for row in batch])
        count += len(batch)
    return count


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime, list, tuple)):
        return text(value)
    return value


# -- Popolo ---------------------------------------------------------------------------------------------

# kzgov's periods are half-open, [valid_from, valid_until); Popolo's end_date is the last day the membership
# held. A bound dated to the day moves back a day; one dated to the month or year is written at that
# precision (2012 for "until 2012"): a day is never invented. An unknown bound is left out.


def popolo_date(value: dt.date | None, precision: str | None, *, end: bool = False) -> str | None:
    """A kzgov bound as a Popolo date (YYYY, YYYY-MM or YYYY-MM-DD); an exclusive end becomes inclusive."""
    if value is None:
        return None
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if end:
        return (value - dt.timedelta(days=1)).isoformat()
    return value.isoformat()


def popolo(
    conn: psycopg.Connection, on_date: dt.date | None, known_at: dt.datetime | None, published_by: dt.date | None
) -> dict[str, list[dict[str, Any]]]:
    """Office tenures as a Popolo document: persons, organizations, posts (the offices) and memberships, each
    membership with its source and the source's words."""
    names, rows = interface.popolo_memberships(on_date, known_at, published_by).run(conn)
    tenures = [dict(zip(names, row, strict=True)) for row in rows]
    memberships = [_membership(t) for t in tenures]
    posts: dict[int, dict[str, Any]] = {}
    for t in tenures:
        post = {"id": f"post/{t['office_id']}", "label": t["office"], "role": t["office"]}
        if t["organization_id"] is not None:
            post["organization_id"] = f"organization/{t['organization_id']}"
        posts[t["office_id"]] = post
    organization_ids = sorted(
        {t[key] for t in tenures for key in ("organization_id", "party_id") if t[key] is not None}
    )
    person_ids = sorted({t["person_id"] for t in tenures})
    return {
        "persons": _persons(conn, person_ids),
        "organizations": _organizations(conn, organization_ids),
        "posts": [posts[k] for k in sorted(posts)],
        "memberships": memberships,
    }


def _membership(t: dict[str, Any]) -> dict[str, Any]:
    membership: dict[str, Any] = {
        "id": f"membership/{t['claim_id']}",
        "person_id": f"person/{t['person_id']}",
        "post_id": f"post/{t['office_id']}",
        "role": t["office"],
    }
    if t["organization_id"] is not None:
        membership["organization_id"] = f"organization/{t['organization_id']}"
    if t["party_id"] is not None:
        membership["on_behalf_of_id"] = f"organization/{t['party_id']}"
    label = _label(t)
    if label:
        membership["label"] = label
    if not t["valid_window"] and t["basis"] != "as_of_publication":
        start = popolo_date(t["valid_from"], t["valid_from_precision"])
        end = (
            popolo_date(t["valid_until"], t["valid_until_precision"], end=True)
            if t["valid_until_basis"] != "unknown"
            else None
        )
        if start:
            membership["start_date"] = start
        if end:
            membership["end_date"] = end
    url = t["url"] or f"urn:kzgov:source:{t['source_key']}:{t['source_version']}"
    membership["sources"] = [{"url": url, "note": t["quote"]}]
    return membership


def _label(t: dict[str, Any]) -> str | None:
    """What a membership's dates cannot say: acting, or a claim about one day or one unknown moment (its period
    is then when the source saw the fact, not when the tenure began or ended, and stays out of the dates)."""
    office = f"acting {t['office']}" if t["acting"] else t["office"]
    if t["valid_window"]:
        last = popolo_date(t["valid_until"], t["valid_until_precision"], end=True)
        return (
            f"{office}, at one unknown moment from {popolo_date(t['valid_from'], t['valid_from_precision'])} to {last}"
        )
    if t["basis"] == "as_of_publication":
        return f"{office} on {popolo_date(t['valid_from'], t['valid_from_precision'])}, the day the source speaks of"
    return office if t["acting"] else None


def _persons(conn: psycopg.Connection, ids: list[int]) -> list[dict[str, Any]]:
    _, rows = interface.popolo_persons(ids).run(conn)
    persons = []
    for person_id, name, others in rows:
        person: dict[str, Any] = {
            "id": f"person/{person_id}",
            "name": name,
            "identifiers": [{"scheme": "kzgov", "identifier": str(person_id)}],
        }
        if others:
            person["other_names"] = [{"name": other} for other in others]
        persons.append(person)
    return persons


def _organizations(conn: psycopg.Connection, ids: list[int]) -> list[dict[str, Any]]:
    _, rows = interface.popolo_organizations(ids).run(conn)
    found: dict[int, dict[str, Any]] = {}
    for org_id, name, kind, other, other_from, other_until in rows:
        organization = found.setdefault(
            org_id,
            {
                "id": f"organization/{org_id}",
                "name": name,
                "classification": kind,
                "identifiers": [{"scheme": "kzgov", "identifier": str(org_id)}],
            },
        )
        if other is None:
            continue
        entry: dict[str, Any] = {"name": other}
        if other_from is not None:
            entry["start_date"] = popolo_date(other_from, "day")
        if other_until is not None:
            entry["end_date"] = popolo_date(other_until, "day", end=True)
        names = organization.setdefault("other_names", [])
        if entry not in names:
            names.append(entry)
    return [found[k] for k in sorted(found)]
