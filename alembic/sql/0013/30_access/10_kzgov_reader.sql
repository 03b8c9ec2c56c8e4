-- drop: drop function if exists kzgov_internal.grant_reader_access(); do $$ begin if exists (select from pg_roles where rolname = 'kzgov_reader') then revoke usage on schema kzgov, kzgov_internal from kzgov_reader; end if; if exists (select from pg_roles where rolname = 'kzgov_analyst') and to_regnamespace('kzgov_analyst') is not null then revoke usage, create on schema kzgov_analyst from kzgov_analyst; end if; grant execute on function kzgov_internal.set_recorded(), kzgov_internal.close_recorded_only(), kzgov_internal.forbid_change() to public; end $$
-- Who may read: the role kzgov_reader, for BI tools and report scripts, may use the public views and
-- functions of schema kzgov and nothing else (no tables, no writes, no DDL). Give it to login roles:
--     create role metabase login password '...' in role kzgov_reader;
-- Schema kzgov holds only what the reader may use; the tables and internal objects are in kzgov_internal.
-- Who may build on it: the role kzgov_analyst is a member of kzgov_reader (it reads what the reader
-- reads) and may create tables, views and functions in schema kzgov_analyst, and nowhere else: dbt models
-- materialize there. The migration creates the schema; analysts' objects outlive every downgrade.
-- PostgreSQL lets PUBLIC execute every new function: kzgov takes that back from all of its functions
-- (trigger functions, kzgov_internal.refresh_tenure_inferences, internal helpers) and grants the reader the
-- public ones, and the successor rule the public views call. The views read the tables with their owner's
-- rights. The point-in-time functions run with the caller's rights over internal views of every row
-- (kzgov_internal._*_rows), so that PostgreSQL can inline them; conflicts_on is SECURITY DEFINER.
-- The downgrade drops the views and functions with their grants, takes back USAGE on the schema and gives
-- PUBLIC back EXECUTE on the trigger functions that outlive this revision. The role itself stays: roles
-- belong to the whole cluster, and other databases on it may use kzgov_reader.
create function kzgov_internal.grant_reader_access() returns boolean
language plpgsql
as $$
declare
    fn regprocedure;
begin
    for fn in
        select p.oid::regprocedure
        from pg_proc p
        where p.pronamespace in ('kzgov'::regnamespace, 'kzgov_internal'::regnamespace)
          -- Functions of an extension installed into these schemas are the extension's to manage.
          and not exists (
              select from pg_depend d
              where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e'
          )
    loop
        execute 'revoke execute on function ' || fn::text || ' from public';
    end loop;
    if exists (select from pg_roles where rolname = 'kzgov_analyst') and to_regnamespace('kzgov_analyst') is not null then
        grant usage, create on schema kzgov_analyst to kzgov_analyst;
    end if;
    if not exists (select from pg_roles where rolname = 'kzgov_reader') then
        return false;
    end if;
    -- USAGE on kzgov_internal reaches only what is granted below: the reader may read no table there.
    grant usage on schema kzgov, kzgov_internal to kzgov_reader;
    grant select on
        kzgov.office_tenures,
        kzgov.chamber_compositions,
        kzgov.party_seat_counts,
        kzgov.elections,
        kzgov.election_results,
        kzgov.body_events,
        kzgov.indicators,
        kzgov.admin_divisions,
        kzgov.sources,
        kzgov.source_versions,
        kzgov.uncovered_sentences,
        kzgov.conflicts,
        kzgov.resolved_office_holders,
        kzgov.resolved_chamber_compositions,
        kzgov.resolved_party_seat_counts
    to kzgov_reader;
    grant execute on function
        kzgov.office_holders_on(date, timestamptz, date, text[], text),
        kzgov.chamber_seats_on(date, timestamptz, date, text[], text),
        kzgov.party_seats_on(date, timestamptz, date),
        kzgov.elections_between(date, date, timestamptz, date),
        kzgov.election_results_between(date, date, timestamptz, date),
        kzgov.conflicts_on(date, timestamptz)
    to kzgov_reader;
    -- PostgreSQL checks the functions a view calls against the view's reader, not its owner: the
    -- resolved_* views call the successor rule (two pure expressions of their arguments that read nothing).
    grant execute on function kzgov_internal._successor_ends(text, daterange, text, daterange),
                              kzgov_internal._successor_can_end(text, daterange) to kzgov_reader;
    -- The point-in-time functions (but conflicts_on) run as their caller, inlined into the caller's query:
    -- the reader reads what they read through the internal views of every row, and executes their helpers.
    grant select on
        kzgov_internal._source_rows,
        kzgov_internal._source_version_rows,
        kzgov_internal._person_rows,
        kzgov_internal._organization_rows,
        kzgov_internal._office_rows,
        kzgov_internal._office_holding_rows,
        kzgov_internal._office_tenure_rows,
        kzgov_internal._tenure_inference_rows,
        kzgov_internal._chamber_composition_rows,
        kzgov_internal._party_seats_rows,
        kzgov_internal._election_rows,
        kzgov_internal._election_result_rows,
        kzgov_internal._body_event_rows
    to kzgov_reader;
    grant execute on function
        kzgov_internal._certainty(daterange, text, text, boolean, date),
        kzgov_internal._source_moments(timestamptz, date),
        kzgov_internal._created_on(bigint, text, text, timestamptz, date)
    to kzgov_reader;
    return true;
end
$$;

comment on function kzgov_internal.grant_reader_access() is 'Administration, not for readers: takes EXECUTE on every function of schemas kzgov and kzgov_internal back from PUBLIC; when the role kzgov_analyst exists, grants it USAGE and CREATE on schema kzgov_analyst; and, when the role kzgov_reader exists, grants it USAGE on schemas kzgov and kzgov_internal, SELECT on the public views and EXECUTE on the public functions and on the successor rule the resolved_* views call (kzgov_internal._successor_ends and kzgov_internal._successor_can_end, which it calls); and, because the point-in-time functions run as their caller (so they can be inlined), SELECT on the internal views of every row (kzgov_internal._*_rows) and EXECUTE on their helpers kzgov_internal._certainty, kzgov_internal._source_moments and kzgov_internal._created_on (nothing else: no table). The migration calls it; a migrating user without CREATEROLE leaves the roles to an administrator, who creates them (create role kzgov_reader nologin; create role kzgov_analyst nologin in role kzgov_reader) and then calls this function. Returns whether kzgov_reader exists.';

do $$
begin
    if not exists (select from pg_roles where rolname = 'kzgov_reader') then
        create role kzgov_reader nologin;
    end if;
    if not exists (select from pg_roles where rolname = 'kzgov_analyst') then
        create role kzgov_analyst nologin in role kzgov_reader;
    end if;
exception
    when insufficient_privilege then
        -- Roles belong to the cluster: without CREATEROLE the migration goes on, and readers get no grants
        -- until an administrator creates the roles and calls kzgov_internal.grant_reader_access().
        raise notice using message = 'kzgov: roles kzgov_reader and kzgov_analyst not created: ' || current_user
            || ' lacks CREATEROLE; create them and run select kzgov_internal.grant_reader_access()';
    when duplicate_object or unique_violation then
        null;  -- created at the same moment by the migration of another database of the cluster
end
$$;

select kzgov_internal.grant_reader_access();
