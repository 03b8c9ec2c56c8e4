-- drop: drop function if exists kzgov_internal.refresh_tenure_inferences(bigint[])
-- Ends of tenure inferred from a successor's start.
-- A tenure claim on an office held by one person at a time (kzgov_internal.office_holding, else office.single_holder) is ended by the start of the next different
-- holder, by any source, as the successor rule (kzgov_internal._successor_ends) says. Each inference names both
-- claims. Inferences no longer derivable have their recorded period closed.
-- A claim's inference depends only on the claims of its own office, so a load passes the offices
-- whose claims it added or retired (office_ids) and the others are not looked at; NULL: every office.
create function kzgov_internal.refresh_tenure_inferences(office_ids bigint[] default null, out added integer, out retired integer)
language plpgsql as $$
begin
    -- One pass at a time: concurrent loads would otherwise derive the same inference twice.
    perform pg_advisory_xact_lock(hashtext('kzgov.refresh_tenure_inferences'));

    -- The offices looked at, and whether each has one holder at a time now (as changed since it was created,
    -- kzgov_internal.office_holding, else as created): an office that no longer has has its inferences retired.
    create temporary table if not exists _inference_scope (office_id bigint primary key, single boolean)
        on commit drop;
    truncate _inference_scope;
    insert into _inference_scope
    select o.id,
           coalesce((select h.single_holder from kzgov_internal.office_holding h
                      where h.office_id = o.id and upper_inf(h.recorded)), o.single_holder)
      from kzgov_internal.office o
     where office_ids is null or o.id = any(office_ids);
    analyze _inference_scope;

    create temporary table if not exists _wanted_inference (
        tenure_id bigint, successor_id bigint, inferred_until date, jurisdiction_code text,
        tenure_segment integer, successor_segment integer
    ) on commit drop;
    truncate _wanted_inference;
    -- Each tenure's successor: the earliest start (then the lowest id) among the current claims of another
    -- person on the office that the successor rule accepts. Each office is looked at on its own (the lateral
    -- subquery is not merged into a join, so the planner cannot trade the lookups for a scan of every
    -- claim): its current claims the rule can end, through ix_office_tenure_successor_start, whose rows are
    -- those that can start or end a succession; then each one's successor, one lookup of the same index.
    -- The rule is inlined, so the planner sees its conditions.
    insert into _wanted_inference
    select t.id, s.id, lower(s.valid), t.jurisdiction_code, t.segment, s.segment
    from _inference_scope o
    cross join lateral (
        select t.id, t.office_id, t.person_id, t.basis, t.valid, t.jurisdiction_code, t.segment
          from kzgov_internal.office_tenure t
         where t.office_id = o.office_id
           and upper_inf(t.recorded)
           and kzgov_internal._successor_can_end(t.basis, t.valid)
        offset 0
    ) t
    cross join lateral (
        select s.id, s.valid, s.segment
          from kzgov_internal.office_tenure s
         where s.office_id = t.office_id
           and upper_inf(s.recorded)
           and s.person_id <> t.person_id
           and kzgov_internal._successor_ends(t.basis, t.valid, s.basis, s.valid)
         order by lower(s.valid), s.id
         limit 1
    ) s
    where o.single;

    -- Inferences of the offices looked at that are no longer derivable. Each current inference finds its
    -- tenure's office by the tenure's whole key (so in its own partition), rather than by a join over every
    -- claim of those offices.
    update kzgov_internal.tenure_inference i
       set recorded = tstzrange(lower(i.recorded), kzgov_internal.recorded_now())
     where upper_inf(i.recorded)
       and (select t.office_id from kzgov_internal.office_tenure t
             where (t.id, t.jurisdiction_code, t.segment) = (i.tenure_id, i.jurisdiction_code, i.tenure_segment))
           in (select office_id from _inference_scope)
       and not exists (
           select 1 from _wanted_inference w
            where (w.tenure_id, w.successor_id, w.inferred_until) = (i.tenure_id, i.successor_id, i.inferred_until));
    get diagnostics retired = row_count;

    insert into kzgov_internal.tenure_inference (tenure_id, successor_id, inferred_until, jurisdiction_code,
                                                 tenure_segment, successor_segment)
    select w.tenure_id, w.successor_id, w.inferred_until, w.jurisdiction_code, w.tenure_segment, w.successor_segment
      from _wanted_inference w
     where not exists (
           select 1 from kzgov_internal.tenure_inference i
            where upper_inf(i.recorded)
              and (w.tenure_id, w.successor_id, w.inferred_until) = (i.tenure_id, i.successor_id, i.inferred_until));
    get diagnostics added = row_count;
end
$$;

comment on function kzgov_internal.refresh_tenure_inferences(bigint[]) is 'Derives the ends of tenure implied by a successor''s start (kzgov_internal.tenure_inference) for the given offices (NULL: all), closing the recorded period of inferences no longer derivable. Called by every load; not for readers. Returns how many inferences were added and retired.';
