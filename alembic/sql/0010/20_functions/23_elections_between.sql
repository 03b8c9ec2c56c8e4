-- drop: drop function if exists kzgov.elections_between(date, date, timestamptz, date)
create function kzgov.elections_between(
    from_date date,
    to_date date,
    known_at timestamptz default now(),
    published_by date default null
)
returns table (
    election_id bigint,
    kind text,
    status text,
    early boolean,
    held_on date,
    held_on_precision text,
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
    turnout_pct numeric
)
language sql
stable
parallel safe
-- Plain SQL, run with the caller's rights over views the reader may read (kzgov_internal._*_rows), with a standard
-- body bound when it is created (no caller's search_path reaches it): PostgreSQL inlines it into the
-- caller's query, so a filter on its columns is applied while the claims are read.
begin atomic
select
    t.id,
    t.kind,
    t.status,
    t.early,
    lower(t.valid),
    t.valid_from_precision,
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
    t.turnout_pct
from kzgov_internal._election_rows t
-- The claims recorded at known_at, or those of each source's latest version published by published_by.
join kzgov_internal._source_moments(known_at, published_by) m on m.source_id = t.source_id and t.recorded @> m.moment
join kzgov_internal._source_rows s on s.id = t.source_id
join kzgov_internal._source_version_rows sv on sv.id = t.source_version_id
where t.valid && daterange(from_date, to_date, '[)')
order by lower(t.valid), t.kind, s.key, t.id;
end;

comment on function kzgov.elections_between(date, date, timestamptz, date) is 'Elections held (or scheduled) in [from_date, to_date), half-open; a NULL bound is open. One row per source claim, with the columns election_id (= claim_id, as in kzgov.elections), kind, status, early, held_on (the first day of the period the election was held in) and held_on_precision (day, month or year). An election known only to the month or year is listed when that month or year overlaps the range. Besides the columns named: valid_from and valid_until (the claim''s period, NULL when unknown), basis (explicit, as_of_publication, inferred), valid_window, source_key and quote (the source''s words), valid_from_precision and valid_until_precision (day, month, year), valid_from_unknown and valid_until_unknown, source_version (the version whose load recorded the claim), quote_line, claim_id (the claim''s row in its fact table, as in the views), turnout_pct (the share of registered voters who voted, in percent; NULL when the source does not say). Time axes. Valid time: periods are half-open, so a claim valid from d answers for d and one valid until d does not; a claim with an unknown bound answers for every date its known bound allows and shows the unknown bound as NULL (valid_from_unknown, valid_until_unknown say which), and valid_window marks a claim that held at one unknown moment inside its period, not necessarily on the date asked. known_at reads recorded time: the claims whose recorded period contains known_at, i.e. exactly what this database would have answered at that moment (default now(); NULL: what is recorded now). published_by reads publication time, what a reader could have known from sources published by that date: only source versions whose publication date (published_on, else retrieved_on) is on or before published_by and that were loaded by known_at count; for each source the latest such version, with the claims current right after it was loaded (recorded period containing its loaded_at: a load closes retired claims and opens new ones at exactly that moment). Sources with no such version say nothing. NULL (default): no restriction. Plain SQL run with the caller''s rights over internal views the reader may read (kzgov_internal._*_rows: every row, recorded history included), so PostgreSQL inlines it and a filter on its columns is applied while the claims are read. Example: select * from kzgov.elections_between(''2019-01-01'', ''2024-01-01'').';
