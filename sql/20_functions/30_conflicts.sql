-- drop: drop view if exists kzgov.conflicts; drop function if exists kzgov.conflicts_on(date, timestamptz)
-- Where the sources disagree: the function answers for a date and a recorded moment, the view is the
-- function over all valid time and the current record. They live in one file because the view needs the
-- function (a view calling a function needs its reader to be allowed to execute it: the function is public).
create function kzgov.conflicts_on(on_date date, known_at timestamptz default now())
returns table (
    conflict_id text,
    topic text,
    subject text,
    attribute text,
    value text,
    source_key text,
    source_version integer,
    quote text,
    quote_line integer,
    valid_from date,
    valid_until date,
    valid_from_precision text,
    valid_until_precision text,
    basis text,
    valid_window boolean,
    claim_id bigint,
    conflict_from date,
    conflict_until date,
    within_source boolean
)
language sql
stable
-- Runs as its owner: readers may not read the tables, and the recorded history known_at reads is not in
-- the views. search_path is pinned so no caller's objects are used.
security definer
set search_path = pg_catalog, kzgov, pg_temp
as $$
with visible as (
    select v.*
    from kzgov_internal._claim_values v
    where v.recorded @> coalesce(known_at, 'infinity'::timestamptz)
      and (on_date is null or v.valid @> on_date)
),
disagreeing as (
    select a.*
    from visible a
    where exists (
        select from visible b
        where (b.topic, b.subject_key, b.attribute) = (a.topic, a.subject_key, a.attribute)
          and b.valid && a.valid
          and (
              b.value_key <> a.value_key
              -- One source stating the same value twice over overlapping but different periods of one basis
              -- (a tenure with an end and without one): the source disagrees with itself about the period.
              or (b.source_id = a.source_id and b.basis = a.basis and b.valid <> a.valid and b.claim_id <> a.claim_id)
          )
    )
),
bounded as (
    select
        d.*,
        coalesce(lower(d.valid), '-infinity'::date) as lo,
        coalesce(upper(d.valid), 'infinity'::date) as hi
    from disagreeing d
),
-- Stretches: sorted by start, a claim opens a new stretch when it starts at or after every earlier end.
flagged as (
    select
        b.*,
        case when b.lo < max(b.hi) over (question rows between unbounded preceding and 1 preceding) then 0 else 1 end
            as opens_stretch
    from bounded b
    window question as (partition by b.topic, b.subject_key, b.attribute order by b.lo, b.hi, b.claim_id)
),
numbered as (
    select
        f.*,
        sum(f.opens_stretch) over (
            partition by f.topic, f.subject_key, f.attribute order by f.lo, f.hi, f.claim_id rows unbounded preceding
        ) as stretch
    from flagged f
),
stretched as (
    select
        n.*,
        min(n.lo) over stretch as stretch_lo,
        max(n.hi) over stretch as stretch_hi,
        min(n.source_id) over stretch = max(n.source_id) over stretch as one_source
    from numbered n
    window stretch as (partition by n.topic, n.subject_key, n.attribute, n.stretch)
)
select
    left(md5(concat_ws('|', c.topic, c.subject_key, c.attribute, c.stretch_lo)), 16),
    c.topic,
    c.subject,
    c.attribute,
    c.value,
    s.key,
    sv.version,
    c.quote,
    c.quote_line,
    lower(c.valid),
    upper(c.valid),
    c.valid_from_precision,
    c.valid_until_precision,
    c.basis,
    c.valid_window,
    c.claim_id,
    nullif(c.stretch_lo, '-infinity'::date),
    nullif(c.stretch_hi, 'infinity'::date),
    c.one_source
from stretched c
join kzgov_internal.source s on s.id = c.source_id
join kzgov_internal.source_version sv on sv.id = c.source_version_id
order by c.topic, c.subject, c.attribute, c.stretch_lo, c.lo, c.value, s.key, c.claim_id
$$;

comment on function kzgov.conflicts_on(date, timestamptz) is 'Where the sources disagree about on_date: the rows of kzgov.conflicts, computed from the claims that speak to on_date (valid period containing it; NULL: all of valid time) among those recorded at known_at (the claims whose recorded period contains it: what this database held then; default now(), NULL: what is recorded now). Columns: conflict_id, topic, subject, attribute, value, source_key, source_version, quote, quote_line, valid_from, valid_until, valid_from_precision, valid_until_precision, basis, valid_window, claim_id, conflict_from, conflict_until, within_source (as in kzgov.conflicts; with on_date, a stretch is that of the claims speaking to the date). Two claims disagree when they answer the same question with different values over overlapping valid periods, compared as stored (an unknown bound is infinite, windows are their whole window, no inferred ends): a single-holder office held by different persons (attribute holder); a body''s total_seats, elected_seats, appointed_seats or term_years, each compared on its own and only where both claims state it; a party''s seats in the same chamber (claims naming no chamber are compared with each other); an indicator''s value or rank for the same subject and indicator; a candidate''s or party''s vote_share or seats in elections of the same kind held in overlapping periods (the period compared is the election''s). The claims may come from different sources or from one source contradicting itself; one source stating the same value twice with the same basis over overlapping but different periods (a tenure once with its end and once without) disagrees with itself about the period, and those claims are listed too. within_source is true when every claim of the conflict comes from one source. Every disagreeing claim is one row; the claims disagreeing about one subject and attribute over one stretch of valid time (their periods overlapping one another, transitively) share a conflict_id, and conflict_from and conflict_until give that stretch. Claims that agree with every claim they overlap are never listed. Runs as its owner (SECURITY DEFINER, search_path pinned to pg_catalog, kzgov, pg_temp): readers have no access to the tables. Example: select * from kzgov.conflicts_on(''2024-06-01'').';

create view kzgov.conflicts as
select * from kzgov.conflicts_on(null, null);

comment on view kzgov.conflicts is 'Where currently recorded claims disagree, side by side in the sources'' own words: one row per disagreeing claim, grouped by conflict_id. Two claims disagree when they answer the same question with different values over overlapping valid periods, compared as stored (an unknown bound is infinite, windows are their whole window, no inferred ends): a single-holder office held by different persons (attribute holder); a body''s total_seats, elected_seats, appointed_seats or term_years, each compared on its own and only where both claims state it; a party''s seats in the same chamber (claims naming no chamber are compared with each other); an indicator''s value or rank for the same subject and indicator; a candidate''s or party''s vote_share or seats in elections of the same kind held in overlapping periods (the period compared is the election''s). The claims may come from different sources or from one source contradicting itself; one source stating the same value twice with the same basis over overlapping but different periods (a tenure once with its end and once without) disagrees with itself about the period, and those claims are listed too. within_source is true when every claim of the conflict comes from one source. Every disagreeing claim is one row; the claims disagreeing about one subject and attribute over one stretch of valid time (their periods overlapping one another, transitively) share a conflict_id, and conflict_from and conflict_until give that stretch. Claims that agree with every claim they overlap are never listed. For one date or an earlier state of the record, use kzgov.conflicts_on(on_date, known_at).';
comment on column kzgov.conflicts.conflict_id is 'Identifies the conflict: the rows of the claims disagreeing about one subject and attribute over one stretch of valid time share it. Derived from topic, subject, attribute and the stretch''s start, so it is stable while those are.';
comment on column kzgov.conflicts.topic is 'The fact table the claims are in: office_tenure, chamber_composition, party_seats, indicator or election_result.';
comment on column kzgov.conflicts.subject is 'What the claims are about: the office, the body, party / chamber, subject: indicator, or "<kind> election: <candidate or party>".';
comment on column kzgov.conflicts.attribute is 'What they disagree on: holder, total_seats, elected_seats, appointed_seats, term_years, seats, value, rank or vote_share.';
comment on column kzgov.conflicts.value is 'What this claim says: the holder''s name or the figure (an indicator''s value with its unit, a rank as "n of m").';
comment on column kzgov.conflicts.source_key is 'Source of this claim.';
comment on column kzgov.conflicts.source_version is 'Version of that source whose load recorded the claim.';
comment on column kzgov.conflicts.quote is 'This claim''s words, verbatim.';
comment on column kzgov.conflicts.quote_line is 'Line of the source text the quote starts on, where known.';
comment on column kzgov.conflicts.valid_from is 'Start of this claim''s period (for an election result, of the election''s); NULL when unknown.';
comment on column kzgov.conflicts.valid_until is 'End of this claim''s period, exclusive, as stored (no inferred end); NULL when unknown.';
comment on column kzgov.conflicts.valid_from_precision is 'How precisely valid_from is dated: day, month or year; NULL when unknown.';
comment on column kzgov.conflicts.valid_until_precision is 'How precisely valid_until is dated; NULL when unknown.';
comment on column kzgov.conflicts.basis is 'Basis of this claim''s period: explicit, as_of_publication or inferred.';
comment on column kzgov.conflicts.valid_window is 'True when the claim held at one unknown moment inside its period (publication date unknown).';
comment on column kzgov.conflicts.claim_id is 'Id of the claim in its fact table (topic), as claim_id in the views.';
comment on column kzgov.conflicts.conflict_from is 'Start of the stretch of valid time the conflict covers (the earliest start of its claims); NULL: unbounded.';
comment on column kzgov.conflicts.conflict_until is 'End of that stretch, exclusive (the latest end of its claims); NULL: unbounded.';
comment on column kzgov.conflicts.within_source is 'True when every claim of this conflict comes from one source: the source contradicts itself (or states one value over overlapping but different periods).';
