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
        tenure_id bigint, successor_id bigint, inferred_until date
    ) on commit drop;
    truncate _wanted_inference;
    insert into _wanted_inference
    select distinct on (t.id) t.id, s.id, lower(s.valid)
    from _inference_scope o
    join kzgov_internal.office_tenure t on t.office_id = o.office_id
    join kzgov_internal.office_tenure s
      on s.office_id = t.office_id
     and s.person_id <> t.person_id
     and upper_inf(s.recorded)
     and kzgov_internal._successor_ends(t.basis, t.valid, s.basis, s.valid)
    where upper_inf(t.recorded) and o.single
    order by t.id, lower(s.valid), s.id;

    update kzgov_internal.tenure_inference i
       set recorded = tstzrange(lower(i.recorded), kzgov_internal.recorded_now())
     where upper_inf(i.recorded)
       and exists (
           select 1 from kzgov_internal.office_tenure t join _inference_scope o on o.office_id = t.office_id
            where t.id = i.tenure_id)
       and not exists (
           select 1 from _wanted_inference w
            where (w.tenure_id, w.successor_id, w.inferred_until) = (i.tenure_id, i.successor_id, i.inferred_until));
    get diagnostics retired = row_count;

    insert into kzgov_internal.tenure_inference (tenure_id, successor_id, inferred_until)
    select w.tenure_id, w.successor_id, w.inferred_until
      from _wanted_inference w
     where not exists (
           select 1 from kzgov_internal.tenure_inference i
            where upper_inf(i.recorded)
              and (w.tenure_id, w.successor_id, w.inferred_until) = (i.tenure_id, i.successor_id, i.inferred_until));
    get diagnostics added = row_count;
end
$$;

comment on function kzgov_internal.refresh_tenure_inferences(bigint[]) is 'Derives the ends of tenure implied by a successor''s start (kzgov_internal.tenure_inference) for the given offices (NULL: all), closing the recorded period of inferences no longer derivable. Called by every load; not for readers. Returns how many inferences were added and retired.';
