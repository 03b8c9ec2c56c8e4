"""A large new source's tenures go into a partition of office_tenure of their own (revision 0012,
kzgov.loading.segments): written before the partition's indexes are built, then attached, with every key and
check enforced as for any other source, its claims answered and linked like the rest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import psycopg
import pytest
from sql_fixtures import table_rows

from kzgov import migrations
from kzgov.db import create_engine_for
from kzgov.loading import LoadError, load_paths, segments

HEADER = "office,person,valid_from,valid_until,quote\n"


def _keepers(first: int, count: int, office: str = "Lighthouse Keeper") -> list[str]:
    """count tenures of one office, one after another from year first, each ending when the next begins."""
    return [
        f"{office},Keeper Number {n},{first + n}-03-01,{first + n + 1}-03-01,Keeper {n} kept the light"
        for n in range(count)
    ]


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "MIN_CLAIMS", 5)


def _partitions(conn: psycopg.Connection) -> dict[str, str]:
    rows = conn.execute(
        "select c.relname, pg_get_expr(c.relpartbound, c.oid) from pg_class c"
        " where c.relispartition and c.relkind = 'r'"
        " and c.oid in (select inhrelid from pg_inherits where inhparent = 'kzgov_internal.office_tenure'::regclass)"
    ).fetchall()
    return dict(rows)


def test_a_large_new_source_gets_a_partition_indexed_and_guarded_like_the_table(
    database_url: str, tmp_path: Path, small_threshold: None
) -> None:
    (own,) = load_paths(database_url, [_write(tmp_path / "keepers.csv", _keepers(1950, 8))])
    (shared,) = load_paths(database_url, [_write(tmp_path / "clerks.csv", _keepers(1960, 2, office="Harbour Clerk"))])
    assert own.phases["indexing a new segment"] > 0 and "indexing a new segment" not in shared.phases
    with psycopg.connect(database_url) as conn:
        segment = dict(conn.execute("select key, segment from kzgov_internal.source").fetchall())
        assert segment == {"keepers": 1, "clerks": 0}  # two claims: below the threshold, shared
        assert _partitions(conn) == {
            "office_tenure_segment_0": "FOR VALUES IN (0)",
            "office_tenure_segment_1": "FOR VALUES IN (1)",
        }
        where = dict(
            conn.execute(
                "select tableoid::regclass::text, count(*) from kzgov_internal.office_tenure group by 1"
            ).fetchall()
        )
        assert where == {"kzgov_internal.office_tenure_segment_0": 2, "kzgov_internal.office_tenure_segment_1": 8}
        # Every index of the table, built on the partition and named after it.
        indexes = conn.execute(
            "select parent.relname, child.relname from pg_inherits h join pg_class child on child.oid = h.inhrelid"
            " join pg_class parent on parent.oid = h.inhparent join pg_index i on i.indexrelid = child.oid"
            " where i.indrelid = 'kzgov_internal.office_tenure_segment_1'::regclass"
        ).fetchall()
        parents = conn.execute(
            "select indexrelid::regclass::text from pg_index where indrelid = 'kzgov_internal.office_tenure'::regclass"
        ).fetchall()
        assert sorted(p for p, _c in indexes) == sorted(p.split(".")[1] for (p,) in parents)
        assert all(child == f"{parent}_1" for parent, child in indexes)
        target = conn.execute(
            "select attstattarget from pg_attribute where attrelid = 'kzgov_internal.office_tenure_segment_1'::regclass"
            " and attname = 'office_id'"
        ).fetchone()
        assert target == (1000,)
        for statement, refused in (
            ("truncate kzgov_internal.office_tenure_segment_1 cascade", "office_tenure_segment_1: .* truncated"),
            ("delete from kzgov_internal.office_tenure_segment_1", "deleted"),
            ("update kzgov_internal.office_tenure_segment_1 set quote_line = 9", "never changed"),
        ):
            with pytest.raises(psycopg.errors.RestrictViolation, match=refused), conn.transaction():
                conn.execute(statement)
        # The claims of a source are in its own segment and nowhere else: the key to source says so.
        with pytest.raises(psycopg.errors.ForeignKeyViolation, match="fk_office_tenure_source_id"), conn.transaction():
            conn.execute(
                "insert into kzgov_internal.office_tenure (source_id, source_version_id, jurisdiction_code,"
                " claim_key, valid, valid_from_precision, valid_until_precision, basis, recorded, quote, quote_start,"
                " quote_end, office_id, person_id, segment)"
                " select source_id, source_version_id, jurisdiction_code, claim_key || '+', valid,"
                " valid_from_precision, valid_until_precision, basis, recorded,"
                " quote, quote_start, quote_end, office_id, person_id, 0 from kzgov_internal.office_tenure"
                " where segment = 1 limit 1"
            )


def test_claims_in_their_own_segment_read_and_link_like_any_others(
    make_database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same two files loaded with and without a segment of their own give the same answers, and the
    inferred end of a tenure in one segment names its successor in the other."""
    keepers = _write(tmp_path / "keepers.csv", [*_keepers(1950, 6), "Lighthouse Keeper,Ida Moss,1940-05-01,,Ida Moss"])
    successor = _write(tmp_path / "later.csv", ["Lighthouse Keeper,Per Alm,1944-09-01,1950-03-01,Per Alm"])
    answers = []
    for threshold in (5, 10**9):
        monkeypatch.setattr(segments, "MIN_CLAIMS", threshold)
        with make_database() as url:
            load_paths(url, [keepers])
            load_paths(url, [successor])
            with psycopg.connect(url) as conn:
                answers.append(
                    conn.execute(
                        "select person, valid_from, valid_until, valid_until_basis, source_key"
                        " from kzgov.office_tenures order by valid_from, person"
                    ).fetchall()
                )
                links = conn.execute(
                    "select t.quote, s.quote, i.tenure_segment, i.successor_segment, upper_inf(i.recorded)"
                    " from kzgov_internal.tenure_inference i"
                    " join kzgov_internal.office_tenure t on t.id = i.tenure_id"
                    " join kzgov_internal.office_tenure s on s.id = i.successor_id order by i.id"
                ).fetchall()
                own = 1 if threshold == 5 else 0
                assert links == [  # the first file's own successor, until the second file named an earlier one
                    ("Ida Moss", "Keeper 0 kept the light", own, own, False),
                    ("Ida Moss", "Per Alm", own, 0, True),
                ]
    assert answers[0] == answers[1]
    assert answers[0][0] == ("Ida Moss", dt.date(1940, 5, 1), dt.date(1944, 9, 1), "inferred", "keepers")


def test_a_new_version_of_a_segmented_source_is_written_into_its_partition(
    database_url: str, tmp_path: Path, small_threshold: None
) -> None:
    path = _write(tmp_path / "keepers.csv", _keepers(1950, 8))
    load_paths(database_url, [path])
    _write(path, [*_keepers(1950, 8)[1:], "Lighthouse Keeper,Tove Ek,1990-03-01,,Tove Ek"])
    (summary,) = load_paths(database_url, [path])
    counts = summary.counts["office_tenure"]
    assert (counts.added, counts.unchanged, counts.retired) == (1, 7, 1)
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "select tableoid::regclass::text, upper_inf(recorded), count(*) from kzgov_internal.office_tenure"
            " group by 1, 2 order by 1, 2"
        ).fetchall()
    assert rows == [
        ("kzgov_internal.office_tenure_segment_1", False, 1),
        ("kzgov_internal.office_tenure_segment_1", True, 8),
    ]


def test_a_refused_claim_is_named_by_its_line_and_leaves_no_segment(
    database_url: str, tmp_path: Path, small_threshold: None
) -> None:
    """A check the partition carries over from the table refuses the claim as the table would, named by its line;
    the load leaves no partition, no source and no claim (a check added for the test stands for any rule the
    parsers do not know)."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "alter table kzgov_internal.office_tenure add constraint test_no_forged_quotes check"
            " (quote not like '%forged%')"
        )
    before = table_rows(database_url)
    rows = _keepers(1950, 12)
    rows[6] = "Lighthouse Keeper,Ulla Berg,1920-01-01,1921-01-01,a forged entry"
    path = _write(tmp_path / "keepers.csv", rows)
    with pytest.raises(LoadError) as caught:
        load_paths(database_url, [path])
    message = str(caught.value)
    assert message.startswith(f"{path}:8: refused by the database:"), message
    assert "test_no_forged_quotes" in message
    with psycopg.connect(database_url) as conn:
        assert _partitions(conn) == {"office_tenure_segment_0": "FOR VALUES IN (0)"}
    assert table_rows(database_url) == before


def test_a_load_stopped_after_attaching_leaves_nothing(
    database_url: str, tmp_path: Path, small_threshold: None
) -> None:
    from kzgov.loading import load_source

    def stop() -> None:
        raise KeyboardInterrupt

    before = table_rows(database_url)
    with psycopg.connect(database_url) as conn, pytest.raises(KeyboardInterrupt):
        load_source(conn, _write(tmp_path / "keepers.csv", _keepers(1950, 8)), before_commit=stop)
    assert table_rows(database_url) == before
    with psycopg.connect(database_url) as conn:
        assert _partitions(conn) == {"office_tenure_segment_0": "FOR VALUES IN (0)"}


def test_downgrade_gathers_every_segment_and_upgrade_keeps_every_claim(
    database_url: str, tmp_path: Path, small_threshold: None
) -> None:
    open_ended = "Lighthouse Keeper,Ida Moss,1940-05-01,,Ida Moss"  # ended by Keeper 0's start: one inference
    load_paths(database_url, [_write(tmp_path / "keepers.csv", [*_keepers(1950, 8), open_ended])])
    load_paths(database_url, [_write(tmp_path / "clerks.csv", _keepers(1960, 2, office="Harbour Clerk"))])

    def tenures() -> list[tuple]:
        with psycopg.connect(database_url) as conn:
            return conn.execute(
                "select id, source_id, claim_key, valid, recorded, quote from kzgov_internal.office_tenure order by id"
            ).fetchall()

    def inferences() -> list[tuple]:
        with psycopg.connect(database_url) as conn:
            return conn.execute(
                "select id, tenure_id, successor_id, inferred_until, recorded from kzgov_internal.tenure_inference"
                " order by id"
            ).fetchall()

    claims, links = tenures(), inferences()
    assert len(claims) == 11 and len(links) == 1
    engine = create_engine_for(database_url)
    try:
        migrations.downgrade(engine, "0011")
        assert (tenures(), inferences()) == (claims, links)
        migrations.upgrade(engine)
    finally:
        engine.dispose()
    assert (tenures(), inferences()) == (claims, links)
    with psycopg.connect(database_url) as conn:
        assert _partitions(conn) == {"office_tenure_segment_0": "FOR VALUES IN (0)"}  # a layout, assigned again
        # The identity goes on after the highest id the copy kept.
        load_paths(database_url, [_write(tmp_path / "wardens.csv", _keepers(1970, 1, office="Warden"))])
        assert conn.execute("select max(id) from kzgov_internal.office_tenure").fetchone() == (claims[-1][0] + 1,)


def test_a_large_source_small_against_the_table_shares_segment_0(
    database_url: str, tmp_path: Path, small_threshold: None
) -> None:
    """The number of partitions grows with the table's size, not with the number of large files: a source
    over the threshold gets a segment only if it is also at least a quarter of the tenures already there."""
    loads = [("lighthouse", 40, "Lighthouse Keeper"), ("ferry", 8, "Ferry Master"), ("canal", 12, "Canal Warden")]
    for key, count, office in loads:
        load_paths(database_url, [_write(tmp_path / f"{key}.csv", _keepers(1900, count, office=office))])
    with psycopg.connect(database_url) as conn:
        segment = dict(conn.execute("select key, segment from kzgov_internal.source").fetchall())
        # 40 alone; 8 is over the threshold (5) but under a quarter of 40; 12 is a quarter of 48.
        assert segment == {"lighthouse": 1, "ferry": 0, "canal": 2}
        assert set(_partitions(conn)) == {f"office_tenure_segment_{n}" for n in (0, 1, 2)}
        assert conn.execute("select count(*) from kzgov.office_tenures").fetchone() == (60,)
