"""office_tenure is partitioned by segment, so a large new source's claims can be written into a table of their
own, indexed once and attached, instead of row by row into every index of the shared table.

- source.segment: the partition a source's tenure claims are in. 0, the shared segment, for every source
  until a load gives a large new source one of its own (kzgov.loading.segments), which no other source
  shares (uq_source_segment_own). Sources are never updated, and office_tenure's key (source_id, segment)
  -> source (id, segment) ties each claim to its source's segment.
- office_tenure: partitioned by list (segment), with partition office_tenure_segment_0 for segment 0 and one
  more per source given a segment. A partitioned table's unique keys must include the partition key, so its
  primary key is (id, jurisdiction_code, segment) and its claim identity (source_id, claim_key,
  jurisdiction_code, segment) among current claims: since the source fixes the segment, that is the
  same identity as before. Indexes, checks, foreign keys and row triggers are the parent's; the statement
  trigger refusing TRUNCATE is not inherited by a partition, so each partition is given its own.
- tenure_inference: tenure_segment and successor_segment, so that its keys to office_tenure name a unique
  key of it: (tenure_id, jurisdiction_code, tenure_segment) -> office_tenure (id, jurisdiction_code,
  segment), and the same for the successor. The trigger that fills the jurisdiction fills them too.

The upgrade copies every tenure, ids and recorded periods as they were, into segment 0, builds the indexes
after the copy, and drops the unpartitioned table; the identity goes on from the highest id. The downgrade
copies every partition's rows back into one table (ids and recorded periods kept) and drops the segments:
a layout, which a later upgrade assigns again. Neither loses a row.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from alembic import op

from kzgov import sqlobjects

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

T = "kzgov_internal.office_tenure"
COLUMNS = (
    "id, source_id, source_version_id, jurisdiction_code, claim_key, valid, valid_from_precision,"
    " valid_until_precision, basis, valid_window, recorded, quote, quote_start, quote_end, quote_line,"
    " office_id, person_id, party_id, acting"
)


def _build(partitioned: bool) -> None:
    """office_tenure's keys, indexes and triggers, built on rows already copied in (partitioned: 0012's form)."""
    segment = ", segment" if partitioned else ""
    op.execute(f"alter table {T} add constraint pk_office_tenure primary key (id, jurisdiction_code{segment})")
    op.execute(
        f"create unique index uq_office_tenure_current_claim on {T} (source_id, claim_key, jurisdiction_code{segment})"
        " where upper_inf(recorded)"
    )
    op.execute(f"create index ix_office_tenure_valid on {T} using gist (valid)")
    op.execute(f"create index ix_office_tenure_recorded on {T} using gist (recorded)")
    op.execute(f"create index ix_office_tenure_source_version_id on {T} (source_version_id)")
    op.execute(f"create index ix_office_tenure_office_id_valid on {T} using gist (office_id, valid)")
    op.execute(
        f"create index ix_office_tenure_successor_start on {T} (office_id, lower(valid), id)"
        " where upper_inf(recorded) and basis = 'explicit' and not lower_inf(valid)"
    )
    keys = {
        "jurisdiction_code": "jurisdiction (code)",
        "office_id": "office (id)",
        "party_id": "organization (id)",
        "person_id": "person (id)",
        "source_version_id": "source_version (id)",
    }
    for column, target in keys.items():
        op.execute(
            f"alter table {T} add constraint fk_office_tenure_{column} foreign key ({column})"
            f" references kzgov_internal.{target}"
        )
    source = "(source_id, segment) references kzgov_internal.source (id, segment)" if partitioned else (
        "(source_id) references kzgov_internal.source (id)"
    )
    op.execute(f"alter table {T} add constraint fk_office_tenure_source_id foreign key {source}")
    op.execute(f"alter table {T} alter column office_id set statistics 1000")
    for name, when, function in (
        ("set_recorded", "before insert", "set_recorded"),
        ("close_only", "before update", "close_recorded_only"),
        ("no_delete", "before delete", "forbid_change"),
    ):
        op.execute(
            f"create trigger office_tenure_{name} {when} on {T} for each row execute function kzgov_internal.{function}()"
        )
    _refuse_truncate("office_tenure")


def _refuse_truncate(table: str) -> None:
    op.execute(
        f"create trigger {table}_no_truncate before truncate on kzgov_internal.{table}"
        " for each statement execute function kzgov_internal.forbid_change()"
    )


def _restart_identity() -> None:
    op.execute(
        f"select setval(pg_get_serial_sequence('{T}', 'id'), (select max(id) from {T}))"
        f" where exists (select from {T})"
    )


def _inference_keys(segmented: bool) -> None:
    for column, segment in (("tenure_id", "tenure_segment"), ("successor_id", "successor_segment")):
        extra = (f", {segment}", ", segment") if segmented else ("", "")
        op.execute(
            f"alter table kzgov_internal.tenure_inference add constraint fk_tenure_inference_{column}"
            f" foreign key ({column}, jurisdiction_code{extra[0]}) references {T} (id, jurisdiction_code{extra[1]})"
        )


def _inference_trigger(segmented: bool) -> None:
    """The trigger filling what an inference takes from its tenures, for a writer that leaves it out."""
    op.execute("drop trigger tenure_inference_jurisdiction on kzgov_internal.tenure_inference")
    if segmented:
        fill = (
            "    -- An inference is of the jurisdiction and the segments of the tenures it links, filled in for a writer\n"
            "    -- that leaves them out.\n"
            "    select t.jurisdiction_code, t.segment into new.jurisdiction_code, new.tenure_segment\n"
            f"      from {T} t where t.id = new.tenure_id;\n"
            f"    select s.segment into new.successor_segment from {T} s where s.id = new.successor_id;\n"
        )
        when = "new.jurisdiction_code is null or new.tenure_segment is null or new.successor_segment is null"
        comment = "its jurisdiction_code, tenure_segment and successor_segment from the tenures an inference links"
    else:  # as revision 0010 left it
        fill = (
            "    -- An inference is of the jurisdiction of the tenure it ends, filled in for a writer that leaves it out.\n"
            f"    select t.jurisdiction_code into new.jurisdiction_code from {T} t where t.id = new.tenure_id;\n"
        )
        when = "new.jurisdiction_code is null"
        comment = "tenure_inference.jurisdiction_code from the tenure an inference ends"
    op.execute(
        "create or replace function kzgov_internal.tenure_inference_jurisdiction() returns trigger\n"
        f"language plpgsql as $$\nbegin\n{fill}    return new;\nend\n$$"
    )
    op.execute(
        "create trigger tenure_inference_jurisdiction before insert on kzgov_internal.tenure_inference"
        f" for each row when ({when}) execute function kzgov_internal.tenure_inference_jurisdiction()"
    )
    op.execute(
        "comment on function kzgov_internal.tenure_inference_jurisdiction() is"
        f" 'Internal: fills {comment}, when an insert leaves it NULL.'"
    )


def upgrade() -> None:
    sqlobjects.switch("0011", None)
    op.execute(
        "alter table kzgov_internal.tenure_inference drop constraint fk_tenure_inference_tenure_id,"
        " drop constraint fk_tenure_inference_successor_id"
    )
    op.execute(
        "alter table kzgov_internal.source add column segment integer not null default 0,"
        " add constraint ck_source_segment_not_negative check (segment >= 0),"
        " add constraint uq_source_id_segment unique (id, segment)"
    )
    op.execute("create unique index uq_source_segment_own on kzgov_internal.source (segment) where segment > 0")
    op.execute(
        "comment on column kzgov_internal.source.segment is 'The partition of office_tenure holding the source''s"
        " claims: 0 (shared) unless a load gave a large new source its own (kzgov.loading.segments).'"
    )
    op.execute(f"alter table {T} rename to office_tenure_unpartitioned")
    op.execute("alter table kzgov_internal.office_tenure_unpartitioned alter column id drop identity")
    op.execute(
        f"create table {T} (like kzgov_internal.office_tenure_unpartitioned including defaults including constraints,"
        " segment integer not null default 0) partition by list (segment)"
    )
    op.execute(f"alter table {T} alter column id add generated always as identity")
    op.execute(f"create table {T}_segment_0 partition of {T} for values in (0)")
    op.execute(
        f"insert into {T} ({COLUMNS}, segment) overriding system value"
        f" select {COLUMNS}, 0 from kzgov_internal.office_tenure_unpartitioned"
    )
    op.execute("drop table kzgov_internal.office_tenure_unpartitioned")
    _restart_identity()
    _build(partitioned=True)
    op.execute(f"alter table {T}_segment_0 alter column office_id set statistics 1000")
    # The partition's indexes named after the table's, with the segment, so a refusal names a key users know.
    op.execute(
        """
        do $$
        declare r record;
        begin
            for r in select child.oid::regclass as child, parent.relname as parent
                       from pg_inherits h join pg_class child on child.oid = h.inhrelid
                       join pg_class parent on parent.oid = h.inhparent
                      where child.relkind = 'i' and child.oid in (select indexrelid from pg_index
                             where indrelid = 'kzgov_internal.office_tenure_segment_0'::regclass)
            loop
                execute format('alter index %s rename to %I', r.child, r.parent || '_0');
            end loop;
        end
        $$
        """
    )
    _refuse_truncate("office_tenure_segment_0")
    op.execute(
        "alter table kzgov_internal.tenure_inference add column tenure_segment integer not null default 0,"
        " add column successor_segment integer not null default 0"
    )
    # Every inference so far links tenures of segment 0; from here on its writer (or the trigger) names them.
    op.execute(
        "alter table kzgov_internal.tenure_inference alter column tenure_segment drop default,"
        " alter column successor_segment drop default"
    )
    _inference_keys(segmented=True)
    _inference_trigger(segmented=True)
    sqlobjects.switch(None, "0012")


def downgrade() -> None:
    sqlobjects.switch("0012", None)
    _inference_trigger(segmented=False)
    op.execute(
        "alter table kzgov_internal.tenure_inference drop constraint fk_tenure_inference_tenure_id,"
        " drop constraint fk_tenure_inference_successor_id,"
        " drop column tenure_segment, drop column successor_segment"
    )
    op.execute(f"alter table {T} rename to office_tenure_partitioned")
    op.execute("alter table kzgov_internal.office_tenure_partitioned alter column id drop identity")
    op.execute(
        f"create table {T} (like kzgov_internal.office_tenure_partitioned including defaults including constraints)"
    )
    op.execute(f"alter table {T} drop column segment")
    op.execute(f"alter table {T} alter column id add generated always as identity")
    op.execute(
        f"insert into {T} ({COLUMNS}) overriding system value"
        f" select {COLUMNS} from kzgov_internal.office_tenure_partitioned order by id"
    )
    op.execute("drop table kzgov_internal.office_tenure_partitioned")  # and its partitions, copied above
    _restart_identity()
    _build(partitioned=False)
    _inference_keys(segmented=False)
    op.execute(
        "alter table kzgov_internal.source drop constraint uq_source_id_segment,"
        " drop constraint ck_source_segment_not_negative, drop column segment"
    )
    sqlobjects.switch(None, "0011")
