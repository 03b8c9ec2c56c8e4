"""The corpus of bad inputs (tests/bad_inputs/): each refused by `kzgov load` with one line naming the file
and the line or field, a non-zero exit, and the database exactly as before."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sql_fixtures import table_rows

from kzgov.cli import main

CORPUS = Path(__file__).parent / "bad_inputs"
EXPECTED = {
    "empty.txt": r"empty\.txt: empty file$",
    "binary.txt": r"binary\.txt:3: binary data",
    "invalid_utf8.txt": r"invalid_utf8\.txt:3: not UTF-8",
    "truncated_front_matter.txt": r"truncated_front_matter\.txt:1: front matter .* never closed",
    "unclosed_table.txt": r"unclosed_table\.txt:10: \[TABLE\] is never closed",
    "wrong_cell_count.txt": r"wrong_cell_count\.txt:14: table row has 4 cells, its header has 5",
    "impossible_date.csv": r"impossible_date\.csv:2: field valid_from: .*'2023-02-30'",
    "end_before_start.csv": r"end_before_start\.csv:2: field valid_until: ends on or before valid_from",
    "negative_seats.csv": r"negative_seats\.csv:2: field seats: negative",
    "vote_share_130.csv": r"vote_share_130\.csv:2: field vote_share: 130 is outside 0-100",
    "duplicated_column.csv": r"duplicated_column\.csv:1: duplicated column 'person'",
    "missing_column.csv": r"missing_column\.csv:1: missing required column 'valid_until'",
    "nan_value.csv": r"nan_value\.csv:2: field value: not a number: 'NaN'",
    "huge_value.csv": r"huge_value\.csv:2: field value: 10{400} is too large",
    "bidi_name.csv": r"bidi_name\.csv:2: field person: holds an invisible character U\+202E \(RIGHT-TO-LEFT OVERRIDE\)",
    "-rf.txt": r"-rf\.txt: the file name gives the source key '-rf', which must begin with a letter or digit",
}


@pytest.fixture
def loaded(database_url: str, seeds_dir: Path) -> str:
    """A database already holding the seeds, so 'nothing written' is checked against real rows."""
    result = CliRunner().invoke(main, ["load", "--database-url", database_url])
    assert result.exit_code == 0, result.output
    return database_url


def test_corpus_is_complete() -> None:
    assert sorted(p.name for p in CORPUS.iterdir() if p.name != "README.md") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_one_line_error_nonzero_exit_nothing_written(loaded: str, name: str) -> None:
    before = table_rows(loaded)
    result = CliRunner().invoke(main, ["load", str(CORPUS / name), "--database-url", loaded])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert re.search(EXPECTED[name], lines[0]), lines[0]
    assert table_rows(loaded) == before


def test_noise_of_fifty_megabytes_is_refused(loaded: str, tmp_path: Path) -> None:
    noise = tmp_path / "noise.bin"
    noise.write_bytes(os.urandom(50 * 1024 * 1024))
    before = table_rows(loaded)
    result = CliRunner().invoke(main, ["load", str(noise), "--database-url", loaded])
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "noise.bin:" in result.stderr
    assert table_rows(loaded) == before


def test_directory_with_a_bad_file_loads_nothing_unless_keep_going(
    database_url: str, seeds_dir: Path, tmp_path: Path
) -> None:
    shutil.copy(seeds_dir / "003_e0c5cb5264b09767.txt", tmp_path)
    shutil.copy(seeds_dir / "registry.csv", tmp_path)
    shutil.copy(CORPUS / "vote_share_130.csv", tmp_path)
    before = table_rows(database_url)
    refused = CliRunner().invoke(main, ["load", str(tmp_path), "--database-url", database_url])
    assert refused.exit_code == 1 and "vote_share_130.csv:2" in refused.stderr
    assert table_rows(database_url) == before

    kept = CliRunner().invoke(main, ["load", str(tmp_path), "--keep-going", "--database-url", database_url])
    assert kept.exit_code == 1  # something was bad, and it says so
    assert "003_e0c5cb5264b09767  new v1" in kept.stdout
    errors = [line for line in kept.stderr.splitlines() if not line.startswith("kzgov: ")]  # a line per file loaded
    assert len(errors) == 1 and "vote_share_130.csv:2" in errors[0]


def test_a_directory_says_what_it_skips_and_an_empty_one_is_named(database_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    (folder / "older").mkdir(parents=True)
    (folder / "older" / "inside.txt").write_text("The Senate has 43 members.\n", encoding="utf-8")
    (folder / "plain.txt").write_text("The Senate has 41 members.\n", encoding="utf-8")
    (folder / ".draft.txt").write_text("The Senate has 40 members.\n", encoding="utf-8")
    outside = tmp_path / "kept_elsewhere.txt"
    outside.write_text("The Mazhilis has 77 members.\n", encoding="utf-8")
    (folder / "linked.txt").symlink_to(outside)
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    result = CliRunner().invoke(main, ["load", str(folder), "--database-url", database_url])
    assert result.exit_code == 0, result.output
    assert "linked  new v1" in result.stdout and "plain   new v1" in result.stdout
    skipped = sorted(line for line in result.stderr.splitlines() if "skipped" in line)
    assert skipped == [
        f"kzgov: skipped {folder / '.draft.txt'}: a hidden file",
        f"kzgov: skipped {folder / 'gone.txt'}: a link to nothing",
        f"kzgov: skipped {folder / 'older'}: a directory: name it to load what it holds",
    ]

    empty = tmp_path / "nothing_here"
    empty.mkdir()
    (empty / "sub").mkdir()
    before = table_rows(database_url)
    refused = CliRunner().invoke(main, ["load", str(empty), "--database-url", database_url])
    assert refused.exit_code == 1
    assert refused.stderr.strip().splitlines()[-1] == f"Error: {empty}: no source files in this directory"
    assert table_rows(database_url) == before
