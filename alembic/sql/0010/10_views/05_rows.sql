-- drop: drop view if exists kzgov_internal._body_event_rows; drop view if exists kzgov_internal._election_result_rows; drop view if exists kzgov_internal._election_rows; drop view if exists kzgov_internal._party_seats_rows; drop view if exists kzgov_internal._chamber_composition_rows; drop view if exists kzgov_internal._tenure_inference_rows; drop view if exists kzgov_internal._office_tenure_rows; drop view if exists kzgov_internal._office_holding_rows; drop view if exists kzgov_internal._office_rows; drop view if exists kzgov_internal._organization_rows; drop view if exists kzgov_internal._person_rows; drop view if exists kzgov_internal._source_version_rows; drop view if exists kzgov_internal._source_rows
-- Internal: every row of the tables the point-in-time functions read, recorded history included, as views
-- the reader may read (a view reads its table with its owner's rights). The functions are plain SQL over
-- them, run with the caller's rights and inlined into the caller's query, so a BI tool's
-- "select * from kzgov.office_holders_on(d) where office = 'X'" reaches the office's index instead of
-- computing every office first. The reader still reads no table; it could already read this history
-- through known_at and published_by.
create view kzgov_internal._source_rows as select * from kzgov_internal.source;
comment on view kzgov_internal._source_rows is 'Internal, read by the point-in-time functions: Every source (kzgov_internal.source).';
create view kzgov_internal._source_version_rows as select * from kzgov_internal.source_version;
comment on view kzgov_internal._source_version_rows is 'Internal, read by the point-in-time functions: Every loaded version of every source, with its text (kzgov_internal.source_version).';
create view kzgov_internal._person_rows as select * from kzgov_internal.person;
comment on view kzgov_internal._person_rows is 'Internal, read by the point-in-time functions: Every person (kzgov_internal.person).';
create view kzgov_internal._organization_rows as select * from kzgov_internal.organization;
comment on view kzgov_internal._organization_rows is 'Internal, read by the point-in-time functions: Every organization: chambers, courts, councils, parties (kzgov_internal.organization).';
create view kzgov_internal._office_rows as select * from kzgov_internal.office;
comment on view kzgov_internal._office_rows is 'Internal, read by the point-in-time functions: Every office, with the holding it was created with (kzgov_internal.office).';
create view kzgov_internal._office_holding_rows as select * from kzgov_internal.office_holding;
comment on view kzgov_internal._office_holding_rows is 'Internal, read by the point-in-time functions: Every recorded change to whether an office has one holder at a time (kzgov_internal.office_holding).';
create view kzgov_internal._office_tenure_rows as select * from kzgov_internal.office_tenure;
comment on view kzgov_internal._office_tenure_rows is 'Internal, read by the point-in-time functions: Every office-tenure claim ever recorded, current and retired, with its recorded period.';
create view kzgov_internal._tenure_inference_rows as select * from kzgov_internal.tenure_inference;
comment on view kzgov_internal._tenure_inference_rows is 'Internal, read by the point-in-time functions: Every end of tenure ever inferred from a successor, with its recorded period.';
create view kzgov_internal._chamber_composition_rows as select * from kzgov_internal.chamber_composition;
comment on view kzgov_internal._chamber_composition_rows is 'Internal, read by the point-in-time functions: Every composition claim ever recorded, current and retired, with its recorded period.';
create view kzgov_internal._party_seats_rows as select * from kzgov_internal.party_seats;
comment on view kzgov_internal._party_seats_rows is 'Internal, read by the point-in-time functions: Every party-seats claim ever recorded, current and retired, with its recorded period.';
create view kzgov_internal._election_rows as select * from kzgov_internal.election;
comment on view kzgov_internal._election_rows is 'Internal, read by the point-in-time functions: Every election claim ever recorded, current and retired, with its recorded period.';
create view kzgov_internal._election_result_rows as select * from kzgov_internal.election_result;
comment on view kzgov_internal._election_result_rows is 'Internal, read by the point-in-time functions: Every election-result claim ever recorded, current and retired, with its recorded period.';
create view kzgov_internal._body_event_rows as select * from kzgov_internal.body_event;
comment on view kzgov_internal._body_event_rows is 'Internal, read by the point-in-time functions: Every body-event claim ever recorded, current and retired, with its recorded period.';
-- Each column described: the columns every fact table has in words of their own, the rest by the table's
-- column they show.
do $$
declare
    col record;
begin
    for col in
        select v.relname as view_name, a.attname, substr(v.relname, 2, char_length(v.relname) - 6) as table_name
        from pg_class v
        join pg_attribute a on a.attrelid = v.oid and a.attnum > 0 and not a.attisdropped
        where v.relnamespace = 'kzgov_internal'::regnamespace and v.relkind = 'v' and v.relname like '\_%\_rows'
    loop
        execute format(
            'comment on column kzgov_internal.%I.%I is %L',
            col.view_name,
            col.attname,
            coalesce(
                case col.attname
                    when 'id' then 'The row''s id (claim_id in the views, for claims).'
                    when 'source_id' then 'The source the row comes from (kzgov_internal._source_rows.id).'
                    when 'source_version_id' then 'The source version whose load recorded the row.'
                    when 'jurisdiction_code' then 'ISO code of the jurisdiction.'
                    when 'claim_key' then 'The claim''s identity: what it states, its period as stated included; the same in every version of its source.'
                    when 'valid' then 'Valid time, half-open [from, until); an unbounded side is an unknown bound.'
                    when 'valid_from_precision' then 'Precision of the start (day, month, year); NULL when unknown.'
                    when 'valid_until_precision' then 'Precision of the end (day, month, year); NULL when unknown.'
                    when 'basis' then 'explicit, as_of_publication or inferred.'
                    when 'valid_window' then 'True: held at one unknown moment inside valid, not throughout.'
                    when 'recorded' then 'Recorded time: when this database asserted the row, half-open; open while it is current.'
                    when 'quote' then 'The source''s words, verbatim.'
                    when 'quote_start' then 'Character offset of the quote in the source version''s text.'
                    when 'quote_end' then 'Character offset just past the quote.'
                    when 'quote_line' then 'Line of the source text the quote starts on, where known.'
                end,
                format('kzgov_internal.%s.%s, as stored.', col.table_name, col.attname)
            )
        );
    end loop;
end
$$;
