-- drop: drop function if exists kzgov_internal._certainty(daterange, text, text, boolean, date)
-- Internal: whether a claim that answers for on_date (its period, or its period ended by an inferred end,
-- contains the date) answers it for certain or only possibly. Certain: the date lies within the bounds the
-- source states, on or after the last day its start can be at the start's precision (a start "in 1997" may
-- be any day of 1997), and before an end the source states. Possible: the date is reached through an
-- unknown bound (no start, no end, or an end inferred from a successor's start), the claim holds at one
-- unknown moment of a window, or it is itself inferred. One immutable expression bound at creation: the
-- planner inlines it, whatever the caller's search_path.
create function kzgov_internal._certainty(
    claim_valid daterange,
    from_precision text,
    claim_basis text,
    claim_window boolean,
    on_date date
)
returns text
language sql
immutable
parallel safe
return case
    when claim_window or claim_basis = 'inferred' or lower_inf(claim_valid) or upper_inf(claim_valid) then 'possible'
    when from_precision = 'year' and on_date < (lower(claim_valid) + interval '1 year' - interval '1 day')::date
        then 'possible'
    when from_precision = 'month' and on_date < (lower(claim_valid) + interval '1 month' - interval '1 day')::date
        then 'possible'
    else 'certain'
end;

comment on function kzgov_internal._certainty(daterange, text, text, boolean, date) is 'Internal: certain or possible, for a claim answering for on_date. Certain when on_date lies within the bounds the source states: on or after the last day the start can be at its precision, before a stated end, not in a window, not inferred. Possible when the date is reached through an unknown or inferred bound or a window. Used by kzgov.office_holders_on, kzgov.chamber_seats_on and kzgov.party_seats_on.';
