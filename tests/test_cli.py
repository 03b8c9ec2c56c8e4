"""The CLI: help on every command, `db` commands, one-line errors."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from kzgov.cli import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*prefix, name)))
    return found


@pytest.mark.parametrize("path", _commands(main), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert command.help and command.help.strip(), f"kzgov {' '.join(path)} has no help text"
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output


def test_db_url_prints_only_the_url(database_url: str) -> None:
    result = CliRunner().invoke(main, ["db", "url", "--database-url", database_url])
    assert result.exit_code == 0
    assert result.stdout == database_url + "\n"


def test_db_current_reports_head(database_url: str) -> None:
    from kzgov.migrations import head_revision

    result = CliRunner().invoke(main, ["db", "current", "--database-url", database_url])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{head_revision()} (head)"


def test_db_downgrade_and_upgrade(empty_database_url: str) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade", "--database-url", empty_database_url]).exit_code == 0
    result = runner.invoke(main, ["db", "downgrade", "base", "--database-url", empty_database_url])
    assert result.exit_code == 0 and result.stdout.strip().endswith("-> base")
    result = runner.invoke(main, ["db", "current", "--database-url", empty_database_url])
    assert result.stdout.strip().startswith("empty")


@pytest.mark.parametrize("question", [["who", "President", "--on", "2020-01-01"], ["sources"]])
def test_question_to_an_external_server_never_migrated_is_refused_with_one_line(
    empty_database_url: str, question: list[str]
) -> None:
    result = CliRunner().invoke(main, [*question, "--database-url", empty_database_url])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()] and "run `kzgov db upgrade`" in result.stderr


def test_external_server_behind_is_refused_with_one_line(empty_database_url: str, tmp_path) -> None:
    source = tmp_path / "doc.txt"
    source.write_text("irrelevant")
    result = CliRunner().invoke(main, ["load", str(source), "--database-url", empty_database_url])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()] and "run `kzgov db upgrade`" in result.stderr


def test_unreachable_database_url_is_one_line_error() -> None:
    result = CliRunner().invoke(main, ["db", "current", "--database-url", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1


def test_loading_and_asking_import_neither_sqlalchemy_nor_numpy() -> None:
    # Each import costs start-up time and tens of MB in every load process and its check process;
    # they are needed only to migrate a database, or to diff a new version against an old one.
    import subprocess
    import sys

    script = (
        "import sys, kzgov.cli, kzgov.loading, kzgov.queries\n"
        "print(sorted({'sqlalchemy', 'alembic', 'numpy', 'pandas'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"


def test_ctrl_c_in_a_question_is_one_line_and_status_130(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzgov import queries

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(queries, "who", interrupted)
    result = CliRunner().invoke(main, ["who", "prime minister", "--on", "2020-01-01", "--database-url", database_url])
    assert result.exit_code == 130
    assert result.stderr.strip() == "kzgov: interrupted (Ctrl-C)"
    assert "Aborted" not in result.output


def test_the_loading_package_gives_every_name_it_lists() -> None:
    import kzgov.loading as loading

    assert sorted(loading.__all__) == sorted(loading._HOMES)
    assert all(getattr(loading, name) is not None for name in loading.__all__)


def test_asking_imports_no_parser(database_url: str, seeds_dir) -> None:
    """`kzgov who` as a user runs it imports none of the parsers (their patterns take a quarter of a second
    to compile) nor the loader: only what asking needs."""
    import subprocess
    import sys

    from kzgov.loading import load_paths

    load_paths(database_url, [seeds_dir])
    script = (
        "import sys\n"
        "from kzgov.cli import main\n"
        "try:\n"
        f"    main(['who', 'prime minister', '--on', '2020-01-01', '--database-url', {database_url!r}])\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        "print(sorted(m for m in sys.modules if m.startswith(('kzgov.parsing', 'kzgov.loading.'))))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert "Mamin" in done.stdout  # it answered
    assert done.stdout.strip().splitlines()[-1] == "['kzgov.loading.parts', 'kzgov.loading.specs']"


def test_load_timings_say_where_the_time_went_phase_by_phase(database_url: str, tmp_path) -> None:
    from kzgov.loading import load_paths
    from kzgov.loading.summary import PHASES

    register = tmp_path / "wardens.csv"
    rows = [f"Warden of Fen,Keeper {i},{1800 + i}-04-01,,Keeper {i} took the keys" for i in range(40)]
    register.write_text("office,person,valid_from,valid_until,quote\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(register), "--timings", "--database-url", database_url])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("time by phase, summed over the files (files loaded at the same time overlap):")
    listed = [line.split("  ")[1].strip() for line in lines[start + 1 : start + 1 + len(PHASES)]]
    assert listed == list(PHASES)
    assert lines[start + 1 + len(PHASES)].startswith("  all phases")

    # The same figures on each summary: every phase the load passed through, none negative. A source this
    # small is written into the shared segment: only a large new source's has a partition indexed for it
    # (tests/test_segments.py).
    again = tmp_path / "more_wardens.csv"
    again.write_text(register.read_text(encoding="utf-8").replace("Fen", "Moor"), encoding="utf-8")
    (summary,) = load_paths(database_url, [again])
    assert set(summary.phases) == set(PHASES) - {"indexing a new segment"}
    assert all(seconds >= 0 for seconds in summary.phases.values())
    (unchanged,) = load_paths(database_url, [again])
    assert unchanged.status == "unchanged" and set(unchanged.phases) == {"reading"}
