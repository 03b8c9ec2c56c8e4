"""A large new source's tenure claims in a partition of their own (revision 0012).

office_tenure is partitioned by its source's segment. Every source's claims are in segment 0, written row by
row through the table's indexes, keys and triggers, except those of a source whose first version states at
least MIN_CLAIMS tenures and at least SHARE of the tenures the table holds: it is given the next segment,
and its claims are written into a new table of office_tenure's columns and checks, which is then attached as
that segment's partition. Attaching builds the partition's indexes once, over all its rows, and checks each
foreign key with one query over them, instead of maintaining every index and checking every key for each
row; the database enforces the same constraints either way. The table is created in the load's transaction,
so a load that fails or is interrupted leaves neither table nor segment behind. Later versions of the source
are written into its partition as any source's are into segment 0.

The claims' recorded period and ids are what the table's trigger and identity would give them: the load's
recorded time (taken after the write lock, so in commit order) and the identity sequence's next values.
"""

from __future__ import annotations

import re
from typing import Any

import psycopg

from kzgov.loading import staging
from kzgov.tables import INTERNAL_SCHEMA

# Fact tables partitioned by segment, and the fewest of its claims a new source needs to be given its own.
SEGMENTED = ("office_tenure",)
MIN_CLAIMS = 100_000
# ... and how large against the table it must be. A query reaches an office's claims with one probe of each
# partition, and plans each of them, so their number must not grow with the number of large files: each new
# segment grows the table by at least this share, so a table of N tenures has at most
# 1 + log(N / MIN_CLAIMS) / log(1 + SHARE) segments of their own (21 at ten million) beside segment 0.
SHARE = 0.25


def partition_name(table: str, segment: int) -> str:
    return f"{table}_segment_{segment}"


def of_source(table: str, alias: str | None = None) -> str:
    """The condition selecting a source's rows of table (params source_id and segment): in a table partitioned
    by segment, it names the source's segment too, so only that partition is read."""
    column = f"{alias}." if alias else ""
    where = f"{column}source_id = %(source_id)s"
    return f"{where} and {column}segment = %(segment)s" if table in SEGMENTED else where


def table_of(relation: str) -> str:
    """The table a relation named in a plan belongs to: a partition's table, else the relation itself."""
    return re.sub(r"_segment_\d+$", "", relation)


def choose(cur: psycopg.Cursor[Any]) -> int:
    """The segment for a new source's claims: the next one if it states enough tenures, else 0 (shared).

    Enough: at least MIN_CLAIMS, and at least SHARE of the tenures the table holds (counted only for a
    source that has MIN_CLAIMS). Called under the write lock, so two loads never choose the same segment
    (uq_source_segment_own says so) and the count is the table's as this load will find it.
    """
    cur.execute(f"select count(*) from {staging.stage_name('office_tenure')}")
    staged = int(staging.scalar(cur))
    if staged < MIN_CLAIMS:
        return 0
    cur.execute(f"select count(*) from {INTERNAL_SCHEMA}.office_tenure")
    if staged < SHARE * int(staging.scalar(cur)):
        return 0
    cur.execute(f"select coalesce(max(segment), 0) + 1 from {INTERNAL_SCHEMA}.source")
    return int(staging.scalar(cur))


def create_detached(cur: psycopg.Cursor[Any], table: str, segment: int) -> str:
    """A new table with table's columns, defaults and checks (no index, key or trigger yet); its name."""
    name = partition_name(table, segment)
    cur.execute(
        f"create table {INTERNAL_SCHEMA}.{name}"
        f" (like {INTERNAL_SCHEMA}.{table} including defaults including constraints)"
    )
    return name


def attach(cur: psycopg.Cursor[Any], table: str, segment: int) -> None:
    """Attach segment's table as table's partition: its indexes are built, its keys checked, its triggers
    cloned; then what the partition does not inherit: the office statistics target (0011) and the trigger
    refusing TRUNCATE."""
    name = partition_name(table, segment)
    cur.execute(
        f"alter table {INTERNAL_SCHEMA}.{table} attach partition {INTERNAL_SCHEMA}.{name} for values in ({segment})"
    )
    _finish(cur, table, segment)


def create_attached(cur: psycopg.Cursor[Any], table: str, segment: int) -> None:
    """An empty partition for segment, indexed and keyed like the rest, for rows written one by one."""
    name = partition_name(table, segment)
    cur.execute(
        f"create table {INTERNAL_SCHEMA}.{name} partition of {INTERNAL_SCHEMA}.{table} for values in ({segment})"
    )
    _finish(cur, table, segment)


# Each index of a new partition named after the table's index it belongs to, with the segment: a refusal then
# names the key a user knows (uq_office_tenure_current_claim_3), not a name the server made up.
RENAME_INDEXES = """
select format('alter index %%s rename to %%I', child.oid::regclass, parent.relname || '_' || %(segment)s)
  from pg_inherits h join pg_class child on child.oid = h.inhrelid join pg_class parent on parent.oid = h.inhparent
 where child.relkind = 'i' and child.oid in (select indexrelid from pg_index where indrelid = %(partition)s::regclass)
"""


def _finish(cur: psycopg.Cursor[Any], table: str, segment: int) -> None:
    name = partition_name(table, segment)
    cur.execute(RENAME_INDEXES, {"segment": segment, "partition": f"{INTERNAL_SCHEMA}.{name}"})
    for (statement,) in cur.fetchall():
        cur.execute(statement)
    cur.execute(
        "select a.attname, a.attstattarget from pg_attribute a"
        " where a.attrelid = %s::regclass and a.attnum > 0 and not a.attisdropped and a.attstattarget > 0",
        (f"{INTERNAL_SCHEMA}.{table}",),
    )
    for column, target in cur.fetchall():
        cur.execute(f"alter table {INTERNAL_SCHEMA}.{name} alter column {column} set statistics {int(target)}")
    cur.execute(
        f"create trigger {name}_no_truncate before truncate on {INTERNAL_SCHEMA}.{name}"
        f" for each statement execute function {INTERNAL_SCHEMA}.forbid_change()"
    )
