"""The check that every file of a set parses skips the files their own loads have parsed already."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import psycopg
import pytest

from kzgov.loading import LoadError, check, load_paths

HEADER = "party,chamber,seats,valid_from,valid_until,quote\n"


def _bad(path: Path) -> Path:
    """Party seats with a negative count on line 3."""
    path.write_text(HEADER + "Gold,Upper Moot,40,1999-01-01,,forty\nGold,Upper Moot,-3,2004-01-01,,minus three\n")
    return path


def test_a_file_its_load_has_parsed_is_not_parsed_again(tmp_path: Path) -> None:
    bad = _bad(tmp_path / "moot.csv")
    error = check.first_error([bad], {})
    assert error is not None and "moot.csv:3" in error
    assert check.first_error([bad], {}, parsed=lambda: {str(bad)}) is None


def test_the_checking_process_is_told_what_the_loads_parsed(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(check, "CHECK_IN_PROCESS_BYTES", 0)  # the check runs in a process of its own
    first, second = _bad(tmp_path / "a_moot.csv"), _bad(tmp_path / "b_moot.csv")
    validation = check.Validation([first, second], {}, database_url, threading.Event())
    validation.parsed_by_load(first)  # before the process starts: told with the request
    validation.start()
    validation.join(timeout=120)
    assert validation.done.is_set()
    assert validation.error is not None and "b_moot.csv:3" in validation.error


def test_the_process_reads_what_it_is_told_as_it_comes_without_waiting() -> None:
    reading, writing = os.pipe()
    try:
        told = check._Told(reading)
        os.write(writing, b'{"files": ["x.csv"]}\nfirst.csv\nsec')
        assert json.loads(told.request()) == {"files": ["x.csv"]}
        assert told.parsed() == {"first.csv"}  # the second name is not whole yet
        os.write(writing, b"ond.csv\n")
        assert told.parsed() == {"first.csv", "second.csv"}
        assert not told.ended
        os.close(writing)
        writing = -1
        assert told.parsed() == {"first.csv", "second.csv"} and told.ended
    finally:
        os.close(reading)
        if writing >= 0:
            os.close(writing)


def test_a_set_with_a_bad_file_still_loads_none_of_it_when_loads_parse_first(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the check skips, a bad file stops the set: its own load fails on it, and no other load of
    the set commits before the check (which still parses the files no load has parsed yet) has ended."""
    monkeypatch.setattr(check, "CHECK_IN_PROCESS_BYTES", 0)
    good = [tmp_path / f"moot_{n}.csv" for n in range(4)]
    for n, path in enumerate(good):
        path.write_text(HEADER + f"Gold,Moot {n},{40 + n},1999-01-01,,forty\n")
    _bad(tmp_path / "moot_z.csv")
    with pytest.raises(LoadError, match=r"moot_z\.csv:3"):
        load_paths(database_url, [tmp_path])
    with psycopg.connect(database_url) as conn:
        assert conn.execute("select count(*) from kzgov_internal.source").fetchone() == (0,)
