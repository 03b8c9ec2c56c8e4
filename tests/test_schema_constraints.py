"""The database itself refuses bad rows: CHECKs, foreign keys, exclusion constraints, triggers."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors


@pytest.fixture
def ids(conn: psycopg.Connection) -> dict[str, int]:
    """One source with a version, two persons, an office, a chamber and a party."""
    ids: dict[str, int] = {}
    ids["source"] = conn.execute(
        "insert into kzgov_internal.source (key, jurisdiction_code) values ('doc_a', 'KZ') returning id"
    ).fetchone()[0]
    ids["version"] = conn.execute(
        "insert into kzgov_internal.source_version (source_id, version, sha256, content, format, file_name)"
        " values (%s, 1, repeat('a', 64), 'text', 'csv', 'doc_a.csv') returning id",
        (ids["source"],),
    ).fetchone()[0]
    for who in ("p1", "p2"):
        ids[who] = conn.execute("insert into kzgov_internal.person (name) values (%s) returning id", (who,)).fetchone()[
            0
        ]
    ids["chamber"] = conn.execute(
        "insert into kzgov_internal.organization (jurisdiction_code, kind, name) values ('KZ',"
        " 'chamber', 'Lower') returning id"
    ).fetchone()[0]
    ids["party"] = conn.execute(
        "insert into kzgov_internal.organization (jurisdiction_code, kind, name) values ('KZ',"
        " 'party', 'Blue') returning id"
    ).fetchone()[0]
    ids["office"] = conn.execute(
        "insert into kzgov_internal.office (jurisdiction_code, name) values ('KZ', 'President') returning id"
    ).fetchone()[0]
    return ids


def insert_tenure(
    conn: psycopg.Connection,
    ids: dict[str, int],
    valid: str,
    *,
    person: str = "p1",
    basis: str = "explicit",
    key: str | None = None,
    quote: str = "text",
    precision: tuple[str | None, str | None] = ("day", "day"),
) -> int:
    return conn.execute(
        "insert into kzgov_internal.office_tenure (source_id, source_version_id, jurisdiction_code, claim_key, valid,"
        " valid_from_precision, valid_until_precision, basis, quote, quote_start, quote_end,"
        " office_id, person_id) values (%s, %s, 'KZ', %s, %s::daterange, %s, %s, %s, %s, 0, %s, %s, %s)"
        " returning id",
        (
            ids["source"],
            ids["version"],
            key or f"{person}:{valid}:{basis}",
            valid,
            precision[0],
            precision[1],
            basis,
            quote,
            len(quote),
            ids["office"],
            ids[person],
        ),
    ).fetchone()[0]


def insert_composition(conn: psycopg.Connection, ids: dict[str, int], **values: int | None) -> None:
    columns = ", ".join(values)
    placeholders = ", ".join(["%s"] * len(values))
    conn.execute(
        "insert into kzgov_internal.chamber_composition (source_id, source_version_id, jurisdiction_code, claim_key,"
        " valid, valid_from_precision, valid_until_precision, basis, quote, quote_start, quote_end,"
        f" organization_id, {columns}) values (%s, %s, 'KZ', 'k', '[2020-01-01,2021-01-01)', 'year', 'year',"
        f" 'explicit', 'text', 0, 4, %s, {placeholders})",
        (ids["source"], ids["version"], ids["chamber"], *values.values()),
    )


def test_same_claim_adjacent_periods_are_accepted(conn, ids) -> None:
    insert_tenure(conn, ids, "[2019-01-01,2020-01-01)")
    insert_tenure(conn, ids, "[2020-01-01,2021-01-01)")


def test_one_holder_over_overlapping_periods_is_two_claims(conn, ids) -> None:
    """A source may state one tenure with its end and without it, or two overlapping terms: each is a claim."""
    insert_tenure(conn, ids, "[2019-01-01,2020-06-01)")
    insert_tenure(conn, ids, "[2019-01-01,)", precision=("day", None))
    insert_tenure(conn, ids, "[2020-01-01,2021-01-01)")
    assert conn.execute("select count(*) from kzgov_internal.office_tenure").fetchone()[0] == 3


def test_the_same_claim_twice_at_once_is_refused(conn, ids) -> None:
    """Its identity (claim_key) currently recorded twice for one source, whatever it states."""
    insert_tenure(conn, ids, "[2019-01-01,2020-06-01)", key="k1")
    with pytest.raises(errors.UniqueViolation, match="uq_office_tenure_current_claim"):
        insert_tenure(conn, ids, "[2019-01-01,2020-06-01)", key="k1", quote="again")


def test_the_same_claim_again_after_it_was_retired_is_accepted(conn, ids) -> None:
    first = insert_tenure(conn, ids, "[2019-01-01,2020-06-01)", key="k1")
    conn.execute(
        "update kzgov_internal.office_tenure set recorded = tstzrange(lower(recorded),"
        " clock_timestamp()) where id = %s",
        (first,),
    )
    insert_tenure(conn, ids, "[2019-01-01,2020-06-01)", key="k1")


def test_different_value_from_same_source_overlapping_is_kept(conn, ids) -> None:
    """A document contradicting itself: two holders of one office at once are both kept."""
    insert_tenure(conn, ids, "[2019-01-01,2021-01-01)", person="p1")
    insert_tenure(conn, ids, "[2020-01-01,2022-01-01)", person="p2")
    assert conn.execute("select count(*) from kzgov_internal.office_tenure").fetchone()[0] == 2


def test_same_claim_with_other_basis_is_kept(conn, ids) -> None:
    insert_tenure(conn, ids, "[2019-01-01,)", precision=("day", None))
    insert_tenure(conn, ids, "[2020-01-01,2020-01-02)", basis="as_of_publication")


@pytest.mark.parametrize("valid", ["[2020-01-01,2020-01-01)", "empty"])
def test_empty_valid_period_is_refused(conn, ids, valid: str) -> None:
    with pytest.raises(errors.CheckViolation, match="valid_not_empty"):
        insert_tenure(conn, ids, valid)


def test_one_day_claim_is_accepted(conn, ids) -> None:
    insert_tenure(conn, ids, "[2020-01-01,2020-01-02)")


def test_precision_without_bound_is_refused(conn, ids) -> None:
    with pytest.raises(errors.CheckViolation, match="precision_iff_bound"):
        insert_tenure(conn, ids, "[2020-01-01,)", precision=("day", "day"))


def test_quote_span_must_match_quote_length(conn, ids) -> None:
    with pytest.raises(errors.CheckViolation, match="quote_span"):
        conn.execute(
            "insert into kzgov_internal.office_tenure (source_id, source_version_id,"
            " jurisdiction_code, claim_key, valid,"
            " valid_from_precision, valid_until_precision, basis, quote, quote_start, quote_end, office_id,"
            " person_id) values (%s, %s, 'KZ', 'k', '[2020-01-01,2020-01-02)', 'day', 'day', 'explicit',"
            " 'abc', 0, 5, %s, %s)",
            (ids["source"], ids["version"], ids["office"], ids["p1"]),
        )


@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        ({"total_seats": -1}, "seats_not_negative"),
        ({"total_seats": 10, "elected_seats": 11}, "parts_within_total"),
        ({"term_years": 0}, "term_years_range"),
        ({"total_seats": None}, "says_something"),
    ],
)
def test_bad_composition_is_refused(conn, ids, values, constraint: str) -> None:
    with pytest.raises(errors.CheckViolation, match=constraint):
        insert_composition(conn, ids, **values)


def test_negative_party_seats_are_refused(conn, ids) -> None:
    with pytest.raises(errors.CheckViolation, match="seats_not_negative"):
        conn.execute(
            "insert into kzgov_internal.party_seats (source_id, source_version_id, jurisdiction_code, claim_key, valid,"
            " valid_from_precision, valid_until_precision, basis, quote, quote_start, quote_end, party_id, seats)"
            " values (%s, %s, 'KZ', 'k', '[2020-01-01,2020-01-02)', 'day', 'day', 'explicit', 'q', 0, 1, %s, -3)",
            (ids["source"], ids["version"], ids["party"]),
        )


@pytest.mark.parametrize(("share", "refused"), [(130, True), (-1, True), (100, False), (0, False)])
def test_vote_share_must_be_a_percentage(conn, ids, share: float, refused: bool) -> None:
    election = conn.execute(
        "insert into kzgov_internal.election (source_id, source_version_id, jurisdiction_code, claim_key, valid,"
        " valid_from_precision, valid_until_precision, basis, quote, quote_start, quote_end, kind)"
        " values (%s, %s, 'KZ', 'e', '[2019-06-09,2019-06-10)', 'day', 'day', 'explicit', 'q', 0, 1,"
        " 'presidential') returning id",
        (ids["source"], ids["version"]),
    ).fetchone()[0]
    statement = (
        "insert into kzgov_internal.election_result (source_id, source_version_id, jurisdiction_code, claim_key, valid,"
        " valid_from_precision, valid_until_precision, basis, quote, quote_start, quote_end, election_id,"
        " person_id, vote_share) values (%s, %s, 'KZ', 'r', '[2019-06-09,2019-06-10)', 'day', 'day',"
        " 'explicit', 'q', 0, 1, %s, %s, %s)"
    )
    params = (ids["source"], ids["version"], election, ids["p1"], share)
    if refused:
        with pytest.raises(errors.CheckViolation, match="vote_share_percent"):
            conn.execute(statement, params)
    else:
        conn.execute(statement, params)


@pytest.mark.parametrize("key", ["-rf", "--help", ".", "..", "_draft"])
def test_a_source_key_begins_with_a_letter_or_digit(conn, key: str) -> None:
    with pytest.raises(errors.CheckViolation, match="ck_source_key_first_char"):
        conn.execute("insert into kzgov_internal.source (key, jurisdiction_code) values (%s, 'KZ')", (key,))


@pytest.mark.parametrize(
    ("value", "refused"), [("NaN", True), ("Infinity", True), ("-Infinity", True), ("1e16", True), ("19.5e6", False)]
)
def test_an_indicator_value_is_a_finite_number(conn, ids, value: str, refused: bool) -> None:
    statement = (
        "insert into kzgov_internal.indicator (source_id, source_version_id, jurisdiction_code, claim_key, valid,"
        " valid_from_precision, valid_until_precision, basis, quote, quote_start, quote_end, subject, indicator,"
        " value) values (%s, %s, 'KZ', 'i', '[2020-01-01,2021-01-01)', 'year', 'year', 'explicit', 'q', 0, 1,"
        " 'Kazakhstan', 'population', %s::numeric)"
    )
    if refused:
        with pytest.raises(errors.CheckViolation, match="ck_indicator_value_finite"):
            conn.execute(statement, (ids["source"], ids["version"], value))
    else:
        conn.execute(statement, (ids["source"], ids["version"], value))


def test_foreign_key_to_missing_person_is_refused(conn, ids) -> None:
    ids["ghost"] = 999_999
    with pytest.raises(errors.ForeignKeyViolation):
        insert_tenure(conn, ids, "[2020-01-01,2020-01-02)", person="ghost")


def test_recorded_period_is_set_by_the_database(conn, ids) -> None:
    conn.execute(
        "insert into kzgov_internal.office_tenure (source_id, source_version_id, jurisdiction_code, claim_key, valid,"
        " valid_from_precision, valid_until_precision, basis, quote, quote_start, quote_end, office_id,"
        " person_id, recorded) values (%s, %s, 'KZ', 'k', '[2020-01-01,2020-01-02)', 'day', 'day', 'explicit',"
        " 'q', 0, 1, %s, %s, '[1990-01-01,1991-01-01)')",
        (ids["source"], ids["version"], ids["office"], ids["p1"]),
    )
    lower_is_now, open_ended = conn.execute(
        "select lower(recorded) > now() - interval '1 minute', upper_inf(recorded) from kzgov_internal.office_tenure"
    ).fetchone()
    assert lower_is_now and open_ended


def test_closing_recorded_period_is_allowed_once(conn, ids) -> None:
    row = insert_tenure(conn, ids, "[2020-01-01,2020-01-02)")
    conn.execute(
        "update kzgov_internal.office_tenure set recorded = tstzrange(lower(recorded), now()) where id = %s", (row,)
    )
    assert conn.execute("select upper_inf(recorded) from kzgov_internal.office_tenure").fetchone()[0] is False
    with pytest.raises(errors.RestrictViolation, match="only an open recorded period"):
        conn.execute(
            "update kzgov_internal.office_tenure set recorded = tstzrange(lower(recorded), null) where id = %s", (row,)
        )


@pytest.mark.parametrize(
    "statement",
    [
        "update kzgov_internal.office_tenure set person_id = person_id",
        "update kzgov_internal.office_tenure set quote = 'other', quote_end = 5",
        "delete from kzgov_internal.office_tenure",
        "truncate kzgov_internal.office_tenure cascade",
        "update kzgov_internal.source set key = 'renamed'",
        "delete from kzgov_internal.source_version",
    ],
)
def test_rows_are_never_updated_or_deleted(conn, ids, statement: str) -> None:
    insert_tenure(conn, ids, "[2020-01-01,2020-01-02)")
    with pytest.raises(errors.RestrictViolation, match="never"):
        conn.execute(statement)


def test_closing_recorded_with_other_change_is_refused(conn, ids) -> None:
    row = insert_tenure(conn, ids, "[2020-01-01,2020-01-02)")
    with pytest.raises(errors.RestrictViolation):
        conn.execute(
            "update kzgov_internal.office_tenure set recorded = tstzrange(lower(recorded), now()),"
            " person_id = %s where id = %s",
            (ids["p2"], row),
        )


def test_current_claim_key_unique_per_source(conn, ids) -> None:
    insert_tenure(conn, ids, "[2020-01-01,2020-01-02)", key="same")
    with pytest.raises(errors.UniqueViolation):
        insert_tenure(conn, ids, "[2021-01-01,2021-01-02)", key="same")


def test_index_scan_and_sequential_scan_agree(conn, ids) -> None:
    for year in range(1990, 2030):
        insert_tenure(conn, ids, f"[{year}-01-01,{year}-07-01)", person="p1" if year % 2 else "p2")
    query = (
        "select id from kzgov_internal.office_tenure where office_id = %s and valid @> '2011-03-01'::date order by id"
    )
    conn.execute("analyze kzgov_internal.office_tenure")
    with conn.transaction():
        conn.execute("set local enable_seqscan = off")
        plan = "\n".join(r[0] for r in conn.execute("explain " + query, (ids["office"],)))
        by_index = conn.execute(query, (ids["office"],)).fetchall()
    with conn.transaction():
        conn.execute("set local enable_indexscan = off")
        conn.execute("set local enable_bitmapscan = off")
        by_seqscan = conn.execute(query, (ids["office"],)).fetchall()
    assert "Index" in plan
    assert by_index == by_seqscan and len(by_index) == 1
