"""Every key of a fact table carries jurisdiction_code, so the fact tables can be distributed by jurisdiction.

A database that spreads the fact tables over several servers by jurisdiction_code (Citus, docs/scaling.md)
can enforce a primary key, a unique or exclusion constraint only within one jurisdiction's rows, and a
foreign key between two such tables only when both sides name the jurisdiction. Until now only the claim
identities (uq_<table>_current_claim, 0008) did:
- pk_<table> of office_tenure, chamber_composition, party_seats, election, election_result, body_event,
  indicator, admin_division and tenure_inference is (id, jurisdiction_code) instead of (id). id stays an
  identity, so it is still unique on its own, and a lookup by id still uses the key's index.
- fk_election_result_election_id is (election_id, jurisdiction_code) -> election (id, jurisdiction_code): a
  result belongs to an election of its own jurisdiction, as the loader has always matched them.
- tenure_inference gains jurisdiction_code (NOT NULL, a foreign key to jurisdiction), the jurisdiction of the
  tenure it ends; fk_tenure_inference_tenure_id and fk_tenure_inference_successor_id are (tenure_id or
  successor_id, jurisdiction_code) -> office_tenure (id, jurisdiction_code), and
  ex_tenure_inference_one_at_a_time compares jurisdiction_code too. Writers need not say it: the trigger
  tenure_inference_jurisdiction fills it from the tenure when an insert leaves it NULL, so
  kzgov.refresh_tenure_inferences writes inferences as before.
The tables that describe names and sources (jurisdiction, person, organization, office, source, ...) keep
their keys: they are small and would be copied whole to every server.

Existing inferences take their tenure's jurisdiction; no other row changes. The upgrade refuses, naming how
many, a result whose election is of another jurisdiction, or an inference whose successor is, since the new
keys cannot hold them (kzgov never wrote either). The downgrade restores 0008's keys and drops the column,
which any later upgrade derives again: it loses nothing. No SQL objects change.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from alembic import op
from sqlalchemy import text

from kzgov import sqlobjects
from kzgov.db import DatabaseError

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The fact tables (kzgov.tables.FACT_TABLES as of this revision) and the inferences that link two tenures.
_KEYED = (
    "office_tenure",
    "chamber_composition",
    "party_seats",
    "election",
    "election_result",
    "body_event",
    "indicator",
    "admin_division",
    "tenure_inference",
)

# The foreign keys between fact tables: (table, constraint, column, referenced table).
_LINKS = (
    ("election_result", "fk_election_result_election_id", "election_id", "election"),
    ("tenure_inference", "fk_tenure_inference_tenure_id", "tenure_id", "office_tenure"),
    ("tenure_inference", "fk_tenure_inference_successor_id", "successor_id", "office_tenure"),
)

# Rows the new keys cannot hold, by what a refusal says of them.
_ACROSS = {
    "election result(s) whose election is of another jurisdiction": """
        select count(*) from kzgov.election_result r join kzgov.election e on e.id = r.election_id
         where e.jurisdiction_code <> r.jurisdiction_code""",
    "tenure inference(s) whose successor is of another jurisdiction than the tenure it ends": """
        select count(*) from kzgov.tenure_inference i
          join kzgov.office_tenure t on t.id = i.tenure_id
          join kzgov.office_tenure s on s.id = i.successor_id
         where s.jurisdiction_code <> t.jurisdiction_code""",
}

FILL = r"""
create function kzgov.tenure_inference_jurisdiction() returns trigger
language plpgsql as $$
begin
    -- An inference is of the jurisdiction of the tenure it ends, filled in for a writer that leaves it out.
    select t.jurisdiction_code into new.jurisdiction_code from kzgov.office_tenure t where t.id = new.tenure_id;
    return new;
end
$$;
revoke execute on function kzgov.tenure_inference_jurisdiction() from public;
comment on function kzgov.tenure_inference_jurisdiction() is 'Internal: fills tenure_inference.jurisdiction_code from the tenure an inference ends, when an insert leaves it NULL.';
create trigger tenure_inference_jurisdiction before insert on kzgov.tenure_inference
    for each row when (new.jurisdiction_code is null) execute function kzgov.tenure_inference_jurisdiction();
"""


def _primary_key(table: str, columns: str) -> None:
    op.execute(f"alter table kzgov.{table} drop constraint pk_{table}")
    op.execute(f"alter table kzgov.{table} add constraint pk_{table} primary key ({columns})")


def _one_at_a_time(columns: str) -> None:
    op.execute("alter table kzgov.tenure_inference drop constraint ex_tenure_inference_one_at_a_time")
    op.execute(
        "alter table kzgov.tenure_inference add constraint ex_tenure_inference_one_at_a_time"
        f" exclude using gist ({columns}, recorded with &&)"
    )


def upgrade() -> None:
    bind = op.get_bind()
    across = {what: n for what, statement in _ACROSS.items() if (n := bind.execute(text(statement)).scalar_one())}
    if across:
        listed = ", ".join(f"{n} {what}" for what, n in across.items())
        raise DatabaseError(f"cannot upgrade to 0009: keys by jurisdiction cannot hold {listed}")
    for table, name, _column, _target in _LINKS:
        op.execute(f"alter table kzgov.{table} drop constraint {name}")

    op.execute("alter table kzgov.tenure_inference add column jurisdiction_code text")
    # Rows are never changed, except here: the column is new, and each row takes what it already implied.
    op.execute("alter table kzgov.tenure_inference disable trigger tenure_inference_close_only")
    op.execute(
        "update kzgov.tenure_inference i set jurisdiction_code = t.jurisdiction_code"
        " from kzgov.office_tenure t where t.id = i.tenure_id"
    )
    op.execute("alter table kzgov.tenure_inference enable trigger tenure_inference_close_only")
    op.execute("alter table kzgov.tenure_inference alter column jurisdiction_code set not null")
    op.execute(
        "alter table kzgov.tenure_inference add constraint fk_tenure_inference_jurisdiction_code"
        " foreign key (jurisdiction_code) references kzgov.jurisdiction (code)"
    )
    op.execute(FILL)
    # The tenure first: the lookups by tenure (office_holders_on, the views, the refresh) use the index as before.
    _one_at_a_time("tenure_id with =, jurisdiction_code with =")

    for table in _KEYED:
        _primary_key(table, "id, jurisdiction_code")
    for table, name, column, target in _LINKS:
        op.execute(
            f"alter table kzgov.{table} add constraint {name} foreign key ({column}, jurisdiction_code)"
            f" references kzgov.{target} (id, jurisdiction_code)"
        )


def downgrade() -> None:
    # The views of every row select * from their tables: created after this revision's upgrade (a downgrade
    # from 0010 creates them again), they hold tenure_inference.jurisdiction_code, so they are made again
    # around dropping it.
    for statement in sqlobjects.drop_all("0009"):
        op.execute(statement)
    for table, name, _column, _target in _LINKS:
        op.execute(f"alter table kzgov.{table} drop constraint {name}")
    for table in _KEYED:
        _primary_key(table, "id")
    _one_at_a_time("tenure_id with =")
    op.execute("drop trigger tenure_inference_jurisdiction on kzgov.tenure_inference")
    op.execute("drop function kzgov.tenure_inference_jurisdiction()")
    op.execute("alter table kzgov.tenure_inference drop column jurisdiction_code")
    for table, name, column, target in _LINKS:
        op.execute(
            f"alter table kzgov.{table} add constraint {name} foreign key ({column}) references kzgov.{target} (id)"
        )
    for statement in sqlobjects.create_all("0008"):
        op.execute(statement)
