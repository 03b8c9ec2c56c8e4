-- drop: drop function if exists kzgov.office_holders_on(date, timestamptz, date, text[], text)
create function kzgov.office_holders_on(
    on_date date,
    known_at timestamptz default now(),
    published_by date default null,
    offices text[] default null,
    jurisdiction text default null
)
returns table (
    office text,
    organization text,
    person text,
    party text,
    valid_from date,
    valid_until date,
    valid_until_basis text,
    basis text,
    valid_window boolean,
    source_key text,
    quote text,
    valid_from_precision text,
    valid_until_precision text,
    valid_from_unknown boolean,
    valid_until_unknown boolean,
    inferred_from_claim bigint,
    source_version integer,
    quote_line integer,
    claim_id bigint,
    office_id bigint,
    person_id bigint,
    single_holder boolean,
    jurisdiction_code text,
    acting boolean,
    certainty text
)
language sql
stable
parallel safe
-- Plain SQL, run with the caller's rights over views the reader may read (kzgov_internal._*_rows), with a standard
-- body bound when it is created (no caller's search_path reaches it): PostgreSQL inlines it into the
-- caller's query, so a filter on office, person or jurisdiction_code is applied while the claims are read.
begin atomic
with candidates as (
    -- A successor's start only ever shortens a period, so only claims whose own valid period contains
    -- on_date can answer. The offices asked for come first (by the offices argument, or a caller's filter
    -- on the office column, which reaches f.name): each one's claims through its (office_id, valid) index.
    select
        t.*,
        f.name as office_name,
        f.organization_id as office_body,
        f.jurisdiction_code as office_jurisdiction,
        -- Whether the office had one holder at a time as recorded at known_at (as changed since it was
        -- created, kzgov_internal.office_holding, else as created).
        coalesce(
            (select h.single_holder from kzgov_internal._office_holding_rows h
              where h.office_id = f.id and h.recorded @> coalesce(known_at, 'infinity'::timestamptz)),
            f.single_holder
        ) as one_holder
    from kzgov_internal._office_rows f
    join kzgov_internal._office_tenure_rows t on t.office_id = f.id and t.valid @> on_date
    -- The claims recorded at known_at, or those of each source's latest version published by published_by.
    join kzgov_internal._source_moments(known_at, published_by) m on m.source_id = t.source_id and t.recorded @> m.moment
    where (office_holders_on.offices is null or f.name = any(office_holders_on.offices))
      and (office_holders_on.jurisdiction is null or f.jurisdiction_code = office_holders_on.jurisdiction)
),
ended as (
    select
        t.*,
        coalesce(stored.successor_id, derived.successor_id) as successor_id,
        coalesce(stored.inferred_until, derived.inferred_until) as inferred_until,
        coalesce(stored.inferred_precision, derived.inferred_precision) as inferred_precision
    from candidates t
    -- The end inferred from the successor, as recorded at known_at.
    left join lateral (
        select i.successor_id, i.inferred_until, succ.valid_from_precision as inferred_precision
        from kzgov_internal._tenure_inference_rows i
        join kzgov_internal._office_tenure_rows succ on succ.id = i.successor_id
        where published_by is null
          and upper_inf(t.valid)
          and i.tenure_id = t.id
          and i.recorded @> coalesce(known_at, 'infinity'::timestamptz)
    ) stored on true
    -- With published_by the successor must be among the visible claims: the successor rule, as
    -- kzgov_internal.refresh_tenure_inferences applies it, applied to them.
    left join lateral (
        select s.id as successor_id, lower(s.valid) as inferred_until, s.valid_from_precision as inferred_precision
        from kzgov_internal._office_tenure_rows s
        join kzgov_internal._source_moments(known_at, published_by) ms
          on ms.source_id = s.source_id and s.recorded @> ms.moment
        where published_by is not null
          and t.one_holder
          and s.office_id = t.office_id
          and s.person_id <> t.person_id
          and kzgov_internal._successor_ends(t.basis, t.valid, s.basis, s.valid)
        order by lower(s.valid), s.id
        limit 1
    ) derived on true
)
select
    t.office_name,
    org.name,
    p.name,
    pa.name,
    lower(t.valid),
    coalesce(upper(t.valid), t.inferred_until),
    case
        when not upper_inf(t.valid) then t.basis
        when t.inferred_until is not null then 'inferred'
        else 'unknown'
    end,
    t.basis,
    t.valid_window,
    s.key,
    t.quote,
    t.valid_from_precision,
    coalesce(t.valid_until_precision, t.inferred_precision),
    lower_inf(t.valid),
    upper_inf(t.valid) and t.inferred_until is null,
    t.successor_id,
    sv.version,
    t.quote_line,
    t.id,
    t.office_id,
    t.person_id,
    t.one_holder,
    t.office_jurisdiction,
    t.acting,
    kzgov_internal._certainty(t.valid, t.valid_from_precision, t.basis, t.valid_window, on_date)
from ended t
left join kzgov_internal._organization_rows org on org.id = t.office_body
join kzgov_internal._person_rows p on p.id = t.person_id
left join kzgov_internal._organization_rows pa on pa.id = t.party_id
join kzgov_internal._source_rows s on s.id = t.source_id
join kzgov_internal._source_version_rows sv on sv.id = t.source_version_id
where case
    when t.inferred_until is null then t.valid
    else daterange(lower(t.valid), t.inferred_until)
end @> on_date
  -- A claim with no start does not reach back before the office was created, where a source says when.
  and (not lower_inf(t.valid)
       or on_date >= coalesce(kzgov_internal._created_on(t.office_body, t.office_name, t.office_jurisdiction, known_at,
                                                published_by), on_date))
order by t.office_name, org.name nulls first, lower(t.valid) nulls first, s.key, t.id;
end;

comment on function kzgov.office_holders_on(date, timestamptz, date, text[], text) is 'Who held which office on on_date: one row per source claim that speaks to the date (sources that disagree give one row each), optionally only for the offices named in offices (exact names, as in the office column) and the jurisdiction given (ISO code, as in jurisdiction_code), with the columns office, organization (the body the office belongs to), person, party, and the evidence. An end inferred from the successor''s start stands in for an unknown end: valid_until is then that start, valid_until_basis = inferred and inferred_from_claim names the successor''s claim (with known_at, the inference recorded then; with published_by, derived from the visible claims only, by the rule of kzgov_internal.refresh_tenure_inferences), and the tenure no longer answers from that date. Besides the columns named: valid_from and valid_until (the claim''s period, NULL when unknown), basis (explicit, as_of_publication, inferred), valid_window, source_key and quote (the source''s words), valid_from_precision and valid_until_precision (day, month, year), valid_from_unknown and valid_until_unknown, source_version (the version whose load recorded the claim), quote_line, claim_id (the claim''s row in its fact table, as in the views), jurisdiction_code, acting (true when the source says the office was held in an acting, caretaker or interim, capacity), certainty (certain: on_date lies within the bounds the source states, on or after the last day its start can be at the start''s precision and before a stated end; possible: the date is reached only through an unknown bound, an end inferred from the successor, or a window). Time axes. Valid time: periods are half-open, so a claim valid from d answers for d and one valid until d does not; a claim with an unknown bound answers for every date its known bound allows and shows the unknown bound as NULL (valid_from_unknown, valid_until_unknown say which), and valid_window marks a claim that held at one unknown moment inside its period, not necessarily on the date asked; such answers have certainty possible. A claim with an unknown start answers no date before the office was created, where a visible source states it (an established event of the office''s body or of the office named as an institution, e.g. President of Kazakhstan). known_at reads recorded time: the claims whose recorded period contains known_at, i.e. exactly what this database would have answered at that moment (default now(); NULL: what is recorded now). published_by reads publication time, what a reader could have known from sources published by that date: only source versions whose publication date (published_on, else retrieved_on) is on or before published_by and that were loaded by known_at count; for each source the latest such version, with the claims current right after it was loaded (recorded period containing its loaded_at: a load closes retired claims and opens new ones at exactly that moment). Sources with no such version say nothing. NULL (default): no restriction. Plain SQL run with the caller''s rights over internal views the reader may read (kzgov_internal._*_rows: every row, recorded history included), so PostgreSQL inlines it and a filter on its columns (where office = ...) is applied while the claims are read, as fast as the offices argument. Examples: select * from kzgov.office_holders_on(''2023-06-01''); select * from kzgov.office_holders_on(''2023-06-01'', offices => array[''Prime Minister''], jurisdiction => ''KZ'').';
