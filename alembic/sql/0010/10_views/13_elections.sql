-- drop: drop view if exists kzgov.elections
-- Elections held or scheduled: one row per currently recorded claim; the valid period is the day
-- (or month, or year) the election was held on.
create view kzgov.elections as
select
    t.id as election_id,
    t.kind,
    t.status,
    t.early,
    lower(t.valid) as held_on,
    t.valid_from_precision as held_on_precision,
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
    t.turnout_pct
from kzgov_internal.election t
join kzgov_internal.source s on s.id = t.source_id
join kzgov_internal.source_version sv on sv.id = t.source_version_id
where upper_inf(t.recorded);

comment on view kzgov.elections is 'Elections and referendums, held or scheduled: one row per currently recorded claim of a source. The valid period is when the election was held: a day, or a whole month or year when the source is no more precise (held_on_precision).';
comment on column kzgov.elections.election_id is 'The election claim''s id (kzgov_internal.election); election_results.election_id refers to it.';
comment on column kzgov.elections.kind is 'presidential, parliamentary, mazhilis, senate, referendum or local.';
comment on column kzgov.elections.status is 'held or scheduled.';
comment on column kzgov.elections.early is 'True for an early (snap) election, false when the source says it was regular, NULL when it does not say.';
comment on column kzgov.elections.held_on is 'The day the election was held (the first day of the month or year when held_on_precision says so).';
comment on column kzgov.elections.held_on_precision is 'How precisely held_on is known: day, month or year.';
comment on column kzgov.elections.valid_from is 'Start of the period the election was held in (= held_on).';
comment on column kzgov.elections.valid_until is 'End of the period the election was held in (exclusive): the day after held_on for a dated election, the next month or year otherwise.';
comment on column kzgov.elections.basis is 'Where the valid period comes from: explicit (the text gives the dates), as_of_publication (the text describes its present: valid on the publication date, or inside a window when that date is unknown), inferred (derived from other claims).';
comment on column kzgov.elections.valid_window is 'True: the fact held at one unknown moment inside [valid_from, valid_until), not necessarily throughout (a present-tense statement of a source whose publication date is unknown).';
comment on column kzgov.elections.source_key is 'Key of the source making the claim: its file name without extension (kzgov.sources.key).';
comment on column kzgov.elections.source_version is 'Version of the source whose load recorded the claim; later versions repeating the claim leave it as it is.';
comment on column kzgov.elections.quote is 'The source''s own words for the claim, verbatim.';
comment on column kzgov.elections.valid_from_precision is 'How precisely the source dates valid_from: day, month or year (NULL when valid_from is unknown).';
comment on column kzgov.elections.valid_until_precision is 'How precisely the source dates valid_until: day, month or year (NULL when valid_until is unknown).';
comment on column kzgov.elections.recorded_from is 'When this database started asserting the claim (recorded time: the load that added it).';
comment on column kzgov.elections.recorded_until is 'When this database stopped asserting the claim (a later version of its source no longer made it); NULL while still recorded, so always NULL here: the view shows currently recorded claims.';
comment on column kzgov.elections.quote_line is 'Line of the source text the quote starts on (1-based), where known.';
comment on column kzgov.elections.quote_start is 'Character offset of the quote in the stored source text (0-based): the text from quote_start to quote_end is the quote.';
comment on column kzgov.elections.quote_end is 'Character offset just past the quote in the stored source text.';
comment on column kzgov.elections.claim_key is 'Identity of the claim across versions of its source (subject, value, period, basis): a re-load repeating the claim keeps its row.';
comment on column kzgov.elections.jurisdiction_code is 'ISO 3166 code of the jurisdiction the claim is about (KZ).';
comment on column kzgov.elections.turnout_pct is 'Turnout: the share of registered voters who voted, in percent (0-100); NULL when the source does not say.';
