"""The inference refresh finds each tenure's successor with one index lookup; what it finds is what the
successor rule says when every pair of an office's claims is compared."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import psycopg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sql_fixtures import load, tenure

# Every pair of current claims on an office compared by the rule: for each tenure, the earliest start (then
# the lowest id) of another person's claim that ends it.
PAIRWISE = """
select distinct on (t.id) t.id, s.id, lower(s.valid)
  from kzgov_internal.office_tenure t
  join kzgov_internal.office o on o.id = t.office_id
  join kzgov_internal.office_tenure s
    on s.office_id = t.office_id and s.person_id <> t.person_id and upper_inf(s.recorded)
   and kzgov_internal._successor_ends(t.basis, t.valid, s.basis, s.valid)
 where upper_inf(t.recorded) and o.single_holder
 order by t.id, lower(s.valid), s.id
"""
FOUND = "select tenure_id, successor_id, inferred_until from kzgov_internal.tenure_inference where upper_inf(recorded)"

OFFICES = ("Warden of Elm", "Warden of Oak")
PEOPLE = ("Ada Roe", "Bo Lin", "Cy Park", "Di Moss")
DAY0 = dt.date(1990, 1, 1)

claims = st.lists(
    st.tuples(
        st.sampled_from(OFFICES),
        st.sampled_from(PEOPLE),
        st.one_of(st.none(), st.integers(0, 40).map(lambda n: DAY0 + dt.timedelta(days=90 * n))),
        st.one_of(st.none(), st.integers(1, 30).map(lambda n: dt.timedelta(days=180 * n))),
        st.sampled_from(("explicit", "explicit", "as_of_publication")),
    ),
    min_size=1,
    max_size=14,
)

_sources = itertools.count()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sources=st.lists(claims, min_size=1, max_size=3))
def test_each_successor_found_by_lookup_is_the_one_the_rule_gives_pairwise(
    conn: psycopg.Connection, sources: list[list[tuple]]
) -> None:
    for stated in sources:
        specs = []
        for office, person, start, length, basis in stated:
            end = start + length if start is not None and length is not None else None
            if basis != "explicit":
                start, end = None, None  # a statement about the present: its window comes from the source
            specs.append(tenure(office, person, start, end, basis=basis))
        load(conn, f"register_{next(_sources)}", specs)
    assert sorted(conn.execute(FOUND).fetchall()) == sorted(conn.execute(PAIRWISE).fetchall())


def test_the_refresh_looks_each_successor_up_in_the_index(conn: psycopg.Connection) -> None:
    """Many tenures on one office, loaded in one transaction (no statistics yet): the refresh's plan looks
    each tenure's successor up in ix_office_tenure_successor_start instead of comparing every pair."""
    specs = [tenure("Warden of Elm", f"Holder {i}", DAY0 + dt.timedelta(days=30 * i)) for i in range(300)]
    load(conn, "long_register", specs)
    assert len(conn.execute(FOUND).fetchall()) == 299
    plans: list[str] = []
    conn.add_notice_handler(lambda notice: plans.append(notice.message_primary or ""))
    conn.execute("load 'auto_explain'")
    conn.execute("set auto_explain.log_min_duration = 0")
    conn.execute("set auto_explain.log_nested_statements = on")
    conn.execute("set auto_explain.log_level = notice")
    assert conn.execute("select * from kzgov_internal.refresh_tenure_inferences(null)").fetchone() == (0, 0)
    (lookup,) = [plan for plan in plans if "insert into _wanted_inference" in plan]
    # office_tenure is partitioned (0012): the index is probed in each partition, here segment 0's.
    assert re.search(r"Index Scan using ix_office_tenure_successor_start_0 on office_tenure_segment_0 s\b", lookup), (
        lookup
    )


def test_a_refresh_of_some_offices_reads_their_claims_only(conn: psycopg.Connection) -> None:
    """A load refreshes the offices it touched: their claims are found through the index, and each current
    inference's tenure by its whole key, so no partition is read whole however many claims other offices
    have (before 0013, 40 offices of 120 were looked at by a scan and hash join of every current claim)."""
    specs = [
        tenure(f"Warden of Ward {w}", f"Holder {w}-{i}", DAY0 + dt.timedelta(days=30 * i))
        for w in range(120)
        for i in range(50)
    ]
    load(conn, "ward_registers", specs)
    conn.execute("analyze kzgov_internal.office_tenure")
    assert len(conn.execute(FOUND).fetchall()) == 120 * 49
    (offices,) = conn.execute(
        "select array_agg(id) from (select id from kzgov_internal.office where name like 'Warden of Ward %'"
        " order by id limit 40) o"
    ).fetchone()
    plans: list[str] = []
    conn.add_notice_handler(lambda notice: plans.append(notice.message_primary or ""))
    for setting in ("load 'auto_explain'", "set auto_explain.log_min_duration = 0"):
        conn.execute(setting)
    conn.execute("set auto_explain.log_nested_statements = on")
    conn.execute("set auto_explain.log_level = notice")
    refreshed = conn.execute("select * from kzgov_internal.refresh_tenure_inferences(%s::bigint[])", (offices,))
    assert refreshed.fetchone() == (0, 0)
    (lookup,) = [plan for plan in plans if "insert into _wanted_inference" in plan]
    (retire,) = [plan for plan in plans if "update kzgov_internal.tenure_inference" in plan]
    for plan in (lookup, retire):
        assert "Seq Scan on office_tenure" not in plan, plan
    assert re.search(r"Index Scan using pk_office_tenure_0 on office_tenure_segment_0 t\b", retire), retire
