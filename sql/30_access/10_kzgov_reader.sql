-- drop: drop function if exists kzgov.grant_reader_access(); do $$ begin if exists (select from pg_roles where rolname = 'kzgov_reader') then revoke usage on schema kzgov from kzgov_reader; end if; grant execute on function kzgov.set_recorded(), kzgov.close_recorded_only(), kzgov.forbid_change() to public; end $$
-- Who may read: the role kzgov_reader, for BI tools and report scripts, may use the public views and
-- functions and nothing else (no tables, no writes, no DDL). Give it to login roles:
--     create role metabase login password '...' in role kzgov_reader;
-- PostgreSQL lets PUBLIC execute every new function: kzgov takes that back from all of its functions
-- (trigger functions, kzgov.refresh_tenure_inferences, internal helpers) and grants the reader the
-- public ones, and the successor rule the public views call. The views read the tables with their owner's
-- rights. The point-in-time functions run with the caller's rights over internal views of every row
-- (kzgov._*_rows), so that PostgreSQL can inline them; conflicts_on is SECURITY DEFINER.
-- The downgrade drops the views and functions with their grants, takes back USAGE on the schema and gives
-- PUBLIC back EXECUTE on the trigger functions that outlive this revision. The role itself stays: roles
-- belong to the whole cluster, and other databases on it may use kzgov_reader.
create function kzgov.grant_reader_access() returns boolean
language plpgsql
as $$
declare
    fn regprocedure;
begin
    for fn in
        select p.oid::regprocedure
        from pg_proc p
        where p.pronamespace = 'kzgov'::regnamespace
          -- Functions of an extension installed into kzgov are the extension's to manage.
          and not exists (
              select from pg_depend d
              where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e'
          )
    loop
        execute 'revoke execute on function ' || fn::text || ' from public';
    end loop;
    if not exists (select from pg_roles where rolname = 'kzgov_reader') then
        return false;
    end if;
    grant usage on schema kzgov to kzgov_reader;
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
    -- resolved_* views call the successor rule, a pure expression of its arguments that reads nothing.
    grant execute on function kzgov._successor_ends(text, daterange, text, daterange) to kzgov_reader;
    -- The point-in-time functions (but conflicts_on) run as their caller, inlined into the caller's query:
    -- the reader reads what they read through the internal views of every row, and executes their helpers.
    grant select on
        kzgov._source_rows,
        kzgov._source_version_rows,
        kzgov._person_rows,
        kzgov._organization_rows,
        kzgov._office_rows,
        kzgov._office_holding_rows,
        kzgov._office_tenure_rows,
        kzgov._tenure_inference_rows,
        kzgov._chamber_composition_rows,
        kzgov._party_seats_rows,
        kzgov._election_rows,
        kzgov._election_result_rows,
        kzgov._body_event_rows
    to kzgov_reader;
    grant execute on function
        kzgov._certainty(daterange, text, text, boolean, date),
        kzgov._source_moments(timestamptz, date),
        kzgov._created_on(bigint, text, text, timestamptz, date)
    to kzgov_reader;
    return true;
end
$$;

comment on function kzgov.grant_reader_access() is 'Administration, not for readers: takes EXECUTE on every kzgov function back from PUBLIC and, when the role kzgov_reader exists, grants it USAGE on the schema, SELECT on the public views and EXECUTE on the public functions and on kzgov._successor_ends, which the resolved_* views call; and, because the point-in-time functions run as their caller (so they can be inlined), SELECT on the internal views of every row (kzgov._*_rows) and EXECUTE on their helpers kzgov._certainty, kzgov._source_moments and kzgov._created_on (nothing else). The migration calls it; a migrating user without CREATEROLE leaves the role to an administrator, who creates it (create role kzgov_reader nologin) and then calls this function. Returns whether the role exists.';

do $$
begin
    if not exists (select from pg_roles where rolname = 'kzgov_reader') then
        create role kzgov_reader nologin;
    end if;
exception
    when insufficient_privilege then
        -- Roles belong to the cluster: without CREATEROLE the migration goes on, and readers get no grants
        -- until an administrator creates the role and calls kzgov.grant_reader_access().
        raise notice using message = 'kzgov: role kzgov_reader not created: ' || current_user || ' lacks CREATEROLE;'
            || ' create it and run select kzgov.grant_reader_access()';
    when duplicate_object or unique_violation then
        null;  -- created at the same moment by the migration of another database of the cluster
end
$$;

select kzgov.grant_reader_access();
