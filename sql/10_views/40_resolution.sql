-- drop: drop view if exists kzgov_internal._resolution
-- Internal (no reader grant): one answer per question (office holder, a body's figure, a party's seats in
-- a chamber) for the current state of the world, picked from the currently recorded claims by the rule the
-- resolved_* views document, with the claims that dissent from it.
--
-- Each claim first gets its effective end: its own end; else, for a tenure, the end inferred from the
-- successor (kzgov_internal.tenure_inference); else the start of the next claim on the same question with another
-- value, by the successor rule (kzgov_internal._successor_ends), applied to figures. Then:
--   standing 1: still in force (no known or inferred end): explicit dates beat statements as of publication;
--   standing 2: statements as of publication (a day, or a window when the publication date is unknown);
--   standing 3: ended claims (only when no claim of standing 1 or 2 exists can one of them win).
-- Within a standing: (3 only) the latest end first; then the latest start (for a statement as of
-- publication: the date it was made, for a window the earliest moment it can have been made, so a dated
-- statement beats a window that may be as late); then explicit, inferred, as of publication, window; then
-- the newest publication (or retrieval) date of the source. Equal on all of these and a different value:
-- a tie, flagged (the lowest claim id is shown).
-- Dissenters: claims with another value whose effective period does not end on or before the winner's start.
create view kzgov_internal._resolution as
with current_claims as (
    select
        v.*,
        src.key as source_key,
        coalesce(latest.published_on, latest.retrieved_on) as publication_date
    from kzgov_internal._claim_values v
    join kzgov_internal.source src on src.id = v.source_id
    -- A currently recorded claim is made by the latest version of its source: that version's date counts.
    join lateral (
        select x.published_on, x.retrieved_on
        from kzgov_internal.source_version x
        where x.source_id = v.source_id
        order by x.version desc
        limit 1
    ) latest on true
    where upper_inf(v.recorded) and v.topic in ('office_tenure', 'chamber_composition', 'party_seats')
),
ends as (
    select c.*, e.ended_on, e.ended_precision, e.ended_by
    from current_claims c
    left join lateral (
        select i.inferred_until as ended_on, succ.valid_from_precision as ended_precision, i.successor_id as ended_by
        from kzgov_internal.tenure_inference i
        join kzgov_internal.office_tenure succ on succ.id = i.successor_id
        where c.topic = 'office_tenure' and upper_inf(c.valid) and i.tenure_id = c.claim_id and upper_inf(i.recorded)
        union all
        (
            select lower(s.valid), s.valid_from_precision, s.claim_id
            from current_claims s
            where c.topic <> 'office_tenure'
              and (s.topic, s.subject_key, s.attribute) = (c.topic, c.subject_key, c.attribute)
              and s.value_key <> c.value_key
              and kzgov_internal._successor_ends(c.basis, c.valid, s.basis, s.valid)
            order by lower(s.valid), s.claim_id
            limit 1
        )
    ) e on true
),
ranked as (
    select
        e.*,
        coalesce(upper(e.valid), e.ended_on) as effective_until,
        case
            when upper_inf(e.valid) and e.ended_on is null then 1
            when e.basis = 'as_of_publication' then 2
            else 3
        end as standing,
        case
            when e.basis = 'explicit' then 1
            when e.basis = 'inferred' then 2
            when not e.valid_window then 3
            else 4
        end as basis_rank
    from ends e
),
placed as (
    select r.*, rank() over question as place
    from ranked r
    window question as (
        partition by r.topic, r.subject_key, r.attribute
        order by
            r.standing,
            case when r.standing = 3 then r.effective_until end desc nulls last,
            coalesce(lower(r.valid), '-infinity'::date) desc,
            r.basis_rank,
            r.publication_date desc nulls last
    )
),
ordered as (
    select
        p.*,
        row_number() over (partition by p.topic, p.subject_key, p.attribute order by p.place, p.claim_id) as position
    from placed p
)
select
    w.topic,
    w.subject_key,
    w.subject,
    w.attribute,
    w.value_key,
    w.value,
    w.claim_id,
    lower(w.valid) as valid_from,
    w.effective_until as valid_until,
    coalesce(w.valid_until_precision, w.ended_precision) as valid_until_precision,
    case
        when not upper_inf(w.valid) then w.basis
        when w.ended_on is not null then 'inferred'
        else 'unknown'
    end as valid_until_basis,
    w.ended_by as inferred_from_claim,
    w.publication_date,
    w.standing,
    case w.standing
        when 1 then 'in force: an explicitly dated period with no known end, which beats statements as of'
            || ' publication; the latest start wins, then the newest publication'
        when 2 then 'latest statement as of publication (no explicitly dated period is open): the statement'
            || ' made latest wins, a dated one before an undated window that may be as late; then the newest'
            || ' publication'
        else 'every claim has ended: the one ending latest wins, then the latest start, then explicit dates'
            || ' before statements as of publication, then the newest publication'
    end as rule,
    exists (
        select from ordered o
        where (o.topic, o.subject_key, o.attribute) = (w.topic, w.subject_key, w.attribute)
          and o.place = 1 and o.value_key <> w.value_key
    ) as tie,
    coalesce(d.sources, '{}') as dissenting_sources,
    coalesce(d.claim_values, '{}') as dissenting_values,
    coalesce(d.claims, '{}') as dissenting_claims
from ordered w
left join lateral (
    select
        array_agg(o.source_key order by o.source_key, o.claim_id) as sources,
        array_agg(o.value order by o.source_key, o.claim_id) as claim_values,
        array_agg(o.claim_id order by o.source_key, o.claim_id) as claims
    from ordered o
    where (o.topic, o.subject_key, o.attribute) = (w.topic, w.subject_key, w.attribute)
      and o.value_key <> w.value_key
      and coalesce(o.effective_until, 'infinity'::date) > coalesce(lower(w.valid), '-infinity'::date)
) d on true
where w.position = 1;

comment on view kzgov_internal._resolution is 'Internal, not granted to readers: the winning claim per question (topic, subject_key, attribute) among currently recorded claims, by the rule described on kzgov.resolved_office_holders, with its dissenters. The resolved_* views present it.';
comment on column kzgov_internal._resolution.topic is 'office_tenure, chamber_composition or party_seats.';
comment on column kzgov_internal._resolution.subject_key is 'The question''s subject, as ids.';
comment on column kzgov_internal._resolution.subject is 'The question''s subject, in words.';
comment on column kzgov_internal._resolution.attribute is 'The figure asked about (holder, total_seats, elected_seats, appointed_seats, term_years, seats).';
comment on column kzgov_internal._resolution.value_key is 'The answer as compared (person id or number).';
comment on column kzgov_internal._resolution.value is 'The answer in words.';
comment on column kzgov_internal._resolution.claim_id is 'The winning claim.';
comment on column kzgov_internal._resolution.valid_from is 'Start of the winning claim''s period; NULL when unknown.';
comment on column kzgov_internal._resolution.valid_until is 'Effective end of the winning claim: its own, or inferred from the next explicitly dated claim with another value; NULL when unknown.';
comment on column kzgov_internal._resolution.valid_until_precision is 'Precision of valid_until.';
comment on column kzgov_internal._resolution.valid_until_basis is 'The claim''s basis when it states an end, inferred when taken from another claim, unknown when NULL.';
comment on column kzgov_internal._resolution.inferred_from_claim is 'The claim whose start gives an inferred end.';
comment on column kzgov_internal._resolution.publication_date is 'Publication (else retrieval) date of the latest version of the winning claim''s source.';
comment on column kzgov_internal._resolution.standing is '1 in force, 2 statement as of publication, 3 ended.';
comment on column kzgov_internal._resolution.rule is 'The rule that picked the answer, in words.';
comment on column kzgov_internal._resolution.tie is 'True when a claim ranked equal says otherwise.';
comment on column kzgov_internal._resolution.dissenting_sources is 'Source keys of the dissenting claims.';
comment on column kzgov_internal._resolution.dissenting_values is 'Values of the dissenting claims, aligned with dissenting_sources.';
comment on column kzgov_internal._resolution.dissenting_claims is 'Ids of the dissenting claims, aligned with dissenting_sources.';
