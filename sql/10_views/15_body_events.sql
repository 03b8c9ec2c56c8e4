-- drop: drop view if exists kzgov.body_events
-- What happened to bodies (created, renamed, dissolved, resigned...): one row per currently recorded claim.
create view kzgov.body_events as
select
    t.id as claim_id,
    coalesce(bn.name, b.name) as body,
    b.kind as body_kind,
    t.event,
    t.detail,
    lower(t.valid) as valid_from,
    upper(t.valid) as valid_until,
    t.basis,
    t.valid_window,
    s.key as source_key,
    sv.version as source_version,
    t.quote,
    t.valid_from_precision,
    t.valid_until_precision,
    lower(t.recorded) as recorded_from,
    upper(t.recorded) as recorded_until,
    t.quote_line,
    t.quote_start,
    t.quote_end,
    t.claim_key,
    t.jurisdiction_code,
    t.organization_id as body_id
from kzgov_internal.body_event t
join kzgov_internal.source s on s.id = t.source_id
join kzgov_internal.source_version sv on sv.id = t.source_version_id
join kzgov_internal.organization b on b.id = t.organization_id
left join lateral (
    select n.name from kzgov_internal.organization_name n
    where n.organization_id = t.organization_id and not upper_inf(n.valid) and n.valid @> case when t.event = 'renamed' then lower(t.valid) - 1 else coalesce(lower(t.valid), upper(t.valid) - 1) end
    order by upper(n.valid) limit 1
) bn on true
where upper_inf(t.recorded);

comment on view kzgov.body_events is 'Something that happened to a body (a chamber, a government, a party, an office, the country itself): established, abolished, renamed, dissolved, resigned and the other kinds of event; one row per currently recorded claim of a source; the valid period is when it happened.';
comment on column kzgov.body_events.claim_id is 'The claim''s id (its row in kzgov_internal.body_event); the same for as long as the claim is recorded.';
comment on column kzgov.body_events.body is 'Name of the body the event happened to: the name it bore on the day the claim speaks of: a former name (from the alias list, e.g. Nur Otan before 1 March 2022) for a day before it changed, else the canonical spelling; one identity under all its names (for a renaming, the day before it).';
comment on column kzgov.body_events.body_kind is 'Kind of body: parliament, chamber, court, council, government, party, agency or other.';
comment on column kzgov.body_events.event is 'What happened: established, abolished, renamed, replaced, moved, dissolved, resigned, dismissed, first_sitting, election_called, results_established, approved, reappointed, reelected, independence, adopted, status_changed, congress, amended or inauguration.';
comment on column kzgov.body_events.detail is 'The new name, the body replaced, the new seat..., as the source gives it; NULL when it gives none.';
comment on column kzgov.body_events.valid_from is 'First day the claim says the fact held (valid time, inclusive). NULL: the start is unknown, never an invented date.';
comment on column kzgov.body_events.valid_until is 'First day the claim says the fact no longer held (valid time, exclusive: periods are half-open). NULL: the end is unknown, never an invented date.';
comment on column kzgov.body_events.basis is 'Where the valid period comes from: explicit (the text gives the dates), as_of_publication (the text describes its present: valid on the publication date, or inside a window when that date is unknown), inferred (derived from other claims).';
comment on column kzgov.body_events.valid_window is 'True: the fact held at one unknown moment inside [valid_from, valid_until), not necessarily throughout (a present-tense statement of a source whose publication date is unknown).';
comment on column kzgov.body_events.source_key is 'Key of the source making the claim: its file name without extension (kzgov.sources.key).';
comment on column kzgov.body_events.source_version is 'Version of the source whose load recorded the claim; later versions repeating the claim leave it as it is.';
comment on column kzgov.body_events.quote is 'The source''s own words for the claim, verbatim.';
comment on column kzgov.body_events.valid_from_precision is 'How precisely the source dates valid_from: day, month or year (NULL when valid_from is unknown).';
comment on column kzgov.body_events.valid_until_precision is 'How precisely the source dates valid_until: day, month or year (NULL when valid_until is unknown).';
comment on column kzgov.body_events.recorded_from is 'When this database started asserting the claim (recorded time: the load that added it).';
comment on column kzgov.body_events.recorded_until is 'When this database stopped asserting the claim (a later version of its source no longer made it); NULL while still recorded, so always NULL here: the view shows currently recorded claims.';
comment on column kzgov.body_events.quote_line is 'Line of the source text the quote starts on (1-based), where known.';
comment on column kzgov.body_events.quote_start is 'Character offset of the quote in the stored source text (0-based): the text from quote_start to quote_end is the quote.';
comment on column kzgov.body_events.quote_end is 'Character offset just past the quote in the stored source text.';
comment on column kzgov.body_events.claim_key is 'Identity of the claim across versions of its source (subject, value, period, basis): a re-load repeating the claim keeps its row.';
comment on column kzgov.body_events.jurisdiction_code is 'ISO 3166 code of the jurisdiction the claim is about (KZ).';
comment on column kzgov.body_events.body_id is 'Id of the body (kzgov_internal.organization).';
