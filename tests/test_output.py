"""Terminal tables: columns line up whatever the names are made of (combining accents, wide characters)."""

from __future__ import annotations

import unicodedata

import pytest
from wcwidth import wcswidth

from kzgov.output import render, width

# Names made up for the test. The decomposed ones carry their accents as combining marks (U+0301, U+0308,
# U+0327), which take no column; the CJK and fullwidth ones take two columns a character.
DECOMPOSED = unicodedata.normalize("NFD", "Zhänär Qösemçi")
STACKED = "Da\u0301\u0323ri\u0308\u0301n Tu\u0308\u0304lek"  # two combining marks on one letter, twice
CJK = "王小明"
FULLWIDTH = "ＴＥＳＴ Ｏｆｆｉｃｅ"
MIXED = "Äsel 李 Ｂ"


def bars(line: str) -> list[int]:
    """The terminal columns at which the column separators of a table line stand."""
    found, column = [], 0
    for char in line:
        if char == "|" or char == "+":
            found.append(column)
        column += max(wcswidth(char), 0)
    return found


@pytest.mark.parametrize(
    "names",
    [
        [DECOMPOSED, "Plain Name"],
        [STACKED, "Ab"],
        [CJK, "Li"],
        [FULLWIDTH, "An office"],
        [MIXED, CJK, DECOMPOSED, FULLWIDTH, "x"],
    ],
)
def test_table_separators_line_up_in_terminal_columns(names: list[str]) -> None:
    rows = [(name, "President", "2020-01-01") for name in names]
    lines = render(["person", "office", "valid_from"], rows, "table").splitlines()[:-1]  # without "(n rows)"
    assert len({tuple(bars(line)) for line in lines}) == 1, "\n".join(lines)
    assert len(bars(lines[0])) == 2


def test_width_counts_combining_marks_as_nothing_and_wide_characters_as_two() -> None:
    assert width(DECOMPOSED) == len("Zhanar Qosemci")
    assert width(STACKED) == len("Darin Tulek")
    assert width(CJK) == 6
    assert width(FULLWIDTH) == 2 * 4 + 1 + 2 * 6
    assert width("plain") == 5


def test_a_decomposed_name_pads_like_its_composed_spelling() -> None:
    composed = unicodedata.normalize("NFC", DECOMPOSED)
    table = render(["person", "n"], [(DECOMPOSED, 1), (composed, 2)], "table").splitlines()
    assert bars(table[2]) == bars(table[3]) == bars(table[0])


@pytest.mark.parametrize("name", [CJK * 30, FULLWIDTH * 10, STACKED * 10, "e\u0301" * 100])
def test_long_cells_are_cut_to_the_column_limit_in_terminal_columns(name: str) -> None:
    cell = render(["person"], [(name,)], "table", max_width=20).splitlines()[2].rstrip()
    assert cell.endswith("…")
    assert 19 <= width(cell) <= 20
    kept = cell[:-1]
    assert kept == name[: len(kept)]  # a prefix of the name
    assert not unicodedata.combining(name[len(kept)])  # no accent left behind by its letter


def test_csv_and_json_keep_the_text_as_it_is() -> None:
    csv = render(["person"], [(STACKED,)], "csv")
    assert csv.splitlines()[1] == STACKED
    assert STACKED in render(["person"], [(STACKED,)], "json")


def test_cli_tables_line_up_with_such_names(database_url: str, tmp_path) -> None:
    from click.testing import CliRunner

    from kzgov.cli import main

    source = tmp_path / "names.csv"
    source.write_text(
        "office,person,valid_from,valid_until,quote\n"
        # (a name of CJK letters alone has no key kzgov can store: names.name_key keeps Latin and Cyrillic)
        f"Prime Minister,Wang {CJK},2001-01-01,2002-01-01,{CJK} headed the government.\n"
        f"Prime Minister,{DECOMPOSED},2002-01-01,2003-01-01,{DECOMPOSED} headed the government.\n"
        f"Prime Minister,{FULLWIDTH},2003-01-01,2004-01-01,{FULLWIDTH} headed the government.\n",
        encoding="utf-8",
    )
    loaded = CliRunner().invoke(main, ["load", str(source), "--database-url", database_url])
    assert loaded.exit_code == 0, loaded.output
    result = CliRunner().invoke(main, ["history", "Prime Minister", "--database-url", database_url])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()[:-1]
    assert len(lines) == 5
    assert len({tuple(bars(line)) for line in lines}) == 1, result.stdout
