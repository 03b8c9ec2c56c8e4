-- drop: drop function if exists kzgov_internal._created_on(bigint, text, text, timestamptz, date)
-- Internal: the day an office or body was created, as the sources visible at known_at and published_by
-- state it (the earliest explicitly dated "established" event: of the body itself, of the body an office
-- belongs to, or of the office named as an institution, "President of Kazakhstan"), NULL when none says.
-- A claim with an unknown start does not answer for a date before it (kzgov.office_holders_on,
-- kzgov.chamber_seats_on, kzgov.party_seats_on). A standard SQL body, bound when it is created: no
-- caller's search_path reaches it.
create function kzgov_internal._created_on(
    body_id bigint,
    office_name text,
    jurisdiction text,
    known_at timestamptz,
    published_by date
)
returns date
language sql
stable
parallel safe
begin atomic
    select min(lower(e.valid))
    from kzgov_internal._body_event_rows e
    join kzgov_internal._organization_rows b on b.id = e.organization_id
    join kzgov_internal._source_moments(known_at, published_by) m on m.source_id = e.source_id and e.recorded @> m.moment
    where e.event = 'established'
      and e.basis = 'explicit'
      and not e.valid_window
      and not lower_inf(e.valid)
      and b.jurisdiction_code = jurisdiction
      and (
          e.organization_id = body_id
          or b.name = office_name
          or left(b.name, char_length(office_name) + 4) = office_name || ' of '
      );
end;

comment on function kzgov_internal._created_on(bigint, text, text, timestamptz, date) is 'Internal: the day an office or body was created as the visible sources state it (the earliest explicitly dated established event of the body, of the body an office belongs to, or of the office named as an institution), NULL when none does. A claim with an unknown start answers no date before it.';
