-- drop: drop view if exists kzgov.uncovered_sentences
-- The coverage list: sentences of each source's latest version that mention a date or a number but
-- yielded no claim.
create view kzgov.uncovered_sentences as
select
    s.key as source_key,
    v.version as source_version,
    u.quote,
    u.quote_line,
    u.quote_start,
    u.quote_end,
    u.reason
from kzgov_internal.uncovered_sentence u
join kzgov_internal.source_version v on v.id = u.source_version_id
join kzgov_internal.source s on s.id = v.source_id
where v.version = (select max(x.version) from kzgov_internal.source_version x where x.source_id = v.source_id);

comment on view kzgov.uncovered_sentences is 'The coverage list: sentences of the latest version of each source that mention a date or a number but yielded no claim, so a reader can see what the parsers left out.';
comment on column kzgov.uncovered_sentences.source_key is 'Key of the source (kzgov.sources.source_key).';
comment on column kzgov.uncovered_sentences.source_version is 'The version the sentence is in (always the source''s latest).';
comment on column kzgov.uncovered_sentences.quote is 'The sentence, verbatim.';
comment on column kzgov.uncovered_sentences.quote_line is 'Line of the source text the sentence starts on (1-based), where known.';
comment on column kzgov.uncovered_sentences.quote_start is 'Character offset of the sentence in the stored source text (0-based).';
comment on column kzgov.uncovered_sentences.quote_end is 'Character offset just past the sentence.';
comment on column kzgov.uncovered_sentences.reason is 'Why no claim was made from it, where the parser says; empty otherwise.';
