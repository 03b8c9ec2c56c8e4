-- drop: drop view if exists kzgov.admin_divisions
-- First-level administrative divisions: one row per currently recorded claim.
create view kzgov.admin_divisions as
select
    t.id as claim_id,
    t.name,
    t.kind,
    t.center,
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
    t.jurisdiction_code
from kzgov_internal.admin_division t
join kzgov_internal.source s on s.id = t.source_id
join kzgov_internal.source_version sv on sv.id = t.source_version_id
where upper_inf(t.recorded);

comment on view kzgov.admin_divisions is 'A first-level administrative division (region or city of republican significance) and its administrative centre: one row per currently recorded claim of a source.';
comment on column kzgov.admin_divisions.claim_id is 'The claim''s id (its row in kzgov_internal.admin_division); the same for as long as the claim is recorded.';
comment on column kzgov.admin_divisions.name is 'Name of the division, as the source spells it.';
comment on column kzgov.admin_divisions.kind is 'region or city.';
comment on column kzgov.admin_divisions.center is 'Its administrative centre; NULL when the source does not say.';
comment on column kzgov.admin_divisions.valid_from is 'First day the claim says the fact held (valid time, inclusive). NULL: the start is unknown, never an invented date.';
comment on column kzgov.admin_divisions.valid_until is 'First day the claim says the fact no longer held (valid time, exclusive: periods are half-open). NULL: the end is unknown, never an invented date.';
comment on column kzgov.admin_divisions.basis is 'Where the valid period comes from: explicit (the text gives the dates), as_of_publication (the text describes its present: valid on the publication date, or inside a window when that date is unknown), inferred (derived from other claims).';
comment on column kzgov.admin_divisions.valid_window is 'True: the fact held at one unknown moment inside [valid_from, valid_until), not necessarily throughout (a present-tense statement of a source whose publication date is unknown).';
comment on column kzgov.admin_divisions.source_key is 'Key of the source making the claim: its file name without extension (kzgov.sources.key).';
comment on column kzgov.admin_divisions.source_version is 'Version of the source whose load recorded the claim; later versions repeating the claim leave it as it is.';
comment on column kzgov.admin_divisions.quote is 'The source''s own words for the claim, verbatim.';
comment on column kzgov.admin_divisions.valid_from_precision is 'How precisely the source dates valid_from: day, month or year (NULL when valid_from is unknown).';
comment on column kzgov.admin_divisions.valid_until_precision is 'How precisely the source dates valid_until: day, month or year (NULL when valid_until is unknown).';
comment on column kzgov.admin_divisions.recorded_from is 'When this database started asserting the claim (recorded time: the load that added it).';
comment on column kzgov.admin_divisions.recorded_until is 'When this database stopped asserting the claim (a later version of its source no longer made it); NULL while still recorded, so always NULL here: the view shows currently recorded claims.';
comment on column kzgov.admin_divisions.quote_line is 'Line of the source text the quote starts on (1-based), where known.';
comment on column kzgov.admin_divisions.quote_start is 'Character offset of the quote in the stored source text (0-based): the text from quote_start to quote_end is the quote.';
comment on column kzgov.admin_divisions.quote_end is 'Character offset just past the quote in the stored source text.';
comment on column kzgov.admin_divisions.claim_key is 'Identity of the claim across versions of its source (subject, value, period, basis): a re-load repeating the claim keeps its row.';
comment on column kzgov.admin_divisions.jurisdiction_code is 'ISO 3166 code of the jurisdiction the claim is about (KZ).';
