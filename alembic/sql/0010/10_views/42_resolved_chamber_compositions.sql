-- drop: drop view if exists kzgov.resolved_chamber_compositions
-- One answer per body and figure (total, elected, appointed seats, term length), by the rule of
-- kzgov_internal._resolution; each figure is resolved on its own.
create view kzgov.resolved_chamber_compositions as
select
    c.chamber,
    c.chamber_kind,
    c.chamber_id,
    r.attribute,
    r.value_key::integer as value,
    c.source_key,
    r.rule,
    r.tie,
    r.dissenting_sources,
    r.dissenting_values,
    c.valid_from,
    r.valid_until,
    r.valid_until_basis,
    c.basis,
    c.valid_window,
    c.quote,
    r.publication_date,
    c.source_version,
    c.valid_from_precision,
    r.valid_until_precision,
    r.inferred_from_claim,
    c.quote_line,
    c.claim_id,
    r.dissenting_claims
from kzgov_internal._resolution r
join kzgov.chamber_compositions c on c.claim_id = r.claim_id
where r.topic = 'chamber_composition';

comment on view kzgov.resolved_chamber_compositions is 'One row per body and figure (total_seats, elected_seats, appointed_seats, term_years), each resolved on its own from the claims that state it: the current figure according to the sources, the claim that says so, the rule that chose it and the sources that say otherwise. The answer is for the current state of the world (the sources'' latest word), picked among currently recorded claims: (1) a claim still in force, with an explicitly dated start and no known end (nor one inferred from the next explicitly dated claim with another value, as kzgov_internal.tenure_inference does for tenures), beats statements as of publication, and among such the latest start wins; (2) otherwise the statement as of publication made latest wins, a dated statement before an undated window (unknown publication date) that may be as late; (3) only when every claim has ended does the one ending latest win. Remaining ties go to explicit dates, then the newest publication (or retrieval) date of the source; a claim still equal that says otherwise sets tie. Dissenters are the claims with another value whose period does not end on or before the answer''s start.';
comment on column kzgov.resolved_chamber_compositions.chamber is 'Name of the body.';
comment on column kzgov.resolved_chamber_compositions.chamber_kind is 'Kind of body: parliament, chamber, court, council, government, party, agency or other.';
comment on column kzgov.resolved_chamber_compositions.chamber_id is 'Id of the body (kzgov_internal.organization).';
comment on column kzgov.resolved_chamber_compositions.attribute is 'Which figure: total_seats, elected_seats, appointed_seats or term_years.';
comment on column kzgov.resolved_chamber_compositions.value is 'The figure the rule picks (seats, or years for term_years).';
comment on column kzgov.resolved_chamber_compositions.source_key is 'Source of the answering claim.';
comment on column kzgov.resolved_chamber_compositions.rule is 'The rule that picked this answer, in words (which standing won: in force, latest statement as of publication, or all ended).';
comment on column kzgov.resolved_chamber_compositions.tie is 'True when a claim ranked equal by the rule says otherwise: the answer shown (lowest claim id) is then arbitrary.';
comment on column kzgov.resolved_chamber_compositions.dissenting_sources is 'Source keys of the claims that say otherwise about the answer''s time or later (one entry per claim, sorted); empty when none.';
comment on column kzgov.resolved_chamber_compositions.dissenting_values is 'What each dissenting claim says, aligned with dissenting_sources.';
comment on column kzgov.resolved_chamber_compositions.valid_from is 'Start of the answering claim''s period (inclusive); NULL when unknown.';
comment on column kzgov.resolved_chamber_compositions.valid_until is 'End of the answering claim''s period (exclusive): its own, or inferred from the next explicitly dated claim with another value; NULL when unknown (the answer still holds as far as the sources say).';
comment on column kzgov.resolved_chamber_compositions.valid_until_basis is 'Where valid_until comes from: the claim''s own basis when it states an end, inferred when taken from the next claim (inferred_from_claim), unknown when NULL.';
comment on column kzgov.resolved_chamber_compositions.basis is 'Basis of the answering claim''s period: explicit, as_of_publication or inferred.';
comment on column kzgov.resolved_chamber_compositions.valid_window is 'True when the answering claim held at one unknown moment inside its period (publication date unknown).';
comment on column kzgov.resolved_chamber_compositions.quote is 'The answering claim''s words, verbatim.';
comment on column kzgov.resolved_chamber_compositions.publication_date is 'Publication date (else retrieval date) of the latest version of that source, as the rule compares it.';
comment on column kzgov.resolved_chamber_compositions.source_version is 'Version of that source whose load recorded the claim.';
comment on column kzgov.resolved_chamber_compositions.valid_from_precision is 'How precisely valid_from is dated: day, month or year; NULL when unknown.';
comment on column kzgov.resolved_chamber_compositions.valid_until_precision is 'How precisely valid_until is dated; NULL when unknown.';
comment on column kzgov.resolved_chamber_compositions.inferred_from_claim is 'For an inferred end: the claim whose start ends the answering claim; else NULL.';
comment on column kzgov.resolved_chamber_compositions.quote_line is 'Line of the source text the quote starts on, where known.';
comment on column kzgov.resolved_chamber_compositions.claim_id is 'Id of the answering claim.';
comment on column kzgov.resolved_chamber_compositions.dissenting_claims is 'Ids of the dissenting claims, aligned with dissenting_sources.';
