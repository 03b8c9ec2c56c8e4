"""Schema kzgov holds only what users may read; the tables move to kzgov_internal; an analyst schema for dbt.

A BI tool lists every object of the schema it is pointed at. Until now schema kzgov held the tables, sequences,
trigger functions and internal views beside the documented views and functions, and a reader who picked a
table was refused. From this revision:
- kzgov: the documented views and functions, nothing else, each readable by kzgov_reader and commented.
- kzgov_internal: the tables (their sequences, indexes, constraints and triggers move with them), the
  internal views (the claim values, the resolution, the views of every row the point-in-time functions read
  as their caller) and the internal functions (recorded time, the trigger functions, the successor rule,
  certainty, the inference refresh, the grants). Alembic's version table follows the tables (alembic/env.py).
- kzgov_analyst: a schema where the role kzgov_analyst (created here, a member of kzgov_reader, so it reads
  what the reader reads) may create tables, views and functions, so that dbt models materialize; kzgov never
  writes there.

The inference refresh finds each tenure's successor with one lookup in a new partial index,
ix_office_tenure_successor_start (office, start), instead of comparing every pair of an office's claims.

Every row keeps its id and history: ALTER ... SET SCHEMA moves a table without rewriting it. The trigger
functions' bodies name recorded_now() and a table by schema, so they are replaced with bodies naming the new
schema. The downgrade moves everything back and restores the earlier bodies; kzgov_analyst stays when it holds
an analyst's objects (it is theirs: a downgrade never drops them), and is dropped when empty.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from alembic import op
from sqlalchemy import text

from kzgov import sqlobjects

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = (
    "jurisdiction",
    "source",
    "source_version",
    "source_version_chunk",
    "person",
    "person_name",
    "organization",
    "organization_name",
    "office",
    "office_name",
    "office_holding",
    "office_tenure",
    "tenure_inference",
    "chamber_composition",
    "party_seats",
    "election",
    "election_result",
    "body_event",
    "indicator",
    "admin_division",
    "uncovered_sentence",
)

# Functions created by migrations rather than sql/: they move with the tables.
FUNCTIONS = (
    "recorded_now()",
    "set_recorded()",
    "close_recorded_only()",
    "forbid_change()",
    "tenure_inference_jurisdiction()",
)


def _bodies(schema: str) -> str:
    """The functions whose bodies name a schema, as they read in that schema (kzgov: as 0004 and 0009 left them)."""
    return rf"""
create or replace function {schema}.set_recorded() returns trigger
language plpgsql as $$
begin
    -- Recorded time belongs to the database: whatever a caller sent is replaced.
    new.recorded := tstzrange({schema}.recorded_now(), null, '[)');
    return new;
end
$$;

create or replace function {schema}.close_recorded_only() returns trigger
language plpgsql as $$
begin
    -- The one change allowed to a fact row: closing its open recorded period, at {schema}.recorded_now().
    if upper_inf(old.recorded) and not upper_inf(new.recorded)
       and lower(new.recorded) = lower(old.recorded)
       and (to_jsonb(new) - 'recorded') = (to_jsonb(old) - 'recorded') then
        new.recorded := tstzrange(lower(old.recorded), {schema}.recorded_now(), '[)');
        return new;
    end if;
    raise exception '{schema}.%: rows are never changed; only an open recorded period may be closed', tg_table_name
        using errcode = 'restrict_violation';
end
$$;

create or replace function {schema}.forbid_change() returns trigger
language plpgsql as $$
begin
    raise exception '{schema}.%: rows are never % (history is closed, not erased)', tg_table_name,
        case tg_op when 'DELETE' then 'deleted' when 'TRUNCATE' then 'truncated' else 'updated' end
        using errcode = 'restrict_violation';
end
$$;

create or replace function {schema}.tenure_inference_jurisdiction() returns trigger
language plpgsql as $$
begin
    -- An inference is of the jurisdiction of the tenure it ends, filled in for a writer that leaves it out.
    select t.jurisdiction_code into new.jurisdiction_code from {schema}.office_tenure t where t.id = new.tenure_id;
    return new;
end
$$;
"""


def _move(source: str, target: str) -> None:
    for table in TABLES:
        op.execute(f"alter table {source}.{table} set schema {target}")
    for function in FUNCTIONS:
        op.execute(f"alter function {source}.{function} set schema {target}")
    op.execute(_bodies(target))


def upgrade() -> None:
    for statement in sqlobjects.drop_all("0009"):
        op.execute(statement)
    op.execute("create schema kzgov_internal")
    op.execute(
        "comment on schema kzgov_internal is 'kzgov''s tables and internal views and functions: not for readers."
        " Read schema kzgov (its views and functions) instead.'"
    )
    _move("kzgov", "kzgov_internal")
    op.execute(
        "comment on schema kzgov is 'Kazakhstan''s government, bitemporal: the views (one row per currently"
        " recorded claim) and the point-in-time functions that BI tools and reports read. Every object here"
        " may be read by kzgov_reader and is commented; the tables are in kzgov_internal.'"
    )
    op.execute("create schema if not exists kzgov_analyst")
    op.execute(
        "comment on schema kzgov_analyst is 'Analysts'' own tables and views (dbt models): kzgov_analyst may"
        " create here. kzgov never writes here, and no kzgov migration drops what is here.'"
    )
    op.execute(
        "create index ix_office_tenure_successor_start on kzgov_internal.office_tenure (office_id, lower(valid), id)"
        " where upper_inf(recorded) and basis = 'explicit' and not lower_inf(valid)"
    )
    for statement in sqlobjects.create_all("0010"):
        op.execute(statement)


def downgrade() -> None:
    for statement in sqlobjects.drop_all("0010"):
        op.execute(statement)
    op.execute("drop index kzgov_internal.ix_office_tenure_successor_start")
    _move("kzgov_internal", "kzgov")
    op.execute("comment on schema kzgov is null")
    bind = op.get_bind()
    held = bind.execute(
        text(
            "select (select count(*) from pg_class where relnamespace = 'kzgov_analyst'::regnamespace)"
            " + (select count(*) from pg_proc where pronamespace = 'kzgov_analyst'::regnamespace)"
        )
    ).scalar_one()
    if not held:
        op.execute("drop schema kzgov_analyst")
    # kzgov_internal still holds Alembic's version table: alembic/env.py moves it back and drops the schema.
    for statement in sqlobjects.create_all("0009"):
        op.execute(statement)
