-- drop: drop view if exists kzgov_internal._claim_values
-- Internal (no reader grant): every claim that can disagree with another, reduced to one comparable value
-- per (topic, subject, attribute), with its whole recorded history. kzgov.conflicts_on and the resolved_*
-- views compare these rows; the public views show the same claims with their typed columns.
create view kzgov_internal._claim_values as
-- Offices held by one person at a time: who holds it.
select
    'office_tenure'::text as topic,
    'office:' || o.id as subject_key,
    o.name || coalesce(' (' || org.name || ')', '') as subject,
    'holder'::text as attribute,
    t.person_id::text as value_key,
    p.name as value,
    t.id as claim_id,
    t.source_id,
    t.source_version_id,
    t.valid,
    t.valid_from_precision,
    t.valid_until_precision,
    t.basis,
    t.valid_window,
    t.recorded,
    t.quote,
    t.quote_line
from kzgov_internal.office_tenure t
join kzgov_internal.office o on o.id = t.office_id
    and coalesce((select h.single_holder from kzgov_internal.office_holding h where h.office_id = o.id and upper_inf(h.recorded)), o.single_holder)
left join kzgov_internal.organization org on org.id = o.organization_id
join kzgov_internal.person p on p.id = t.person_id
union all
-- A body's figures, each compared on its own; a claim that does not state a figure says nothing about it.
select
    'chamber_composition',
    'body:' || c.organization_id,
    b.name,
    a.attribute,
    a.figure::text,
    a.figure::text,
    c.id,
    c.source_id,
    c.source_version_id,
    c.valid,
    c.valid_from_precision,
    c.valid_until_precision,
    c.basis,
    c.valid_window,
    c.recorded,
    c.quote,
    c.quote_line
from kzgov_internal.chamber_composition c
join kzgov_internal.organization b on b.id = c.organization_id
cross join lateral (
    values
        ('total_seats', c.total_seats),
        ('elected_seats', c.elected_seats),
        ('appointed_seats', c.appointed_seats),
        ('term_years', c.term_years)
) a (attribute, figure)
where a.figure is not null
union all
-- A party's seats in one chamber; an unstated chamber is compared with unstated chambers only.
select
    'party_seats',
    'party:' || ps.party_id || ':' || coalesce(ps.chamber_id::text, '-'),
    pa.name || ' / ' || coalesce(ch.name, '(chamber not stated)'),
    'seats',
    ps.seats::text,
    ps.seats::text,
    ps.id,
    ps.source_id,
    ps.source_version_id,
    ps.valid,
    ps.valid_from_precision,
    ps.valid_until_precision,
    ps.basis,
    ps.valid_window,
    ps.recorded,
    ps.quote,
    ps.quote_line
from kzgov_internal.party_seats ps
join kzgov_internal.organization pa on pa.id = ps.party_id
left join kzgov_internal.organization ch on ch.id = ps.chamber_id
union all
-- An indicator's value and rank, each compared on its own (1.0 and 1 are the same value).
select
    'indicator',
    'indicator:' || i.jurisdiction_code || ':' || i.subject || ':' || i.indicator,
    i.subject || ': ' || i.indicator,
    a.attribute,
    a.value_key,
    a.value,
    i.id,
    i.source_id,
    i.source_version_id,
    i.valid,
    i.valid_from_precision,
    i.valid_until_precision,
    i.basis,
    i.valid_window,
    i.recorded,
    i.quote,
    i.quote_line
from kzgov_internal.indicator i
cross join lateral (
    values
        ('value', trim_scale(i.value)::text, trim_scale(i.value)::text || coalesce(' ' || i.unit, '')),
        ('rank', i.rank::text, i.rank || coalesce(' of ' || i.out_of, ''))
) a (attribute, value_key, value)
where a.value_key is not null
union all
-- A contender's result in an election of one kind; the period compared is the election's.
select
    'election_result',
    'election:' || e.kind || ':' || coalesce('person:' || r.person_id, 'party:' || r.party_id),
    e.kind || ' election: ' || coalesce(p.name, pa.name),
    a.attribute,
    a.figure,
    a.figure,
    r.id,
    r.source_id,
    r.source_version_id,
    e.valid,
    e.valid_from_precision,
    e.valid_until_precision,
    r.basis,
    r.valid_window,
    r.recorded,
    r.quote,
    r.quote_line
from kzgov_internal.election_result r
join kzgov_internal.election e on e.id = r.election_id
left join kzgov_internal.person p on p.id = r.person_id
left join kzgov_internal.organization pa on pa.id = r.party_id
cross join lateral (
    values ('vote_share', trim_scale(r.vote_share)::text), ('seats', r.seats::text)
) a (attribute, figure)
where a.figure is not null;

comment on view kzgov_internal._claim_values is 'Internal, not granted to readers: every claim that can disagree with another as one comparable value per (topic, subject_key, attribute), over the whole recorded history. Used by kzgov.conflicts_on and the resolved_* views.';
comment on column kzgov_internal._claim_values.topic is 'The fact table the claim is in: office_tenure, chamber_composition, party_seats, indicator or election_result.';
comment on column kzgov_internal._claim_values.subject_key is 'What the claim is about, as ids: claims with equal topic, subject_key and attribute answer the same question.';
comment on column kzgov_internal._claim_values.subject is 'What the claim is about, in words (office, body, party / chamber, indicator, election kind and contender).';
comment on column kzgov_internal._claim_values.attribute is 'Which figure of the subject: holder, total_seats, elected_seats, appointed_seats, term_years, seats, value, rank or vote_share.';
comment on column kzgov_internal._claim_values.value_key is 'The value as compared: a person id for holders, the number in canonical form otherwise.';
comment on column kzgov_internal._claim_values.value is 'The value in words: the holder''s name, or the number (with its unit).';
comment on column kzgov_internal._claim_values.claim_id is 'Id of the claim''s row in its fact table (topic).';
comment on column kzgov_internal._claim_values.source_id is 'Id of the source making the claim.';
comment on column kzgov_internal._claim_values.source_version_id is 'Id of the source version whose load recorded the claim.';
comment on column kzgov_internal._claim_values.valid is 'Valid period as stored (an unbounded end is unknown); for election results, the period of the election.';
comment on column kzgov_internal._claim_values.valid_from_precision is 'Precision of the start of valid.';
comment on column kzgov_internal._claim_values.valid_until_precision is 'Precision of the end of valid.';
comment on column kzgov_internal._claim_values.basis is 'explicit, as_of_publication or inferred.';
comment on column kzgov_internal._claim_values.valid_window is 'True: held at one unknown moment inside valid.';
comment on column kzgov_internal._claim_values.recorded is 'Recorded period of the claim.';
comment on column kzgov_internal._claim_values.quote is 'The source''s words for the claim.';
comment on column kzgov_internal._claim_values.quote_line is 'Line the quote starts on.';
