-- drop: drop function if exists kzgov_internal._source_moments(timestamptz, date)
-- Internal (the reader may execute it, as the point-in-time functions it is inlined into run as their
-- caller): for each source, the moment of recorded time whose claims answer a question
-- asked with known_at and published_by. A claim of the source answers when its recorded period contains
-- the moment. known_at NULL means now, as recorded ('infinity' lies in exactly the open recorded periods).
create function kzgov_internal._source_moments(known_at timestamptz, published_by date)
returns table (source_id bigint, moment timestamptz)
language sql
stable
parallel safe
begin atomic
    select s.id, coalesce(known_at, 'infinity'::timestamptz)
    from kzgov_internal._source_rows s
    where published_by is null
    union all
    (
        -- The latest version published by published_by and loaded by known_at; the loader closes retired
        -- claims and opens new ones at exactly its loaded_at, so the claims containing it are that version's.
        select distinct on (v.source_id) v.source_id, v.loaded_at
        from kzgov_internal._source_version_rows v
        where published_by is not null
          and coalesce(v.published_on, v.retrieved_on) <= published_by
          and v.loaded_at <= coalesce(known_at, 'infinity'::timestamptz)
        order by v.source_id, v.version desc
    );
end;

comment on function kzgov_internal._source_moments(timestamptz, date) is 'Internal (readers may execute it: the point-in-time functions that call it run as their caller): for each source, the moment of recorded time whose claims answer a question asked with known_at (NULL: now) and published_by (NULL: no restriction; else the loaded_at of the source''s latest version published, or retrieved, on or before published_by and loaded by known_at).';
