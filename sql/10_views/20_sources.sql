-- drop: drop view if exists kzgov.sources
-- The sources, each with what its latest version says about itself and how many claims it makes now.
create view kzgov.sources as
with claims as (
    select source_id, count(*) as n from kzgov_internal.office_tenure where upper_inf(recorded) group by source_id
    union all
    select source_id, count(*) from kzgov_internal.chamber_composition where upper_inf(recorded) group by source_id
    union all
    select source_id, count(*) from kzgov_internal.party_seats where upper_inf(recorded) group by source_id
    union all
    select source_id, count(*) from kzgov_internal.election where upper_inf(recorded) group by source_id
    union all
    select source_id, count(*) from kzgov_internal.election_result where upper_inf(recorded) group by source_id
    union all
    select source_id, count(*) from kzgov_internal.body_event where upper_inf(recorded) group by source_id
    union all
    select source_id, count(*) from kzgov_internal.indicator where upper_inf(recorded) group by source_id
    union all
    select source_id, count(*) from kzgov_internal.admin_division where upper_inf(recorded) group by source_id
)
select
    s.key,
    v.version,
    (select count(*) from kzgov_internal.source_version x where x.source_id = s.id) as versions,
    v.title,
    v.kind,
    v.publisher,
    v.url,
    v.published_on,
    v.retrieved_on,
    coalesce(v.published_on, v.retrieved_on) as publication_date,
    v.latest_date_mentioned,
    v.loaded_at,
    s.created_at as first_loaded_at,
    v.sha256,
    v.format,
    v.file_name,
    coalesce((select sum(c.n) from claims c where c.source_id = s.id), 0)::bigint as claims,
    (select count(*) from kzgov_internal.uncovered_sentence u where u.source_version_id = v.id) as uncovered_sentences,
    s.jurisdiction_code
from kzgov_internal.source s
join lateral (
    select * from kzgov_internal.source_version x where x.source_id = s.id order by x.version desc limit 1
) v on true;

comment on view kzgov.sources is 'One row per source: its latest version (what it says about itself: title, kind, publisher, publication and retrieval dates) and the number of claims this database currently records from it. Every version is in kzgov.source_versions.';
comment on column kzgov.sources.key is 'The source''s key: its file name without extension (e.g. 000_612d0cc27c4ad863). A file with a known key and new content is a new version of the source.';
comment on column kzgov.sources.version is 'Number of the latest version loaded (1, 2, ...).';
comment on column kzgov.sources.versions is 'How many versions of the source have been loaded.';
comment on column kzgov.sources.title is 'Title of the latest version, from the registry or the text itself.';
comment on column kzgov.sources.kind is 'reference_page, encyclopedia_article, official_government_page, structured_data or other; NULL when unknown.';
comment on column kzgov.sources.publisher is 'Who published it; NULL when unknown (never guessed).';
comment on column kzgov.sources.url is 'Where it was obtained; NULL when unknown.';
comment on column kzgov.sources.published_on is 'Publication date of the latest version; NULL when unknown (never guessed).';
comment on column kzgov.sources.retrieved_on is 'Date our copy of the latest version was obtained.';
comment on column kzgov.sources.publication_date is 'The date the published_by argument of the point-in-time functions compares: published_on, or retrieved_on when the publication date is unknown.';
comment on column kzgov.sources.latest_date_mentioned is 'The latest date the text of the latest version mentions (a statement about its present was made no earlier).';
comment on column kzgov.sources.loaded_at is 'When the latest version was loaded (its claims are recorded from this moment).';
comment on column kzgov.sources.first_loaded_at is 'When the first version of the source was loaded.';
comment on column kzgov.sources.sha256 is 'SHA-256 of the latest version''s file, hex.';
comment on column kzgov.sources.format is 'How the text was parsed: frontmatter, encyclopedia, webpage, csv, text, markdown or html.';
comment on column kzgov.sources.file_name is 'File name the latest version was loaded from.';
comment on column kzgov.sources.claims is 'Number of claims of the source currently recorded, over all fact views.';
comment on column kzgov.sources.uncovered_sentences is 'Sentences of the latest version that mention a date or a number but yielded no claim (see kzgov.uncovered_sentences).';
comment on column kzgov.sources.jurisdiction_code is 'ISO 3166 code of the jurisdiction the source is about (KZ).';
