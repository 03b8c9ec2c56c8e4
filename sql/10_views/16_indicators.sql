-- drop: drop view if exists kzgov.indicators
-- Quantities: index ranks, counts, shares; one row per currently recorded claim.
create view kzgov.indicators as
select
    t.id as claim_id,
    t.subject,
    t.indicator,
    t.value,
    t.unit,
    t.rank,
    t.out_of,
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
from kzgov_internal.indicator t
join kzgov_internal.source s on s.id = t.source_id
join kzgov_internal.source_version sv on sv.id = t.source_version_id
where upper_inf(t.recorded);

comment on view kzgov.indicators is 'A quantity the sources state: an index rank, a count of ministers or regions, a share. One row per currently recorded claim of a source.';
comment on column kzgov.indicators.claim_id is 'The claim''s id (its row in kzgov_internal.indicator); the same for as long as the claim is recorded.';
comment on column kzgov.indicators.subject is 'What the quantity is about (a country, the government, a body).';
comment on column kzgov.indicators.indicator is 'What is measured, in the source''s terms.';
comment on column kzgov.indicators.value is 'The value; NULL when the claim gives only a rank.';
comment on column kzgov.indicators.unit is 'Unit of value, where the source gives one.';
comment on column kzgov.indicators.rank is 'Rank in a list or index; NULL when the claim gives only a value.';
comment on column kzgov.indicators.out_of is 'Number of entries ranked; NULL when the source does not say.';
comment on column kzgov.indicators.valid_from is 'First day the claim says the fact held (valid time, inclusive). NULL: the start is unknown, never an invented date.';
comment on column kzgov.indicators.valid_until is 'First day the claim says the fact no longer held (valid time, exclusive: periods are half-open). NULL: the end is unknown, never an invented date.';
comment on column kzgov.indicators.basis is 'Where the valid period comes from: explicit (the text gives the dates), as_of_publication (the text describes its present: valid on the publication date, or inside a window when that date is unknown), inferred (derived from other claims).';
comment on column kzgov.indicators.valid_window is 'True: the fact held at one unknown moment inside [valid_from, valid_until), not necessarily throughout (a present-tense statement of a source whose publication date is unknown).';
comment on column kzgov.indicators.source_key is 'Key of the source making the claim: its file name without extension (kzgov.sources.key).';
comment on column kzgov.indicators.source_version is 'Version of the source whose load recorded the claim; later versions repeating the claim leave it as it is.';
comment on column kzgov.indicators.quote is 'The source''s own words for the claim, verbatim.';
comment on column kzgov.indicators.valid_from_precision is 'How precisely the source dates valid_from: day, month or year (NULL when valid_from is unknown).';
comment on column kzgov.indicators.valid_until_precision is 'How precisely the source dates valid_until: day, month or year (NULL when valid_until is unknown).';
comment on column kzgov.indicators.recorded_from is 'When this database started asserting the claim (recorded time: the load that added it).';
comment on column kzgov.indicators.recorded_until is 'When this database stopped asserting the claim (a later version of its source no longer made it); NULL while still recorded, so always NULL here: the view shows currently recorded claims.';
comment on column kzgov.indicators.quote_line is 'Line of the source text the quote starts on (1-based), where known.';
comment on column kzgov.indicators.quote_start is 'Character offset of the quote in the stored source text (0-based): the text from quote_start to quote_end is the quote.';
comment on column kzgov.indicators.quote_end is 'Character offset just past the quote in the stored source text.';
comment on column kzgov.indicators.claim_key is 'Identity of the claim across versions of its source (subject, value, period, basis): a re-load repeating the claim keeps its row.';
comment on column kzgov.indicators.jurisdiction_code is 'ISO 3166 code of the jurisdiction the claim is about (KZ).';
