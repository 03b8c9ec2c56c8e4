-- drop: drop view if exists kzgov.party_seat_counts
-- Seats a party holds: one row per currently recorded claim.
create view kzgov.party_seat_counts as
select
    t.id as claim_id,
    coalesce(pan.name, pa.name) as party,
    ch.name as chamber,
    t.seats,
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
    t.party_id,
    t.chamber_id
from kzgov_internal.party_seats t
join kzgov_internal.source s on s.id = t.source_id
join kzgov_internal.source_version sv on sv.id = t.source_version_id
join kzgov_internal.organization pa on pa.id = t.party_id
left join lateral (
    select n.name from kzgov_internal.organization_name n
    where n.organization_id = t.party_id and not upper_inf(n.valid) and n.valid @> coalesce(lower(t.valid), upper(t.valid) - 1)
    order by upper(n.valid) limit 1
) pan on true
left join kzgov_internal.organization ch on ch.id = t.chamber_id
where upper_inf(t.recorded);

comment on view kzgov.party_seat_counts is 'Seats a party holds: one row per currently recorded claim of a source. chamber is NULL when the source does not say which chamber.';
comment on column kzgov.party_seat_counts.claim_id is 'The claim''s id (its row in kzgov_internal.party_seats); the same for as long as the claim is recorded.';
comment on column kzgov.party_seat_counts.party is 'Name of the party: the name it bore on the day the claim speaks of: a former name (from the alias list, e.g. Nur Otan before 1 March 2022) for a day before it changed, else the canonical spelling; one identity under all its names.';
comment on column kzgov.party_seat_counts.chamber is 'The chamber the seats are in; NULL when the source does not say.';
comment on column kzgov.party_seat_counts.seats is 'Number of seats the claim gives the party.';
comment on column kzgov.party_seat_counts.valid_from is 'First day the claim says the fact held (valid time, inclusive). NULL: the start is unknown, never an invented date.';
comment on column kzgov.party_seat_counts.valid_until is 'First day the claim says the fact no longer held (valid time, exclusive: periods are half-open). NULL: the end is unknown, never an invented date.';
comment on column kzgov.party_seat_counts.basis is 'Where the valid period comes from: explicit (the text gives the dates), as_of_publication (the text describes its present: valid on the publication date, or inside a window when that date is unknown), inferred (derived from other claims).';
comment on column kzgov.party_seat_counts.valid_window is 'True: the fact held at one unknown moment inside [valid_from, valid_until), not necessarily throughout (a present-tense statement of a source whose publication date is unknown).';
comment on column kzgov.party_seat_counts.source_key is 'Key of the source making the claim: its file name without extension (kzgov.sources.key).';
comment on column kzgov.party_seat_counts.source_version is 'Version of the source whose load recorded the claim; later versions repeating the claim leave it as it is.';
comment on column kzgov.party_seat_counts.quote is 'The source''s own words for the claim, verbatim.';
comment on column kzgov.party_seat_counts.valid_from_precision is 'How precisely the source dates valid_from: day, month or year (NULL when valid_from is unknown).';
comment on column kzgov.party_seat_counts.valid_until_precision is 'How precisely the source dates valid_until: day, month or year (NULL when valid_until is unknown).';
comment on column kzgov.party_seat_counts.recorded_from is 'When this database started asserting the claim (recorded time: the load that added it).';
comment on column kzgov.party_seat_counts.recorded_until is 'When this database stopped asserting the claim (a later version of its source no longer made it); NULL while still recorded, so always NULL here: the view shows currently recorded claims.';
comment on column kzgov.party_seat_counts.quote_line is 'Line of the source text the quote starts on (1-based), where known.';
comment on column kzgov.party_seat_counts.quote_start is 'Character offset of the quote in the stored source text (0-based): the text from quote_start to quote_end is the quote.';
comment on column kzgov.party_seat_counts.quote_end is 'Character offset just past the quote in the stored source text.';
comment on column kzgov.party_seat_counts.claim_key is 'Identity of the claim across versions of its source (subject, value, period, basis): a re-load repeating the claim keeps its row.';
comment on column kzgov.party_seat_counts.jurisdiction_code is 'ISO 3166 code of the jurisdiction the claim is about (KZ).';
comment on column kzgov.party_seat_counts.party_id is 'Id of the party (kzgov_internal.organization).';
comment on column kzgov.party_seat_counts.chamber_id is 'Id of the chamber (kzgov_internal.organization); NULL when the source does not say.';
