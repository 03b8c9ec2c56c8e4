-- drop: drop function if exists kzgov.election_results_between(date, date, timestamptz, date)
create function kzgov.election_results_between(
    from_date date,
    to_date date,
    known_at timestamptz default now(),
    published_by date default null
)
returns table (
    election_id bigint,
    kind text,
    held_on date,
    held_on_precision text,
    candidate_or_party text,
    candidate text,
    party text,
    vote_share numeric,
    seats integer,
    outcome text,
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
    person_id bigint,
    party_id bigint,
    votes bigint,
    list_seats integer,
    district_seats integer
)
language sql
stable
parallel safe
-- Plain SQL, run with the caller's rights over views the reader may read (kzgov_internal._*_rows), with a standard
-- body bound when it is created (no caller's search_path reaches it): PostgreSQL inlines it into the
-- caller's query, so a filter on its columns is applied while the claims are read.
begin atomic
select
    t.election_id,
    e.kind,
    lower(e.valid),
    e.valid_from_precision,
    coalesce(p.name, pa.name),
    p.name,
    pa.name,
    t.vote_share,
    t.seats,
    t.outcome,
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
    t.person_id,
    t.party_id,
    t.votes,
    t.list_seats,
    t.district_seats
from kzgov_internal._election_result_rows t
-- The claims recorded at known_at, or those of each source's latest version published by published_by.
join kzgov_internal._source_moments(known_at, published_by) m on m.source_id = t.source_id and t.recorded @> m.moment
join kzgov_internal._election_rows e on e.id = t.election_id
left join kzgov_internal._person_rows p on p.id = t.person_id
left join kzgov_internal._organization_rows pa on pa.id = t.party_id
join kzgov_internal._source_rows s on s.id = t.source_id
join kzgov_internal._source_version_rows sv on sv.id = t.source_version_id
where e.valid && daterange(from_date, to_date, '[)')
order by lower(e.valid), e.kind, t.election_id, t.vote_share desc nulls last, t.seats desc nulls last, s.key, t.id;
end;

comment on function kzgov.election_results_between(date, date, timestamptz, date) is 'Results of the elections held in [from_date, to_date), half-open (a NULL bound is open): one row per source claim of a result, with the columns election_id (kzgov.elections.election_id), kind, held_on, held_on_precision, candidate_or_party (the candidate, else the party), candidate, party, vote_share (percent), seats, outcome and the evidence. known_at and published_by apply to the result claims; the election they belong to is shown as its claim states it. Besides the columns named: valid_from and valid_until (the claim''s period, NULL when unknown), basis (explicit, as_of_publication, inferred), valid_window, source_key and quote (the source''s words), valid_from_precision and valid_until_precision (day, month, year), valid_from_unknown and valid_until_unknown, source_version (the version whose load recorded the claim), quote_line, claim_id (the claim''s row in its fact table, as in the views), person_id, party_id, votes (votes cast for the candidate or party), list_seats and district_seats (of the seats won, those won on the party list and in single-member districts; each NULL when the source does not say). Time axes. Valid time: periods are half-open, so a claim valid from d answers for d and one valid until d does not; a claim with an unknown bound answers for every date its known bound allows and shows the unknown bound as NULL (valid_from_unknown, valid_until_unknown say which), and valid_window marks a claim that held at one unknown moment inside its period, not necessarily on the date asked. known_at reads recorded time: the claims whose recorded period contains known_at, i.e. exactly what this database would have answered at that moment (default now(); NULL: what is recorded now). published_by reads publication time, what a reader could have known from sources published by that date: only source versions whose publication date (published_on, else retrieved_on) is on or before published_by and that were loaded by known_at count; for each source the latest such version, with the claims current right after it was loaded (recorded period containing its loaded_at: a load closes retired claims and opens new ones at exactly that moment). Sources with no such version say nothing. NULL (default): no restriction. Plain SQL run with the caller''s rights over internal views the reader may read (kzgov_internal._*_rows: every row, recorded history included), so PostgreSQL inlines it and a filter on its columns is applied while the claims are read. Example: select * from kzgov.election_results_between(''2019-01-01'', ''2020-01-01'').';
