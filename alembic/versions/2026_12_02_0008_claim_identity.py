"""A claim is what its source states: one source may state overlapping periods for one holder; the same
claim twice is refused by its identity; answers say whether they are certain or only possible.

- ex_<table>_same_claim ("one source, one holder or figure, overlapping valid and recorded periods") is
  dropped: a person holding an office twice, or a source stating one tenure once with its end and once
  without, are claims of their own, kept side by side, and kzgov.conflicts lists the second case as a
  source disagreeing with itself (within_source). The claim's identity is uq_<table>_current_claim, one
  current row per (source_id, claim_key, jurisdiction_code): claim_key is what the claim states, its period
  as stated included. (It was unique on (source_id, claim_key); jurisdiction_code is added so that the key
  of every fact table carries it.)
- office_holders_on, chamber_seats_on, party_seats_on end with a certainty column (certain, possible:
  kzgov._certainty), and a claim with an unknown start answers no date before its office or body was
  created where a source says so (kzgov._created_on).
- conflicts_on and the conflicts view end with within_source.
- Which offices have one holder at a time is data (the vocabulary's "holders" rows, which a user's
  KZGOV_HOME/vocabulary.csv extends): office.single_holder stays the setting an office was created with,
  and kzgov.office_holding records each later change, with recorded time, so a change re-derives the
  inferred ends of tenure (kzgov.refresh_tenure_inferences) and known_at still answers as before.

Every existing row satisfies the new index (a source's current claims already had one row per claim_key);
no row changes. The downgrade restores 0007's constraints, which it can only do while no source states
overlapping periods for one holder: it then names the table that stands in the way.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from alembic import context, op
from sqlalchemy import text

from kzgov import sqlobjects
from kzgov.db import DatabaseError

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# 0007's constraints: (table, the columns besides source_id, basis, valid and recorded).
_OLD = {
    "office_tenure": "office_id with =, person_id with =, acting with =",
    "chamber_composition": (
        "organization_id with =, coalesce(total_seats, -1) with =, coalesce(elected_seats, -1) with =,"
        " coalesce(appointed_seats, -1) with =, coalesce(term_years, -1) with =,"
        " coalesce(election_method, '') with =, coalesce(party_list_seats, -1) with =,"
        " coalesce(single_member_seats, -1) with ="
    ),
    "party_seats": "party_id with =, coalesce(chamber_id, 0) with =, seats with =",
    "election": "kind with =, status with =",
    "election_result": "election_id with =, coalesce(person_id, 0) with =, coalesce(party_id, 0) with =",
    "body_event": "organization_id with =, event with =",
    "indicator": (
        "subject with =, indicator with =, coalesce(value, -1) with =, coalesce(rank, -1) with ="
    ),
    "admin_division": "name with =, kind with =",
}



def _old(table: str) -> str:
    return (
        f"exclude using gist (source_id with =, {_OLD[table]}, basis with =, valid with &&, recorded with &&)"
    )


def _identity(table: str, columns: str) -> None:
    op.execute(f"drop index kzgov.uq_{table}_current_claim")
    op.execute(
        f"create unique index uq_{table}_current_claim on kzgov.{table} ({columns}) where upper_inf(recorded)"
    )


OFFICE_HOLDING = """
create table kzgov.office_holding (
    id bigint generated always as identity,
    office_id bigint not null,
    single_holder boolean not null,
    recorded tstzrange not null,
    constraint pk_office_holding primary key (id),
    constraint fk_office_holding_office_id foreign key (office_id) references kzgov.office (id),
    constraint ck_office_holding_recorded_bounded check (not isempty(recorded) and not lower_inf(recorded)),
    constraint ex_office_holding_one_at_a_time exclude using gist (office_id with =, recorded with &&)
);
comment on table kzgov.office_holding is 'Internal: changes to whether an office has one holder at a time, after the office was created with office.single_holder; each with its recorded period (closed, never erased, when the setting changes again).';
create trigger office_holding_set_recorded before insert on kzgov.office_holding
    for each row execute function kzgov.set_recorded();
create trigger office_holding_close_only before update on kzgov.office_holding
    for each row execute function kzgov.close_recorded_only();
create trigger office_holding_no_delete before delete on kzgov.office_holding
    for each row execute function kzgov.forbid_change();
create trigger office_holding_no_truncate before truncate on kzgov.office_holding
    for each statement execute function kzgov.forbid_change();
"""


def upgrade() -> None:
    op.execute(OFFICE_HOLDING)
    for table in _OLD:
        op.execute(f"alter table kzgov.{table} drop constraint ex_{table}_same_claim")
        _identity(table, "source_id, claim_key, jurisdiction_code")
    sqlobjects.switch("0007", revision)


def downgrade() -> None:
    changes = op.get_bind().execute(text("select count(*) from kzgov.office_holding")).scalar()
    if changes and not context.config.attributes.get("force"):
        raise DatabaseError(
            f"downgrading below revision 0008 would delete {changes} recorded change(s) of whether an office has"
            " one holder at a time; pass --force to do it anyway"
        )
    sqlobjects.switch(revision, "0007")
    op.execute("drop table kzgov.office_holding")
    for table in _OLD:
        _identity(table, "source_id, claim_key")
        op.execute(
            "do $$ begin"
            f" alter table kzgov.{table} add constraint ex_{table}_same_claim {_old(table)};"
            " exception when exclusion_violation then"
            f" raise exception 'cannot go below 0008: a source states overlapping claims in kzgov.{table}"
            " that 0007 cannot hold (load those sources without the overlap first)';"
            " end $$"
        )
