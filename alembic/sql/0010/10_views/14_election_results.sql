-- drop: drop view if exists kzgov.election_results
-- Results of elections: one row per currently recorded claim, with the election it belongs to.
create view kzgov.election_results as
select
    t.id as claim_id,
    t.election_id,
    e.kind,
    lower(e.valid) as held_on,
    e.valid_from_precision as held_on_precision,
    coalesce(p.name, pan.name, pa.name) as candidate_or_party,
    p.name as candidate,
    coalesce(pan.name, pa.name) as party,
    t.vote_share,
    t.seats,
    t.outcome,
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
    t.person_id,
    t.party_id,
    t.votes,
    t.list_seats,
    t.district_seats
from kzgov_internal.election_result t
join kzgov_internal.source s on s.id = t.source_id
join kzgov_internal.source_version sv on sv.id = t.source_version_id
join kzgov_internal.election e on e.id = t.election_id
left join kzgov_internal.person p on p.id = t.person_id
left join kzgov_internal.organization pa on pa.id = t.party_id
left join lateral (
    select n.name from kzgov_internal.organization_name n
    where n.organization_id = t.party_id and not upper_inf(n.valid) and n.valid @> coalesce(lower(t.valid), upper(t.valid) - 1)
    order by upper(n.valid) limit 1
) pan on true
where upper_inf(t.recorded);

comment on view kzgov.election_results is 'A candidate''s or party''s result in an election: one row per currently recorded claim of a source, with the kind and date of the election it belongs to.';
comment on column kzgov.election_results.claim_id is 'The claim''s id (its row in kzgov_internal.election_result); the same for as long as the claim is recorded.';
comment on column kzgov.election_results.election_id is 'The election the result belongs to (elections.election_id).';
comment on column kzgov.election_results.kind is 'Kind of the election: presidential, parliamentary, mazhilis, senate, referendum or local.';
comment on column kzgov.election_results.held_on is 'The day the election was held (the first day of the month or year when held_on_precision says so).';
comment on column kzgov.election_results.held_on_precision is 'How precisely held_on is known: day, month or year.';
comment on column kzgov.election_results.candidate_or_party is 'Who the result is for: the candidate, else the party.';
comment on column kzgov.election_results.candidate is 'The candidate, for a result of a person; NULL for a party list.';
comment on column kzgov.election_results.party is 'The party (of the candidate, or the party list); NULL when the source names none. Its name is the name it bore on the day the claim speaks of: a former name (from the alias list, e.g. Nur Otan before 1 March 2022) for a day before it changed, else the canonical spelling; one identity under all its names.';
comment on column kzgov.election_results.vote_share is 'Share of the vote in percent (0-100); NULL when the source does not say.';
comment on column kzgov.election_results.seats is 'Seats won; NULL when the source does not say.';
comment on column kzgov.election_results.outcome is 'won, lost or majority; NULL when the source does not say.';
comment on column kzgov.election_results.valid_from is 'First day the claim says the fact held (valid time, inclusive). NULL: the start is unknown, never an invented date.';
comment on column kzgov.election_results.valid_until is 'First day the claim says the fact no longer held (valid time, exclusive: periods are half-open). NULL: the end is unknown, never an invented date.';
comment on column kzgov.election_results.basis is 'Where the valid period comes from: explicit (the text gives the dates), as_of_publication (the text describes its present: valid on the publication date, or inside a window when that date is unknown), inferred (derived from other claims).';
comment on column kzgov.election_results.valid_window is 'True: the fact held at one unknown moment inside [valid_from, valid_until), not necessarily throughout (a present-tense statement of a source whose publication date is unknown).';
comment on column kzgov.election_results.source_key is 'Key of the source making the claim: its file name without extension (kzgov.sources.key).';
comment on column kzgov.election_results.source_version is 'Version of the source whose load recorded the claim; later versions repeating the claim leave it as it is.';
comment on column kzgov.election_results.quote is 'The source''s own words for the claim, verbatim.';
comment on column kzgov.election_results.valid_from_precision is 'How precisely the source dates valid_from: day, month or year (NULL when valid_from is unknown).';
comment on column kzgov.election_results.valid_until_precision is 'How precisely the source dates valid_until: day, month or year (NULL when valid_until is unknown).';
comment on column kzgov.election_results.recorded_from is 'When this database started asserting the claim (recorded time: the load that added it).';
comment on column kzgov.election_results.recorded_until is 'When this database stopped asserting the claim (a later version of its source no longer made it); NULL while still recorded, so always NULL here: the view shows currently recorded claims.';
comment on column kzgov.election_results.quote_line is 'Line of the source text the quote starts on (1-based), where known.';
comment on column kzgov.election_results.quote_start is 'Character offset of the quote in the stored source text (0-based): the text from quote_start to quote_end is the quote.';
comment on column kzgov.election_results.quote_end is 'Character offset just past the quote in the stored source text.';
comment on column kzgov.election_results.claim_key is 'Identity of the claim across versions of its source (subject, value, period, basis): a re-load repeating the claim keeps its row.';
comment on column kzgov.election_results.jurisdiction_code is 'ISO 3166 code of the jurisdiction the claim is about (KZ).';
comment on column kzgov.election_results.person_id is 'Id of the candidate (kzgov_internal.person); NULL for a party list.';
comment on column kzgov.election_results.party_id is 'Id of the party (kzgov_internal.organization); NULL when the source names none.';
comment on column kzgov.election_results.votes is 'Votes cast for the candidate or party; NULL when the source does not say.';
comment on column kzgov.election_results.list_seats is 'Of the seats won, those won on the party list; NULL when the source does not say.';
comment on column kzgov.election_results.district_seats is 'Of the seats won, those won in single-member districts; NULL when the source does not say.';
