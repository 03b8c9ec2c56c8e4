-- drop: drop view if exists kzgov.chamber_compositions
-- The size and make-up of chambers, courts and councils: one row per currently recorded claim.
create view kzgov.chamber_compositions as
select
    t.id as claim_id,
    b.name as chamber,
    b.kind as chamber_kind,
    t.total_seats,
    t.elected_seats,
    t.appointed_seats,
    t.term_years,
    t.election_method,
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
    t.organization_id as chamber_id,
    t.party_list_seats,
    t.single_member_seats
from kzgov_internal.chamber_composition t
join kzgov_internal.source s on s.id = t.source_id
join kzgov_internal.source_version sv on sv.id = t.source_version_id
join kzgov_internal.organization b on b.id = t.organization_id
where upper_inf(t.recorded);

comment on view kzgov.chamber_compositions is 'The size and make-up of a chamber, court, council or office-like body (seats, how they are filled, term length): one row per currently recorded claim of a source. Any of the figures may be NULL when the claim does not state it.';
comment on column kzgov.chamber_compositions.claim_id is 'The claim''s id (its row in kzgov_internal.chamber_composition); the same for as long as the claim is recorded.';
comment on column kzgov.chamber_compositions.chamber is 'Name of the body (Mazhilis, Senate, Supreme Court...), canonical spelling.';
comment on column kzgov.chamber_compositions.chamber_kind is 'Kind of body: parliament, chamber, court, council, government, party, agency or other.';
comment on column kzgov.chamber_compositions.total_seats is 'Seats (or members, judges) in all, as the claim states; NULL when it does not say.';
comment on column kzgov.chamber_compositions.elected_seats is 'Seats filled by election; NULL when the claim does not say.';
comment on column kzgov.chamber_compositions.appointed_seats is 'Seats filled by appointment; NULL when the claim does not say.';
comment on column kzgov.chamber_compositions.term_years is 'Length of a term in years; NULL when the claim does not say.';
comment on column kzgov.chamber_compositions.election_method is 'How members are chosen, in the source''s terms; NULL when the claim does not say.';
comment on column kzgov.chamber_compositions.valid_from is 'First day the claim says the fact held (valid time, inclusive). NULL: the start is unknown, never an invented date.';
comment on column kzgov.chamber_compositions.valid_until is 'First day the claim says the fact no longer held (valid time, exclusive: periods are half-open). NULL: the end is unknown, never an invented date.';
comment on column kzgov.chamber_compositions.basis is 'Where the valid period comes from: explicit (the text gives the dates), as_of_publication (the text describes its present: valid on the publication date, or inside a window when that date is unknown), inferred (derived from other claims).';
comment on column kzgov.chamber_compositions.valid_window is 'True: the fact held at one unknown moment inside [valid_from, valid_until), not necessarily throughout (a present-tense statement of a source whose publication date is unknown).';
comment on column kzgov.chamber_compositions.source_key is 'Key of the source making the claim: its file name without extension (kzgov.sources.key).';
comment on column kzgov.chamber_compositions.source_version is 'Version of the source whose load recorded the claim; later versions repeating the claim leave it as it is.';
comment on column kzgov.chamber_compositions.quote is 'The source''s own words for the claim, verbatim.';
comment on column kzgov.chamber_compositions.valid_from_precision is 'How precisely the source dates valid_from: day, month or year (NULL when valid_from is unknown).';
comment on column kzgov.chamber_compositions.valid_until_precision is 'How precisely the source dates valid_until: day, month or year (NULL when valid_until is unknown).';
comment on column kzgov.chamber_compositions.recorded_from is 'When this database started asserting the claim (recorded time: the load that added it).';
comment on column kzgov.chamber_compositions.recorded_until is 'When this database stopped asserting the claim (a later version of its source no longer made it); NULL while still recorded, so always NULL here: the view shows currently recorded claims.';
comment on column kzgov.chamber_compositions.quote_line is 'Line of the source text the quote starts on (1-based), where known.';
comment on column kzgov.chamber_compositions.quote_start is 'Character offset of the quote in the stored source text (0-based): the text from quote_start to quote_end is the quote.';
comment on column kzgov.chamber_compositions.quote_end is 'Character offset just past the quote in the stored source text.';
comment on column kzgov.chamber_compositions.claim_key is 'Identity of the claim across versions of its source (subject, value, period, basis): a re-load repeating the claim keeps its row.';
comment on column kzgov.chamber_compositions.jurisdiction_code is 'ISO 3166 code of the jurisdiction the claim is about (KZ).';
comment on column kzgov.chamber_compositions.chamber_id is 'Id of the body (kzgov_internal.organization).';
comment on column kzgov.chamber_compositions.party_list_seats is 'Seats filled from party lists (proportional representation); NULL when the claim does not say.';
comment on column kzgov.chamber_compositions.single_member_seats is 'Seats filled in single-member districts; NULL when the claim does not say.';
