"""A changed CSV source is read as its changes: the same claims as reading it whole, for a fraction of the parsing."""

from __future__ import annotations

import io
from pathlib import Path

import psycopg
import pytest
from test_loader import expected_claim_keys, stored_claim_keys

from kzgov import csvdiff
from kzgov.loading import LoadError, check, load_paths, staging
from kzgov.parsing.csvformat import iter_records

HEADER = "office,person,valid_from,valid_until,quote,jurisdiction"


def _row(office: str, person: str, start: str, end: str = "", quote: str | None = None) -> str:
    return f"{office},{person},{start},{end},{quote or f'{person} was {office}.'},TQ"


FIRST = [
    _row("Reeve", "Odo Falk", "1961-02-03", "1966-04-05"),
    _row("Reeve", "Pia Lorn", "1966-04-05", "1970-01-09"),
    _row("Warden", "Ugo Brisk", "1958"),
    _row("Warden", "Ilse Narr", "1972-07", "1980"),
    _row("Steward", "Emer Quill", "1949-11-30", "1955-06-01"),
    _row("Steward", "Tam Vey", "1955-06-01"),
]


def _write(path: Path, rows: list[str], newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((newline.join([HEADER, *rows]) + newline).encode())
    return path


def _records(text: str) -> list[list[str]]:
    return list(iter_records(io.StringIO(text, newline=""), "t.csv"))


# -- reading records and stored text ------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 64])
def test_stored_chunks_read_as_the_lines_of_a_file_whatever_the_piece_edges(size: int) -> None:
    text = 'a,b\r\nc,"d\r\ne"\rf,g\n\nh,i\r\n\r\nj'
    pieces = [text[i : i + size] for i in range(0, len(text), size)]
    assert list(csvdiff.lines_of(pieces)) == io.StringIO(text, newline="").readlines()


def test_records_keep_quoted_line_breaks_and_skip_blank_lines() -> None:
    text = 'name,quote\r\nAva,"one\r\ntwo"\r\n\r\nBo,three'
    assert _records(text) == [["name", "quote"], ["Ava", "one\r\ntwo"], ["Bo", "three"]]


def test_changes_count_records_added_and_removed_with_their_multiplicity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvdiff, "MAX_CHANGED_SHARE", 1.0)  # four changes in four records: a diff all the same
    old = [HEADER, FIRST[0], FIRST[1], FIRST[1], FIRST[2]]
    new = _write(tmp_path / "n.csv", [FIRST[1], FIRST[3], FIRST[0], FIRST[3]])
    gone: list[list[str]] = []
    found = csvdiff.changes(new, iter(_records("\n".join(old))), on_removed=gone.extend)
    assert found is not None
    assert found.old_records == 4
    # Parsing the new file takes both copies of FIRST[3] and nothing else.
    assert [found.wanted(i) for i in range(4)] == [False, True, False, True]
    assert found.added_count == 2
    # One of the two copies of FIRST[1] went, and FIRST[2], handed over as the old records were read.
    assert found.removed_count == 2
    assert [",".join(fields) for fields in gone] == [FIRST[1], FIRST[2]]
    claims = csvdiff.claims_of(found.header, gone, "old.csv")
    assert [claim.evidence.quote for claim in claims] == ["Pia Lorn was Reeve.", "Ugo Brisk was Warden."]


def test_a_record_added_twice_is_its_later_copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvdiff, "MAX_CHANGED_SHARE", 1.0)
    # The old version had FIRST[0] once and FIRST[2] twice; the new one has them three times each.
    old = [HEADER, FIRST[2], FIRST[0], FIRST[2]]
    new = _write(tmp_path / "n.csv", [FIRST[0], FIRST[2], FIRST[0], FIRST[2], FIRST[0], FIRST[2]])
    found = csvdiff.changes(new, iter(_records("\n".join(old))))
    assert found is not None and found.removed_count == 0
    # The first copies stand for the old records; the ones after them are what the new version adds.
    assert [found.wanted(i) for i in range(6)] == [False, False, True, False, True, True]


def test_reading_stops_once_the_records_removed_settle_a_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvdiff, "BATCH", 1)
    # Six old records expected and six new ones: two removed already make four changes of six, over half,
    # so the diff gives up there and hands over no record after the first.
    new = _write(tmp_path / "n.csv", [_row("Reeve", f"Someone {i}", f"19{i + 10}") for i in range(6)])
    gone: list[list[str]] = []
    old = iter(_records("\n".join([HEADER, *FIRST])))
    assert csvdiff.changes(new, old, old_count=6, on_removed=gone.extend) is None
    assert [",".join(fields) for fields in gone] == [FIRST[0]]
    assert len(list(old)) == 4  # and read no further


def test_a_new_header_or_a_rewrite_is_not_read_as_changes(tmp_path: Path) -> None:
    new = _write(tmp_path / "n.csv", FIRST)
    reordered = "person,office,valid_from,valid_until,quote,jurisdiction"
    assert csvdiff.changes(new, iter(_records("\n".join([reordered, *FIRST])))) is None
    rewritten = [_row("Reeve", f"Someone {i}", f"19{i + 10}") for i in range(6)]
    assert csvdiff.changes(new, iter(_records("\n".join([HEADER, *FIRST[:2], *rewritten])))) is None


# -- loading a changed version ------------------------------------------------------------------------


def _count_staged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    staged: list[str] = []
    real = staging.stage_row

    def counting(claim, ctx):
        staged.append(claim.evidence.quote)
        return real(claim, ctx)

    monkeypatch.setattr(staging, "stage_row", counting)
    return staged


def test_a_changed_version_parses_only_its_changes_and_ends_with_its_claims(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clerks = [_row("Clerk", f"Ana Brel {i}", f"17{10 + i}", f"17{11 + i}") for i in range(10)]
    load_paths(database_url, [_write(tmp_path / "v1" / "reeves.csv", FIRST + clerks)])
    # One record edited (a later end), one dropped, one added, two swapped; line endings changed too.
    edited = _row("Warden", "Ilse Narr", "1972-07", "1981")
    added = _row("Chancellor", "Rui Mendel", "1990-03-03")
    second = [FIRST[1], FIRST[0], FIRST[2], edited, FIRST[4], added, *clerks]
    path = _write(tmp_path / "v2" / "reeves.csv", second, newline="\r\n")
    staged = _count_staged(monkeypatch)
    (summary,) = load_paths(database_url, [path])
    # Only the two new records and the two that went (for their claim keys) were parsed.
    assert sorted(staged) == sorted(
        ["Ilse Narr was Warden.", "Rui Mendel was Chancellor.", "Ilse Narr was Warden.", "Tam Vey was Steward."]
    )
    counts = summary.counts["office_tenure"]
    assert (counts.added, counts.unchanged, counts.retired) == (2, 14, 2)
    with psycopg.connect(database_url) as conn:
        assert stored_claim_keys(conn, "reeves") == expected_claim_keys(path)
        # The new claims' evidence is the new version's text at its span.
        text = path.read_bytes().decode()
        rows = conn.execute(
            "select t.quote, t.quote_start, t.quote_end, t.quote_line from kzgov_internal.office_tenure t"
            " join kzgov_internal.source_version v on v.id = t.source_version_id where v.version = 2"
        ).fetchall()
    assert len(rows) == 2
    for quote, start, end, line in rows:
        assert text[start:end] == quote
        assert text.splitlines()[line - 1].endswith(f"{quote},TQ")


def test_a_claim_stated_twice_stays_when_one_of_its_records_goes(database_url: str, tmp_path: Path) -> None:
    # The same tenure twice, in other words: one claim. Dropping one of its records must not retire it,
    # so a version with such restatements is read whole.
    twice = _row("Reeve", "Odo Falk", "1961-02-03", "1966-04-05", quote="Odo Falk: reeve 1961-1966.")
    load_paths(database_url, [_write(tmp_path / "v1" / "reeves.csv", [*FIRST, twice])])
    path = _write(tmp_path / "v2" / "reeves.csv", [twice, *FIRST[1:]])
    (summary,) = load_paths(database_url, [path])
    assert summary.counts["office_tenure"].retired == 0
    with psycopg.connect(database_url) as conn:
        assert stored_claim_keys(conn, "reeves") == expected_claim_keys(path)


def test_a_bad_record_among_the_changes_names_its_line_in_the_new_file(database_url: str, tmp_path: Path) -> None:
    load_paths(database_url, [_write(tmp_path / "v1" / "reeves.csv", FIRST)])
    bad = [*FIRST[:4], _row("Steward", "Emer Quill", "1949-13-30"), *FIRST[5:]]
    path = _write(tmp_path / "v2" / "reeves.csv", bad)
    with pytest.raises(LoadError, match=r"reeves\.csv:6: field valid_from: not a valid date"):
        load_paths(database_url, [path])
    with psycopg.connect(database_url) as conn:
        assert conn.execute("select max(version) from kzgov_internal.source_version").fetchone() == (1,)


@pytest.mark.parametrize("in_process", [False, True])
def test_a_set_whose_changes_hold_a_bad_record_loads_none_of_it(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_process: bool
) -> None:
    # The check that every file of a set parses reads changed files as their changes too.
    if in_process:
        monkeypatch.setattr(check, "CHECK_IN_PROCESS_BYTES", 0)
    wardens = [_row("Warden", f"Nil Oster {i}", f"18{10 + i}", f"18{11 + i}") for i in range(5)]
    load_paths(
        database_url, [_write(tmp_path / "v1" / "a_reeves.csv", FIRST), _write(tmp_path / "v1" / "b.csv", wardens)]
    )
    _write(tmp_path / "v2" / "a_reeves.csv", [*FIRST[1:], _row("Reeve", "Ada Pell", "1971")])
    _write(tmp_path / "v2" / "b.csv", [*wardens[1:], _row("Warden", "Kai Dunn", "1830", "1820")])
    with pytest.raises(LoadError, match=r"b\.csv:6: field valid_until: ends on or before valid_from"):
        load_paths(database_url, [tmp_path / "v2"])
    with psycopg.connect(database_url) as conn:
        assert conn.execute("select max(version) from kzgov_internal.source_version").fetchone() == (1,)


def test_the_check_of_a_set_parses_only_the_changes_of_a_changed_file(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzgov.parsing import csvformat

    load_paths(database_url, [_write(tmp_path / "v1" / "reeves.csv", FIRST)])
    path = _write(tmp_path / "v2" / "reeves.csv", [*FIRST, _row("Reeve", "Ada Pell", "1971")])
    built: list[int] = []
    real = csvformat._BUILDERS["office tenure"]
    monkeypatch.setitem(csvformat._BUILDERS, "office tenure", lambda r, ev: built.append(r.line) or real(r, ev))
    with psycopg.connect(database_url) as conn:
        ((sha, source_id, version_id),) = conn.execute(
            "select v.sha256, v.source_id, v.id from kzgov_internal.source_version v"
        ).fetchall()
    assert check.first_error([path], {"reeves": (sha, source_id, version_id)}, database_url) is None
    assert built == [8]  # the one record added, on line 8
    assert check.first_error([path], {}, database_url) is None  # a new source is parsed whole
    assert built == [8, 2, 3, 4, 5, 6, 7, 8]


def test_digests_are_taken_in_order_as_many_times_as_they_were_counted() -> None:
    keys = [bytes(15) + b"\x01", b"\x07" * 15 + b"\x01", csvdiff.digest(["a", "b"])]
    counts = csvdiff.DigestCounts(bytearray(b"".join([keys[0], keys[0], keys[1]])))
    batch = [keys[0], keys[2], keys[0], keys[0], keys[1], keys[1]]
    assert counts.take(b"".join(batch)).tolist() == [True, False, True, False, True, False]
    assert counts.total() == 0
    assert not csvdiff.DigestCounts(bytearray()).take(keys[0]).any()
    # numpy's fixed-width bytes drop trailing NULs when handing one back: no digest ends in one.
    assert all(csvdiff.digest([str(i)])[-1:] == b"\x01" for i in range(1000))


def test_a_record_there_hundreds_of_times_is_counted_past_a_byte() -> None:
    key, other = csvdiff.digest(["x"]), csvdiff.digest(["y"])
    counts = csvdiff.DigestCounts(bytearray(key * 300 + other), in_order=True)
    assert counts.total() == 301
    taken = counts.take(key * 299)
    assert taken.all() and counts.total() == 2
    # What is left: the last copy of key (place 299) and other (place 300).
    assert counts.left_positions().tolist() == [299, 300]
    assert counts.take(key * 2 + other).tolist() == [True, False, True]
    assert counts.total() == 0 and counts.left_positions().tolist() == []
    assert not counts.take(key).any()


def test_the_copies_left_are_named_by_their_place_in_the_order_given() -> None:
    a, b, c = (csvdiff.digest([name]) for name in "abc")
    given = [c, a, b, a, c, a]  # places 0..5
    counts = csvdiff.DigestCounts(bytearray(b"".join(given)), in_order=True)
    counts.take(a + c)
    # a was given three times and one was taken: its last two (3, 5); c twice, one taken: its last (4); b (2).
    assert counts.left_positions().tolist() == [2, 3, 4, 5]
    distinct = csvdiff.DigestCounts(bytearray(c + a + b), in_order=True)
    distinct.take(b)
    assert distinct.left_positions().tolist() == [0, 1]


@pytest.mark.parametrize("batch", [csvdiff.BATCH, 7])
def test_many_changes_of_a_large_file_end_with_exactly_its_claims(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(csvdiff, "BATCH", batch)  # and with copies of one record split across batches
    # Enough changed records that any digest the counting could mislay would show as a claim kept or lost.
    rows = [
        _row(f"Assessor {i % 37}", f"Vera Kolb {i}", f"1{800 + i // 20}-0{1 + i % 9}-1{i % 10}") for i in range(3000)
    ]
    load_paths(database_url, [_write(tmp_path / "v1" / "assessors.csv", rows)])
    changed = [
        _row(r.split(",")[0], r.split(",")[1], r.split(",")[2], "1999") if i % 5 == 0 else r for i, r in enumerate(rows)
    ]
    path = _write(tmp_path / "v2" / "assessors.csv", changed)
    staged = _count_staged(monkeypatch)
    (summary,) = load_paths(database_url, [path])
    assert len(staged) == 1200  # 600 records changed: read as 600 added and 600 removed, not 3000
    counts = summary.counts["office_tenure"]
    assert (counts.added, counts.unchanged, counts.retired) == (600, 2400, 600)
    with psycopg.connect(database_url) as conn:
        assert stored_claim_keys(conn, "assessors") == expected_claim_keys(path)
