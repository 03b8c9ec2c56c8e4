-- drop: drop view if exists kzgov.office_tenures
-- Who held which office: one row per currently recorded tenure claim. An end inferred from the
-- successor's start (kzgov_internal.tenure_inference) stands in for an end the claim leaves unknown.
create view kzgov.office_tenures as
select
    t.id as claim_id,
    o.name as office,
    org.name as organization,
    p.name as person,
    coalesce(pan.name, pa.name) as party,
    lower(t.valid) as valid_from,
    coalesce(upper(t.valid), i.inferred_until) as valid_until,
    case
        when not upper_inf(t.valid) then t.basis
        when i.id is not null then 'inferred'
        else 'unknown'
    end as valid_until_basis,
    i.successor_id as inferred_from_claim,
    t.basis,
    t.valid_window,
    s.key as source_key,
    sv.version as source_version,
    t.quote,
    t.valid_from_precision,
    coalesce(t.valid_until_precision, successor.valid_from_precision) as valid_until_precision,
    lower(t.recorded) as recorded_from,
    upper(t.recorded) as recorded_until,
    t.quote_line,
    t.quote_start,
    t.quote_end,
    t.claim_key,
    t.jurisdiction_code,
    t.office_id,
    t.person_id,
    t.party_id,
    -- As changed since the office was created (kzgov_internal.office_holding), else as created.
    coalesce((select h.single_holder from kzgov_internal.office_holding h where h.office_id = o.id and upper_inf(h.recorded)), o.single_holder) as single_holder,
    t.acting
from kzgov_internal.office_tenure t
join kzgov_internal.source s on s.id = t.source_id
join kzgov_internal.source_version sv on sv.id = t.source_version_id
join kzgov_internal.office o on o.id = t.office_id
left join kzgov_internal.organization org on org.id = o.organization_id
join kzgov_internal.person p on p.id = t.person_id
left join kzgov_internal.organization pa on pa.id = t.party_id
left join lateral (
    select n.name from kzgov_internal.organization_name n
    where n.organization_id = t.party_id and not upper_inf(n.valid) and n.valid @> coalesce(lower(t.valid), upper(t.valid) - 1)
    order by upper(n.valid) limit 1
) pan on true
left join kzgov_internal.tenure_inference i on i.tenure_id = t.id and upper_inf(i.recorded) and upper_inf(t.valid)
left join kzgov_internal.office_tenure successor on successor.id = i.successor_id
where upper_inf(t.recorded);

comment on view kzgov.office_tenures is 'Who held which office: one row per currently recorded claim of a source. When a claim leaves the end of a tenure unknown and a later holder of the same single-holder office is explicitly dated, valid_until is that successor''s start (valid_until_basis = inferred, inferred_from_claim names the successor''s claim); otherwise an unknown end stays NULL.';
comment on column kzgov.office_tenures.claim_id is 'The claim''s id (its row in kzgov_internal.office_tenure); the same for as long as the claim is recorded.';
comment on column kzgov.office_tenures.office is 'Name of the office (President, Prime Minister, Chair of the Senate...).';
comment on column kzgov.office_tenures.organization is 'The body the office belongs to (e.g. the party whose Leader it is); NULL for offices of the state.';
comment on column kzgov.office_tenures.person is 'The holder, under one canonical spelling of the name.';
comment on column kzgov.office_tenures.party is 'The holder''s party, where the source gives it: the name it bore on the day the claim speaks of: a former name (from the alias list, e.g. Nur Otan before 1 March 2022) for a day before it changed, else the canonical spelling; one identity under all its names.';
comment on column kzgov.office_tenures.valid_from is 'First day the claim says the fact held (valid time, inclusive). NULL: the start is unknown, never an invented date.';
comment on column kzgov.office_tenures.valid_until is 'First day the holder no longer held the office (exclusive). When the claim leaves it unknown: the start of the next explicitly dated holder of this single-holder office (valid_until_basis = inferred), else NULL (unknown, never invented).';
comment on column kzgov.office_tenures.valid_until_basis is 'Where valid_until comes from: the claim''s own basis when it states an end (explicit, as_of_publication or inferred); inferred when it is the successor''s start (see inferred_from_claim); unknown when valid_until is NULL.';
comment on column kzgov.office_tenures.inferred_from_claim is 'For an inferred end: claim_id of the successor''s tenure claim whose start ends this one (kzgov_internal.tenure_inference); else NULL.';
comment on column kzgov.office_tenures.basis is 'Where the valid period comes from: explicit (the text gives the dates), as_of_publication (the text describes its present: valid on the publication date, or inside a window when that date is unknown), inferred (derived from other claims).';
comment on column kzgov.office_tenures.valid_window is 'True: the fact held at one unknown moment inside [valid_from, valid_until), not necessarily throughout (a present-tense statement of a source whose publication date is unknown).';
comment on column kzgov.office_tenures.source_key is 'Key of the source making the claim: its file name without extension (kzgov.sources.key).';
comment on column kzgov.office_tenures.source_version is 'Version of the source whose load recorded the claim; later versions repeating the claim leave it as it is.';
comment on column kzgov.office_tenures.quote is 'The source''s own words for the claim, verbatim.';
comment on column kzgov.office_tenures.valid_from_precision is 'How precisely the source dates valid_from: day, month or year (NULL when valid_from is unknown).';
comment on column kzgov.office_tenures.valid_until_precision is 'How precisely valid_until is dated: day, month or year (for an inferred end, the precision of the successor''s start); NULL when unknown.';
comment on column kzgov.office_tenures.recorded_from is 'When this database started asserting the claim (recorded time: the load that added it).';
comment on column kzgov.office_tenures.recorded_until is 'When this database stopped asserting the claim (a later version of its source no longer made it); NULL while still recorded, so always NULL here: the view shows currently recorded claims.';
comment on column kzgov.office_tenures.quote_line is 'Line of the source text the quote starts on (1-based), where known.';
comment on column kzgov.office_tenures.quote_start is 'Character offset of the quote in the stored source text (0-based): the text from quote_start to quote_end is the quote.';
comment on column kzgov.office_tenures.quote_end is 'Character offset just past the quote in the stored source text.';
comment on column kzgov.office_tenures.claim_key is 'Identity of the claim across versions of its source (subject, value, period, basis): a re-load repeating the claim keeps its row.';
comment on column kzgov.office_tenures.jurisdiction_code is 'ISO 3166 code of the jurisdiction the claim is about (KZ).';
comment on column kzgov.office_tenures.office_id is 'Id of the office (kzgov_internal.office).';
comment on column kzgov.office_tenures.person_id is 'Id of the person (kzgov_internal.person): one id under every spelling of the name.';
comment on column kzgov.office_tenures.party_id is 'Id of the holder''s party (kzgov_internal.organization), where the source gives it.';
comment on column kzgov.office_tenures.single_holder is 'True when the office has one holder at a time (a president); false for offices held by several at once (deputy prime ministers). Which offices have several holders is data: the vocabulary''s holders rows, which a user''s KZGOV_HOME/vocabulary.csv extends; a change is recorded and re-derives the inferred ends of tenure.';
comment on column kzgov.office_tenures.acting is 'True when the source says the office was held in an acting (caretaker, interim) capacity; false when it says nothing of the kind. An acting and a full tenure of one person are separate claims.';
