-- drop: drop function if exists kzgov.chamber_seats_on(date, timestamptz, date, text[], text)
create function kzgov.chamber_seats_on(
    on_date date,
    known_at timestamptz default now(),
    published_by date default null,
    chambers text[] default null,
    jurisdiction text default null
)
returns table (
    chamber text,
    chamber_kind text,
    total_seats integer,
    elected_seats integer,
    appointed_seats integer,
    term_years integer,
    election_method text,
    valid_from date,
    valid_until date,
    basis text,
    valid_window boolean,
    source_key text,
    quote text,
    valid_from_precision text,
    valid_until_precision text,
    valid_from_unknown boolean,
    valid_until_unknown boolean,
    source_version integer,
    quote_line integer,
    claim_id bigint,
    chamber_id bigint,
    jurisdiction_code text,
    party_list_seats integer,
    single_member_seats integer,
    certainty text
)
language sql
stable
parallel safe
-- Plain SQL, run with the caller's rights over views the reader may read (kzgov_internal._*_rows), with a standard
-- body bound when it is created (no caller's search_path reaches it): PostgreSQL inlines it into the
-- caller's query, so a filter on its columns is applied while the claims are read.
begin atomic
select
    b.name,
    b.kind,
    t.total_seats,
    t.elected_seats,
    t.appointed_seats,
    t.term_years,
    t.election_method,
    lower(t.valid),
    upper(t.valid),
    t.basis,
    t.valid_window,
    s.key,
    t.quote,
    t.valid_from_precision,
    t.valid_until_precision,
    lower_inf(t.valid),
    upper_inf(t.valid),
    sv.version,
    t.quote_line,
    t.id,
    t.organization_id,
    b.jurisdiction_code,
    t.party_list_seats,
    t.single_member_seats,
    kzgov_internal._certainty(t.valid, t.valid_from_precision, t.basis, t.valid_window, on_date)
from kzgov_internal._organization_rows b
-- The bodies asked for first: each one's claims through its (organization_id, valid) index.
join kzgov_internal._chamber_composition_rows t on t.organization_id = b.id and t.valid @> on_date
-- The claims recorded at known_at, or those of each source's latest version published by published_by.
join kzgov_internal._source_moments(known_at, published_by) m on m.source_id = t.source_id and t.recorded @> m.moment
join kzgov_internal._source_rows s on s.id = t.source_id
join kzgov_internal._source_version_rows sv on sv.id = t.source_version_id
where (chamber_seats_on.chambers is null or b.name = any(chamber_seats_on.chambers))
  and (chamber_seats_on.jurisdiction is null or b.jurisdiction_code = chamber_seats_on.jurisdiction)
  -- A claim with no start does not reach back before the body was created, where a source says when.
  and (not lower_inf(t.valid)
       or on_date >= coalesce(kzgov_internal._created_on(b.id, null, b.jurisdiction_code, known_at, published_by), on_date))
order by b.name, lower(t.valid) nulls first, s.key, t.id;
end;

comment on function kzgov.chamber_seats_on(date, timestamptz, date, text[], text) is 'The size and make-up of chambers, courts and councils on on_date: one row per source claim that speaks to the date, optionally only for the bodies named in chambers (exact names, as in the chamber column) and the jurisdiction given (ISO code, as in jurisdiction_code), with the columns chamber (the body''s name), chamber_kind, total_seats, elected_seats, appointed_seats, term_years, election_method (NULL where the claim does not state a figure) and the evidence. A statement as of publication speaks to its publication date only (or, publication date unknown, to its window, valid_window true). Besides the columns named: valid_from and valid_until (the claim''s period, NULL when unknown), basis (explicit, as_of_publication, inferred), valid_window, source_key and quote (the source''s words), valid_from_precision and valid_until_precision (day, month, year), valid_from_unknown and valid_until_unknown, source_version (the version whose load recorded the claim), quote_line, claim_id (the claim''s row in its fact table, as in the views), chamber_id, jurisdiction_code, party_list_seats and single_member_seats (the seats filled from party lists and in single-member districts, NULL where the claim does not say), certainty (certain: on_date lies within the bounds the source states, on or after the last day its start can be at the start''s precision and before a stated end; possible: the date is reached only through an unknown bound or a window). A claim with an unknown start answers no date before the body was created, where a visible source states it (an established event). Time axes. Valid time: periods are half-open, so a claim valid from d answers for d and one valid until d does not; a claim with an unknown bound answers for every date its known bound allows and shows the unknown bound as NULL (valid_from_unknown, valid_until_unknown say which), and valid_window marks a claim that held at one unknown moment inside its period, not necessarily on the date asked. known_at reads recorded time: the claims whose recorded period contains known_at, i.e. exactly what this database would have answered at that moment (default now(); NULL: what is recorded now). published_by reads publication time, what a reader could have known from sources published by that date: only source versions whose publication date (published_on, else retrieved_on) is on or before published_by and that were loaded by known_at count; for each source the latest such version, with the claims current right after it was loaded (recorded period containing its loaded_at: a load closes retired claims and opens new ones at exactly that moment). Sources with no such version say nothing. NULL (default): no restriction. Plain SQL run with the caller''s rights over internal views the reader may read (kzgov_internal._*_rows: every row, recorded history included), so PostgreSQL inlines it and a filter on its columns is applied while the claims are read. Example: select * from kzgov.chamber_seats_on(''2023-06-01'').';
