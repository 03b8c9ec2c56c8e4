"""Streamed sources, recorded time in commit order, tenure inference scoped to the offices a load touched.

A structured CSV source is read as a stream: its text is stored in order in
kzgov.source_version_chunk instead of source_version.content, so a load never
holds a whole file in memory. Recorded time comes from kzgov.recorded_now():
the moment a load took the write lock (kzgov.recorded_at) rather than its
transaction's start, so recorded periods follow the order loads commit in.
kzgov.refresh_tenure_inferences() takes the offices to look at (the SQL
objects frozen in alembic/sql/0004/).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from alembic import op

from kzgov import sqlobjects

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

RECORDED_NOW = r"""
create function kzgov.recorded_now() returns timestamptz
language sql volatile as $$
    -- When this transaction's writes are recorded: the moment set in kzgov.recorded_at (a load sets it
    -- right after taking the write lock), else the transaction's start. Never before that start nor
    -- after the present, whatever a session sets.
    select least(clock_timestamp(),
                 greatest(now(), coalesce(nullif(current_setting('kzgov.recorded_at', true), '')::timestamptz, now())))
$$;
comment on function kzgov.recorded_now() is 'When the current transaction''s writes are recorded: the moment its load took the write lock (setting kzgov.recorded_at), else the transaction''s start.';
"""

TRIGGERS = r"""
create or replace function kzgov.set_recorded() returns trigger
language plpgsql as $$
begin
    -- Recorded time belongs to the database: whatever a caller sent is replaced.
    new.recorded := tstzrange(kzgov.recorded_now(), null, '[)');
    return new;
end
$$;

create or replace function kzgov.close_recorded_only() returns trigger
language plpgsql as $$
begin
    -- The one change allowed to a fact row: closing its open recorded period, at kzgov.recorded_now().
    if upper_inf(old.recorded) and not upper_inf(new.recorded)
       and lower(new.recorded) = lower(old.recorded)
       and (to_jsonb(new) - 'recorded') = (to_jsonb(old) - 'recorded') then
        new.recorded := tstzrange(lower(old.recorded), kzgov.recorded_now(), '[)');
        return new;
    end if;
    raise exception 'kzgov.%: rows are never changed; only an open recorded period may be closed', tg_table_name
        using errcode = 'restrict_violation';
end
$$;
"""

OLD_TRIGGERS = TRIGGERS.replace("kzgov.recorded_now()", "now()")

UPGRADE = """
create table kzgov.source_version_chunk (
    source_version_id bigint not null,
    seq integer not null,
    content text not null,
    constraint pk_source_version_chunk primary key (source_version_id, seq),
    constraint ck_source_version_chunk_seq_not_negative check (seq >= 0),
    constraint ck_source_version_chunk_content_not_empty check (content <> ''),
    constraint fk_source_version_chunk_source_version_id foreign key (source_version_id)
        references kzgov.source_version (id)
);
create trigger source_version_chunk_no_change before update or delete on kzgov.source_version_chunk
    for each row execute function kzgov.forbid_change();
create trigger source_version_chunk_no_truncate before truncate on kzgov.source_version_chunk
    for each statement execute function kzgov.forbid_change();
alter table kzgov.source_version alter column content drop not null;
alter table kzgov.source_version alter column loaded_at set default kzgov.recorded_now();
alter table kzgov.source_version add constraint ck_source_version_content_or_streamed
    check (content is not null or format = 'csv');
"""

DOWNGRADE = """
alter table kzgov.source_version alter column loaded_at set default now();
alter table kzgov.source_version drop constraint ck_source_version_content_or_streamed;
alter table kzgov.source_version alter column content set not null;
drop table kzgov.source_version_chunk;
"""


def upgrade() -> None:
    op.execute(RECORDED_NOW)
    op.execute(TRIGGERS)
    op.execute(UPGRADE)
    sqlobjects.switch("0003", revision)


def downgrade() -> None:
    sqlobjects.switch(revision, "0003")
    # Revision 0003 keeps every text in source_version.content: put streamed texts back together there.
    op.execute("alter table kzgov.source_version disable trigger source_version_no_change")
    op.execute(
        "update kzgov.source_version v set content = (select string_agg(c.content, '' order by c.seq)"
        " from kzgov.source_version_chunk c where c.source_version_id = v.id) where v.content is null"
    )
    op.execute("alter table kzgov.source_version enable trigger source_version_no_change")
    op.execute(DOWNGRADE)
    op.execute(OLD_TRIGGERS)
    op.execute("drop function kzgov.recorded_now()")
