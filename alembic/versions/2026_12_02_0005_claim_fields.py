"""Claim fields sources state that 0004 could not hold: acting holders, seats by method, turnout, votes,
the wider vocabulary of body events, and the text, markdown and html source formats.

Columns added (each NULL where a source does not say, except acting, which is false unless it does):
office_tenure.acting; chamber_composition.party_list_seats and single_member_seats;
election.turnout_pct (percent, 0-100); election_result.votes, list_seats and district_seats.
ck_body_event_event takes exactly the kinds of kzgov.claims.BodyEventKind and
ck_source_version_format the formats of kzgov.claims.ParsedDocument.format. Seats by method may not be
negative and may not add up to more than the seats they divide (total_seats of a composition, seats of
a result); a composition stating only seats by method still says something.

What a claim is (its identity), decided per column:
- acting is part of it. An acting and a full tenure of one person in one office, over overlapping
  dates, from one source, are two claims (a deputy acting as prime minister before being appointed),
  so ex_office_tenure_same_claim compares acting too, and so does the loader's claim identity.
- party_list_seats and single_member_seats are values of a composition, and
  ex_chamber_composition_same_claim compares every value of a composition (with coalesce): both are
  added to it, like total_seats and the rest.
- turnout_pct, votes, list_seats and district_seats are not: an election and a result are identified by
  what was contested and who contested it, as before (their exclusions compare no values), so one
  source stating two turnouts of one election over the same day is refused as the same claim twice.
  They are values, so they are part of the loader's claim key: a new version of a source that changes a
  turnout retires the old claim and records the new one.
The loader adds a new field to a claim's key only when the claim states it (acting true, a figure not
NULL), so every claim recorded before this revision keeps its key and a re-load leaves it unchanged.

The views and point-in-time functions gain the new columns at the end (office_tenures and
office_holders_on: acting; chamber_compositions and chamber_seats_on: party_list_seats,
single_member_seats; elections and elections_between: turnout_pct; election_results and
election_results_between: votes, list_seats, district_seats): the SQL objects of alembic/sql/0005/, the
files of 0004's set this revision changes.

The downgrade restores 0004's objects and constraints. Values in the new columns, body events of the
new kinds and sources of the new formats are what 0004 cannot hold: it refuses to go on while any
exist, unless forced. Forced, it drops the new columns with their values; rows whose event or format
0004 does not know are kept (rows are never deleted) and the CHECK of 0004 they fail is restored NOT
VALID, so it binds every new row and leaves those as they are (an upgrade validates them again). Claims
0004 cannot keep at all are never dropped to make room: two claims it would take for one stated twice
(an acting and a full tenure overlapping; compositions differing only in seats by method) and a
composition stating nothing but seats by method (without them it would say nothing). While any exist,
the downgrade is refused, forced or not.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from alembic import context, op
from sqlalchemy import text

from kzgov import sqlobjects
from kzgov.db import DatabaseError

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_EVENTS = ("established", "abolished", "renamed", "replaced", "moved")
NEW_EVENTS = (
    *OLD_EVENTS,
    "dissolved",
    "resigned",
    "dismissed",
    "first_sitting",
    "election_called",
    "results_established",
    "approved",
    "reappointed",
    "reelected",
    "independence",
    "adopted",
    "status_changed",
    "congress",
    "amended",
    "inauguration",
)
OLD_FORMATS = ("frontmatter", "encyclopedia", "webpage", "csv")
NEW_FORMATS = (*OLD_FORMATS, "text", "markdown", "html")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} in ({', '.join(repr(v) for v in values)})"


OLD_TENURE_EXCLUSION = (
    "exclude using gist (source_id with =, office_id with =, person_id with =, basis with =, valid with &&,"
    " recorded with &&)"
)
NEW_TENURE_EXCLUSION = (
    "exclude using gist (source_id with =, office_id with =, person_id with =, acting with =, basis with =,"
    " valid with &&, recorded with &&)"
)
_COMPOSITION_VALUES = (
    "coalesce(total_seats, -1) with =, coalesce(elected_seats, -1) with =, coalesce(appointed_seats, -1) with =,"
    " coalesce(term_years, -1) with =, coalesce(election_method, '') with ="
)
OLD_COMPOSITION_EXCLUSION = (
    f"exclude using gist (source_id with =, organization_id with =, {_COMPOSITION_VALUES}, basis with =,"
    " valid with &&, recorded with &&)"
)
NEW_COMPOSITION_EXCLUSION = (
    f"exclude using gist (source_id with =, organization_id with =, {_COMPOSITION_VALUES},"
    " coalesce(party_list_seats, -1) with =, coalesce(single_member_seats, -1) with =, basis with =,"
    " valid with &&, recorded with &&)"
)
OLD_SAYS_SOMETHING = "num_nonnulls(total_seats, elected_seats, appointed_seats, term_years, election_method) > 0"
NEW_SAYS_SOMETHING = (
    "num_nonnulls(total_seats, elected_seats, appointed_seats, term_years, election_method, party_list_seats,"
    " single_member_seats) > 0"
)

UPGRADE = f"""
alter table kzgov.office_tenure add column acting boolean default false not null;
alter table kzgov.office_tenure drop constraint ex_office_tenure_same_claim;
alter table kzgov.office_tenure add constraint ex_office_tenure_same_claim {NEW_TENURE_EXCLUSION};

alter table kzgov.chamber_composition add column party_list_seats integer;
alter table kzgov.chamber_composition add column single_member_seats integer;
alter table kzgov.chamber_composition add constraint ck_chamber_composition_method_seats_not_negative
    check (party_list_seats >= 0 and single_member_seats >= 0);
alter table kzgov.chamber_composition add constraint ck_chamber_composition_method_seats_within_total
    check (num_nonnulls(party_list_seats, single_member_seats) = 0 or coalesce(party_list_seats, 0) + coalesce(single_member_seats, 0) <= total_seats);
alter table kzgov.chamber_composition drop constraint ck_chamber_composition_says_something;
alter table kzgov.chamber_composition add constraint ck_chamber_composition_says_something
    check ({NEW_SAYS_SOMETHING});
alter table kzgov.chamber_composition drop constraint ex_chamber_composition_same_claim;
alter table kzgov.chamber_composition add constraint ex_chamber_composition_same_claim {NEW_COMPOSITION_EXCLUSION};

alter table kzgov.election add column turnout_pct numeric;
alter table kzgov.election add constraint ck_election_turnout_pct_percent check (turnout_pct between 0 and 100);

alter table kzgov.election_result add column votes bigint;
alter table kzgov.election_result add column list_seats integer;
alter table kzgov.election_result add column district_seats integer;
alter table kzgov.election_result add constraint ck_election_result_votes_not_negative check (votes >= 0);
alter table kzgov.election_result add constraint ck_election_result_method_seats_not_negative
    check (list_seats >= 0 and district_seats >= 0);
alter table kzgov.election_result add constraint ck_election_result_method_seats_within_seats
    check (num_nonnulls(list_seats, district_seats) = 0 or coalesce(list_seats, 0) + coalesce(district_seats, 0) <= seats);

alter table kzgov.body_event drop constraint ck_body_event_event;
alter table kzgov.body_event add constraint ck_body_event_event check ({_in("event", NEW_EVENTS)});

alter table kzgov.source_version drop constraint ck_source_version_format;
alter table kzgov.source_version add constraint ck_source_version_format check ({_in("format", NEW_FORMATS)});
"""

# What 0004 cannot hold, by what a refusal says of it.
NEW_DATA = {
    "acting tenure(s)": "select count(*) from kzgov.office_tenure where acting",
    "chamber composition(s) with seats by method": (
        "select count(*) from kzgov.chamber_composition"
        " where party_list_seats is not null or single_member_seats is not null"
    ),
    "election(s) with a turnout": "select count(*) from kzgov.election where turnout_pct is not null",
    "election result(s) with votes or seats by method": (
        "select count(*) from kzgov.election_result"
        " where votes is not null or list_seats is not null or district_seats is not null"
    ),
    "body event(s) of a kind 0004 does not know": (
        f"select count(*) from kzgov.body_event where not {_in('event', OLD_EVENTS)}"
    ),
    "source version(s) of a format 0004 does not know": (
        f"select count(*) from kzgov.source_version where not {_in('format', OLD_FORMATS)}"
    ),
}

# Claims 0004 cannot keep: pairs its exclusion constraints would take for one claim stated twice, and
# compositions that would say nothing.
UNHOLDABLE = {
    "an acting and a full tenure of one person in one office overlapping, from one source": """
        select count(*) from kzgov.office_tenure a join kzgov.office_tenure b
          on (b.source_id, b.office_id, b.person_id, b.basis) = (a.source_id, a.office_id, a.person_id, a.basis)
         and b.valid && a.valid and b.recorded && a.recorded and a.acting and not b.acting""",
    "two compositions of one body overlapping, from one source, that differ only in seats by method": """
        select count(*) from kzgov.chamber_composition a join kzgov.chamber_composition b
          on (b.source_id, b.organization_id, b.basis) = (a.source_id, a.organization_id, a.basis)
         and b.valid && a.valid and b.recorded && a.recorded and a.id < b.id
         and (coalesce(a.total_seats, -1), coalesce(a.elected_seats, -1), coalesce(a.appointed_seats, -1),
              coalesce(a.term_years, -1), coalesce(a.election_method, ''))
           = (coalesce(b.total_seats, -1), coalesce(b.elected_seats, -1), coalesce(b.appointed_seats, -1),
              coalesce(b.term_years, -1), coalesce(b.election_method, ''))""",
    "a composition stating nothing but seats by method": f"""
        select count(*) from kzgov.chamber_composition where not ({OLD_SAYS_SOMETHING})""",
}


def upgrade() -> None:
    op.execute(UPGRADE)
    sqlobjects.switch("0004", revision)


def _count(statement: str) -> int:
    return op.get_bind().execute(text(statement)).scalar_one()


def downgrade() -> None:
    held = {what: n for what, statement in NEW_DATA.items() if (n := _count(statement))}
    if held and not context.config.attributes.get("force"):
        listed = ", ".join(f"{n} {what}" for what, n in held.items())
        raise DatabaseError(
            f"downgrading below revision 0005 would drop what revision 0004 cannot hold: {listed}; "
            "pass --force to do it anyway"
        )
    unholdable = {what: n for what, statement in UNHOLDABLE.items() if (n := _count(statement))}
    if unholdable:
        listed = "; ".join(f"{n} x {what}" for what, n in unholdable.items())
        raise DatabaseError(
            f"revision 0004 cannot keep claims this database holds ({listed}): it would take a pair for one "
            "claim stated twice, or a composition for one that says nothing, and kzgov never deletes a claim; "
            "the downgrade is refused, forced or not"
        )
    sqlobjects.switch(revision, "0004")
    unknown_events = held.get("body event(s) of a kind 0004 does not know", 0)
    unknown_formats = held.get("source version(s) of a format 0004 does not know", 0)
    op.execute(f"""
alter table kzgov.source_version drop constraint ck_source_version_format;
alter table kzgov.source_version add constraint ck_source_version_format check ({_in("format", OLD_FORMATS)})
    {"not valid" if unknown_formats else ""};

alter table kzgov.body_event drop constraint ck_body_event_event;
alter table kzgov.body_event add constraint ck_body_event_event check ({_in("event", OLD_EVENTS)})
    {"not valid" if unknown_events else ""};

alter table kzgov.election_result drop column district_seats;
alter table kzgov.election_result drop column list_seats;
alter table kzgov.election_result drop column votes;

alter table kzgov.election drop column turnout_pct;

alter table kzgov.chamber_composition drop constraint ex_chamber_composition_same_claim;
alter table kzgov.chamber_composition drop constraint ck_chamber_composition_says_something;
alter table kzgov.chamber_composition drop column single_member_seats;
alter table kzgov.chamber_composition drop column party_list_seats;
alter table kzgov.chamber_composition add constraint ck_chamber_composition_says_something
    check ({OLD_SAYS_SOMETHING});
alter table kzgov.chamber_composition add constraint ex_chamber_composition_same_claim {OLD_COMPOSITION_EXCLUSION};

alter table kzgov.office_tenure drop constraint ex_office_tenure_same_claim;
alter table kzgov.office_tenure drop column acting;
alter table kzgov.office_tenure add constraint ex_office_tenure_same_claim {OLD_TENURE_EXCLUSION};
""")
