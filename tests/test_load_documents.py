"""Documents through `kzgov load` as a user runs it: one that states nothing still loads, with a warning."""

from __future__ import annotations

from pathlib import Path

import psycopg
from click.testing import CliRunner

from kzgov.cli import main


def test_a_document_with_no_fact_loads_as_a_version_with_a_warning(database_url: str, tmp_path: Path) -> None:
    doc = tmp_path / "walk_notes.txt"
    doc.write_text(
        "Notes from a walk\n\nNothing political is said here; the river was high and 14 ducks swam by.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["load", str(doc), "--database-url", database_url])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings == [
        f"Warning: {doc}: no facts found; kept as version 1 of the source, with 1 sentence(s) listed in "
        "kzgov.uncovered_sentences"
    ]
    with psycopg.connect(database_url) as conn:
        assert conn.execute(
            "select format, version from kzgov.source_versions where key = 'walk_notes'"
        ).fetchall() == [("text", 1)]
        assert conn.execute(
            "select quote from kzgov.uncovered_sentences where source_key = 'walk_notes'"
        ).fetchall() == [("Nothing political is said here; the river was high and 14 ducks swam by.",)]
    again = CliRunner().invoke(main, ["load", str(doc), "--database-url", database_url])
    assert again.exit_code == 0 and "Warning" not in again.stderr  # the same content again changes nothing


def test_extract_writes_nothing_and_shows_lines_and_quotes(database_url: str, tmp_path: Path) -> None:
    doc = tmp_path / "wire.txt"
    doc.write_text(
        "Speaker chosen\n\nASTANA, 9 May 2037 (Wire) – Senators on Monday elected Dana Omarova as their speaker.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(doc), "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "file,line,claim,subject,value,valid_from,valid_until,basis,quote"
    assert lines[1].startswith(f"{doc},3,office_tenure,Chair of the Senate,Dana Omarova,2037-05-04,,inferred,")
    with psycopg.connect(database_url) as conn:
        assert conn.execute("select count(*) from kzgov.sources").fetchone() == (0,)
