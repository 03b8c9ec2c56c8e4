"""Names to identities: the organizations, persons and offices a load's claims name, found or created.

The statements are built from the specifications of the kinds of claim (kzgov.loading.specs): every
Organization, Person and Office part of a kind is a reference its staging table holds.
"""

from __future__ import annotations

from typing import Any

import psycopg

from kzgov.claims import DEFAULT_JURISDICTION
from kzgov.loading.specs import SPECS
from kzgov.loading.staging import stage_name
from kzgov.names import name_key


def _union(selects: list[str]) -> str:
    return "\n    union all ".join(selects)


def name_refs_sql() -> str:
    """The names a load refers to, from its staging tables alone: built before the write lock is taken.

    Of the spellings a load gives one name, the first in sort order is a new organization's or person's."""
    orgs = [
        f"select jurisdiction_code, {org.key} as key, {org.name} as name, {org.kind_sql()} as kind"
        f" from {stage_name(spec.table)} where {org.key} is not null"
        for spec in SPECS
        for org in spec.organizations()
    ]
    persons = [
        f"select {person.key} as key, {person.name} as name from {stage_name(spec.table)}"
        f" where {person.key} is not null"
        for spec in SPECS
        for person in spec.persons()
    ]
    return f"""
create temporary table _org_refs on commit drop as
select distinct on (jurisdiction_code, key) jurisdiction_code, key, name, kind from (
    {_union(orgs)}
) refs order by jurisdiction_code, key, name;

create temporary table _person_refs on commit drop as
select distinct on (key) key, name from (
    {_union(persons)}
) refs order by key, name;

analyze _org_refs;
analyze _person_refs;
"""


def _jurisdictions_sql() -> str:
    """Every jurisdiction a load's claims name: those of its organizations, and of the kinds whose claims
    need not name one."""
    unnamed = [
        f"select jurisdiction_code from {stage_name(spec.table)}"
        for spec in SPECS
        if not any(org.required and org.target for org in spec.organizations())
    ]
    return f"""
insert into kzgov_internal.jurisdiction (code, name)
select distinct r.code, r.code from (
    select jurisdiction_code as code from _org_refs
    union {" union ".join(unnamed)}
) r
where not exists (select 1 from kzgov_internal.jurisdiction j where j.code = r.code)
order by 1;
"""


# Names the load refers to that are not recorded yet are created, then every reference gets its id.
# New rows take their ids from the identity sequences first, so a name row never has to be matched
# back to the row it names (a join the planner, expecting few new names, could make quadratic).
_RESOLVE_NAMES = """
create temporary table _new_orgs on commit drop as
select nextval(pg_get_serial_sequence('kzgov_internal.organization', 'id')) as id, m.* from (
    select r.* from _org_refs r
    where not exists (select 1 from kzgov_internal.organization_name n
                      where (n.jurisdiction_code, n.normalized) = (r.jurisdiction_code, r.key))
    order by r.jurisdiction_code, r.key
) m;
insert into kzgov_internal.organization (id, jurisdiction_code, kind, name) overriding system value
select id, jurisdiction_code, kind, name from _new_orgs order by id;
insert into kzgov_internal.organization_name (organization_id, jurisdiction_code, name, normalized)
select id, jurisdiction_code, name, key from _new_orgs order by id;

create temporary table _org_ids on commit drop as
select r.jurisdiction_code, r.key, n.organization_id as id
from _org_refs r join kzgov_internal.organization_name n on (n.jurisdiction_code, n.normalized) =
    (r.jurisdiction_code, r.key);

create temporary table _new_persons on commit drop as
select nextval(pg_get_serial_sequence('kzgov_internal.person', 'id')) as id, m.* from (
    select r.* from _person_refs r
    where not exists (select 1 from kzgov_internal.person_name n where n.normalized = r.key)
    order by r.key
) m;
insert into kzgov_internal.person (id, name) overriding system value select id, name from _new_persons order by id;
insert into kzgov_internal.person_name (person_id, name, normalized) select id, name, key from _new_persons order by id;

create temporary table _person_ids on commit drop as
select r.key, n.person_id as id from _person_refs r join kzgov_internal.person_name n on n.normalized = r.key;
"""


def _office_refs() -> str:
    """The offices the staged claims name: jurisdiction, office name and the key of its body."""
    return _union(
        [
            f"select jurisdiction_code, office_name, {office.organization.key} as org_key from {stage_name(spec.table)}"
            for spec in SPECS
            for office in spec.offices()
        ]
    )


# The vocabulary's holders rows: (name, single) pairs as SQL, from the parameters of _holding().
_SETTING = "unnest(%(holding_names)s::text[], %(holding_single)s::boolean[]) h (name, single)"


def _holding() -> dict[str, list[Any]]:
    """The vocabulary's say on which offices have one holder at a time, as query parameters."""
    from kzgov.parsing.mentions import office_holding

    holding = office_holding()
    return {"holding_names": list(holding), "holding_single": list(holding.values())}


def _offices_sql() -> str:
    """New offices: one per name and body; held by one person at a time unless the vocabulary says several."""
    return f"""
insert into kzgov_internal.office (jurisdiction_code, name, organization_id, single_holder)
select distinct s.jurisdiction_code, s.office_name, o.id, coalesce(h.single, true)
from ({_office_refs()}) s
left join {_SETTING} on h.name = s.office_name
left join _org_ids o on (o.jurisdiction_code, o.key) = (s.jurisdiction_code, s.org_key)
where not exists (select 1 from kzgov_internal.office f
                  where f.jurisdiction_code = s.jurisdiction_code and f.name = s.office_name
                    and f.organization_id is not distinct from o.id)
order by 1, 2, 3
"""


def _office_ids_sql() -> str:
    return f"""
create temporary table _office_ids on commit drop as
select distinct s.jurisdiction_code, s.office_name as name, coalesce(s.org_key, '') as org_key, f.id
from ({_office_refs()}) s
left join _org_ids o on (o.jurisdiction_code, o.key) = (s.jurisdiction_code, s.org_key)
join kzgov_internal.office f on f.jurisdiction_code = s.jurisdiction_code and f.name = s.office_name
 and f.organization_id is not distinct from o.id;
analyze _office_ids;
analyze _person_ids;
analyze _org_ids;
"""


def refer(cur: psycopg.Cursor[Any]) -> None:
    """Gather the names the staged claims refer to (before the write lock)."""
    cur.execute(name_refs_sql())


def resolve(cur: psycopg.Cursor[Any]) -> None:
    """Create the names not recorded yet and give every reference its id (under the write lock)."""
    cur.execute(_jurisdictions_sql())
    cur.execute(_RESOLVE_NAMES)
    cur.execute(_offices_sql(), _holding())
    cur.execute(_office_ids_sql())


# Offices whose holding (one holder at a time or several: as changed since created, else as created) is not
# what the vocabulary says now.
_HOLDING_CHANGES = f"""
select o.id, h.single
from kzgov_internal.office o
join {_SETTING} on h.name = o.name
where coalesce((select c.single_holder from kzgov_internal.office_holding c where c.office_id = o.id and
    upper_inf(c.recorded)),
               o.single_holder) <> h.single
order by o.id
"""


def holding_changed(cur: psycopg.Cursor[Any]) -> bool:
    """Whether the vocabulary says of some office something other than the database has recorded."""
    cur.execute(_HOLDING_CHANGES, _holding())
    return cur.fetchone() is not None


def sync_office_holding(cur: psycopg.Cursor[Any]) -> list[int]:
    """Record what the vocabulary says now of whether offices have one holder at a time (under the write lock):
    the previous setting's recorded period is closed and the new one opened. Returns the offices changed, whose
    inferred ends of tenure must then be derived again."""
    cur.execute(_HOLDING_CHANGES, _holding())
    changes = cur.fetchall()
    if not changes:
        return []
    offices = [office for office, _single in changes]
    cur.execute(
        "update kzgov_internal.office_holding set recorded = tstzrange(lower(recorded), kzgov_internal.recorded_now())"
        " where office_id = any(%s) and upper_inf(recorded)",
        (offices,),
    )
    cur.execute(
        "insert into kzgov_internal.office_holding (office_id, single_holder) select * from"
        " unnest(%s::bigint[], %s::boolean[])",
        (offices, [single for _office, single in changes]),
    )
    return offices


def sync_aliases(cur: psycopg.Cursor[Any]) -> None:
    """Curated aliases (kzgov/data/aliases.csv) become name rows of one organization each."""
    from kzgov.names import aliases

    wanted = [a for a in aliases() if a.kind == "organization"]
    # Every load after the first finds them all recorded: one look instead of two statements per alias.
    keys = sorted({name_key(a.canonical) for a in wanted} | {name_key(a.alias) for a in wanted})
    cur.execute(
        "select count(distinct normalized) from kzgov_internal.organization_name"
        " where jurisdiction_code = %s and normalized = any(%s)",
        (DEFAULT_JURISDICTION, keys),
    )
    row = cur.fetchone()
    if row is not None and row[0] == len(keys):
        return
    for alias in wanted:
        canonical_key = name_key(alias.canonical)
        params = {
            "jurisdiction": DEFAULT_JURISDICTION,
            "kind": alias.organization_kind or "other",
            "name": alias.canonical,
            "key": canonical_key,
        }
        cur.execute(
            "insert into kzgov_internal.organization (jurisdiction_code, kind, name)"
            " select %(jurisdiction)s, %(kind)s, %(name)s where not exists (select 1 from"
            " kzgov_internal.organization_name"
            "  where jurisdiction_code = %(jurisdiction)s and normalized = %(key)s)",
            params,
        )
        if cur.rowcount:
            cur.execute(
                "insert into kzgov_internal.organization_name (organization_id, jurisdiction_code, name, normalized)"
                " values (currval(pg_get_serial_sequence('kzgov_internal.organization', 'id')), %s, %s, %s)",
                (DEFAULT_JURISDICTION, alias.canonical, canonical_key),
            )
        valid = None
        if alias.valid_from or alias.valid_until:
            valid = f"[{alias.valid_from or ''},{alias.valid_until or ''})"
        cur.execute(
            "insert into kzgov_internal.organization_name (organization_id, jurisdiction_code, name, normalized, valid)"
            " select n.organization_id, %(jurisdiction)s, %(alias)s, %(key)s, %(valid)s::daterange"
            " from kzgov_internal.organization_name n where n.jurisdiction_code = %(jurisdiction)s"
            " and n.normalized = %(canonical)s and not exists (select 1 from kzgov_internal.organization_name"
            "  where jurisdiction_code = %(jurisdiction)s and normalized = %(key)s)",
            {
                "jurisdiction": DEFAULT_JURISDICTION,
                "alias": alias.alias,
                "key": name_key(alias.alias),
                "valid": valid,
                "canonical": canonical_key,
            },
        )
