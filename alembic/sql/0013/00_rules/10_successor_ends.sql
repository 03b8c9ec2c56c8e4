-- drop: drop function if exists kzgov_internal._successor_ends(text, daterange, text, daterange); drop function if exists kzgov_internal._successor_can_end(text, daterange)
-- Internal: the successor rule, the one place it is written. A claim explicitly dated with a known start
-- and an unknown end is taken to end when a later claim giving another answer to the same question starts,
-- if that claim's start is explicitly dated too: true when the second claim's start ends the first.
-- Which claims answer the same question otherwise, and which of them are seen, is the caller's, and each
-- takes the earliest start among them (then the lowest id): kzgov_internal.refresh_tenure_inferences (another
-- holder of a single-holder office, among the claims recorded now), kzgov.office_holders_on (the same,
-- among the claims visible at published_by) and kzgov_internal._resolution (another value of a body's figure or a
-- party's seats). Immutable expressions with bodies bound when they are created: the planner inlines them,
-- whatever the caller's search_path. The half about the claim alone is a function of its own, so that a
-- caller can first find the claims the rule can end at all (kzgov_internal.refresh_tenure_inferences does,
-- through an index of them) and look for successors of those only.
create function kzgov_internal._successor_can_end(claim_basis text, claim_valid daterange)
returns boolean
language sql
immutable
parallel safe
return claim_basis = 'explicit' and upper_inf(claim_valid) and not lower_inf(claim_valid);

comment on function kzgov_internal._successor_can_end(text, daterange) is 'Internal: the half of the successor rule about the claim alone. True when a claim (claim_basis, claim_valid) is explicitly dated with a known start and an unknown end, so that a successor''s start may end it (kzgov_internal._successor_ends).';

create function kzgov_internal._successor_ends(
    claim_basis text,
    claim_valid daterange,
    successor_basis text,
    successor_valid daterange
)
returns boolean
language sql
immutable
parallel safe
return kzgov_internal._successor_can_end(claim_basis, claim_valid)
   and successor_basis = 'explicit' and not lower_inf(successor_valid)
   and lower(successor_valid) > lower(claim_valid);

comment on function kzgov_internal._successor_ends(text, daterange, text, daterange) is 'Internal: the successor rule. True when a claim (claim_basis, claim_valid), explicitly dated with a known start and an unknown end, is ended by the start of a later claim (successor_basis, successor_valid) whose start is explicitly dated too; the caller says which claims answer the same question otherwise and takes the earliest such start. Used by kzgov_internal.refresh_tenure_inferences, kzgov.office_holders_on and the resolved_* views.';
