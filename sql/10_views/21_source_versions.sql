-- drop: drop view if exists kzgov.source_versions
-- Every loaded version of every source, with the claims it made: what published_by reads.
create view kzgov.source_versions as
with claims as (
    select source_id, recorded from kzgov_internal.office_tenure
    union all select source_id, recorded from kzgov_internal.chamber_composition
    union all select source_id, recorded from kzgov_internal.party_seats
    union all select source_id, recorded from kzgov_internal.election
    union all select source_id, recorded from kzgov_internal.election_result
    union all select source_id, recorded from kzgov_internal.body_event
    union all select source_id, recorded from kzgov_internal.indicator
    union all select source_id, recorded from kzgov_internal.admin_division
)
select
    s.key,
    v.version,
    v.version = max(v.version) over (partition by v.source_id) as is_latest,
    v.title,
    v.kind,
    v.publisher,
    v.url,
    v.published_on,
    v.retrieved_on,
    coalesce(v.published_on, v.retrieved_on) as publication_date,
    v.latest_date_mentioned,
    v.loaded_at,
    v.sha256,
    v.format,
    v.file_name,
    (select count(*) from claims c where c.source_id = v.source_id and c.recorded @> v.loaded_at) as claims
from kzgov_internal.source_version v
join kzgov_internal.source s on s.id = v.source_id;

comment on view kzgov.source_versions is 'One row per loaded version of a source. claims counts what the source asserted right after this version was loaded: the claims the point-in-time functions read for this source when their published_by argument selects this version.';
comment on column kzgov.source_versions.key is 'The source''s key: its file name without extension.';
comment on column kzgov.source_versions.version is 'Version number (1 for the first load, then one more for each load of new content).';
comment on column kzgov.source_versions.is_latest is 'True for the latest version of the source (the one whose claims are currently recorded).';
comment on column kzgov.source_versions.title is 'Title of this version, from the registry or the text itself.';
comment on column kzgov.source_versions.kind is 'reference_page, encyclopedia_article, official_government_page, structured_data or other; NULL when unknown.';
comment on column kzgov.source_versions.publisher is 'Who published it; NULL when unknown.';
comment on column kzgov.source_versions.url is 'Where it was obtained; NULL when unknown.';
comment on column kzgov.source_versions.published_on is 'Publication date of this version; NULL when unknown.';
comment on column kzgov.source_versions.retrieved_on is 'Date this copy was obtained.';
comment on column kzgov.source_versions.publication_date is 'The date published_by compares: published_on, else retrieved_on.';
comment on column kzgov.source_versions.latest_date_mentioned is 'The latest date this version''s text mentions.';
comment on column kzgov.source_versions.loaded_at is 'When this version was loaded: the claims it added are recorded from this moment, the claims it dropped until it.';
comment on column kzgov.source_versions.sha256 is 'SHA-256 of this version''s file, hex.';
comment on column kzgov.source_versions.format is 'How the text was parsed: frontmatter, encyclopedia, webpage, csv, text, markdown or html.';
comment on column kzgov.source_versions.file_name is 'File name this version was loaded from.';
comment on column kzgov.source_versions.claims is 'Claims of the source recorded right after this version was loaded (recorded period containing loaded_at).';
