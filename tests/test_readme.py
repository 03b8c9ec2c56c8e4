"""The README is a transcript: its `$ ` examples are replayed against the seeds and must print what it shows.

Every ```console block of README.md is read. A line starting with `$ ` is a command; the lines after it,
up to the next command or the end of the block, are its output (blank lines at the end dropped). The
commands run in order, in one fresh database and one empty working directory, as a reader would type them:

- `$ cat FILE`: the README shows the file it is about to use. Its lines are written to FILE (nothing to
  compare: the README's text is the input).
- `$ kzgov ...`: run through the click entry point (kzgov.cli.main) with KZGOV_DATABASE_URL naming the
  test database, the way a reader's shell would pass it. What a terminal shows is compared: stdout and
  stderr interleaved, except the progress of `kzgov load`, which a terminal redraws on one line and erases
  while a pipe gets one line per file (see TERMINAL_ONLY).
- `$ psql "$(kzgov db url)" -c "SQL"`: `kzgov db url` is run as above, and psql (the one that comes with
  the embedded server, so any machine has it) runs SQL against that URL, with no ~/.psqlrc and UTF-8.

Then each ```python block runs in the same database (KZGOV_DATABASE_URL set, as `resolve_url()` reads it):
those examples show no output, so they must run and their DataFrames must not be empty.

The README's first command runs on an embedded server that has no schema yet, which kzgov upgrades and
says so on stderr. kzgov never upgrades a named server by itself, so the test database starts empty and
the test upgrades it with the same call (kzgov.migrations.ensure_current with auto_upgrade, as
kzgov.cli.Runtime does for the embedded server), printing its note where the first command would.

Only what depends on the day or the machine is masked (MASKS), in the README and the replay alike: the
moments the database recorded something (a timestamp with a time of day: loaded_at, recorded periods;
kzgov shows today's date only inside such moments, since the seeds' present-tense windows end on the
retrieval dates of seeds/registry.csv), a database URL with its user, host, port and socket directory,
and the directories of an absolute path (its file name is kept). Valid-time dates, counts, ids and quotes
are compared as they are. Spaces at the end of a line are not compared (psql pads its header; the
README's Markdown does not keep them).

Not replayed: the console lines without `$ `, which are set-up and maintenance commands with no output
shown (SETUP lists them, each with the reason); a line not listed there fails the test, so a new
example is replayed or consciously skipped, never silently ignored.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from kzgov.cli import main
from kzgov.db import create_engine_for
from kzgov.embedded import bin_dir
from kzgov.migrations import ensure_current

README = Path(__file__).resolve().parents[1] / "README.md"

# Console lines that are not replayed, and why.
SETUP = {
    "pip install . && kzgov load": "installs kzgov; its `kzgov load` is the `$ kzgov load` replayed below",
    "pip install '.[test]' && pytest": "installs the test extra and runs this very suite",
    "KZGOV_TEST_PG_BIN=/usr/lib/postgresql/15/bin pytest": "runs this suite on another server",
    "ruff check . && ruff format --check . && mypy": "CI's lint, format and type checks, run by CI itself",
    "python -m benchmarks.run --size 1M": "a benchmark of about an hour; tests/test_benchmarks_smoke.py runs it small",
}

# (pattern, placeholder): what depends on the day or the machine, masked on both sides before comparing.
MASKS = (
    # A recorded moment (loaded_at, the bounds of a recorded period): a date with a time of day, any zone.
    (re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:?\d{2})?|Z)?"), "<moment>"),
    # A database URL: user, password, host, port, socket directory and database name are the machine's.
    (re.compile(r"postgres(ql)?(\+psycopg)?://\S+"), "<database-url>"),
    # The directories of an absolute path (the working directory, the installed seeds), not its file name.
    (re.compile(r"(?<![\w.:/])(/[\w.-]+)+/"), "<dir>/"),
)

# Lines of a replay that a terminal does not keep: in a pipe, `kzgov load` reports each file loaded on
# stderr ("kzgov: PATH: new v1, 9 added, 0 unchanged, 0 retired"); a terminal gets the same progress
# redrawn on one line, erased before the summary.
TERMINAL_ONLY = re.compile(r"^kzgov: .+: \w+ v\d+, \d+ added, \d+ unchanged, \d+ retired$")


@dataclass(frozen=True)
class Example:
    """One command of the README and the output it shows."""

    line: int  # where the command is in README.md, for messages
    command: str
    output: str


def fenced_blocks(text: str, language: str) -> Iterator[tuple[int, list[str]]]:
    """The fenced blocks of one language in a Markdown text: the line number of each block's first line, and
    its lines."""
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        if lines[number].strip() == f"```{language}":
            start = number + 1
            end = next(i for i in range(start, len(lines)) if lines[i].strip() == "```")
            yield start + 1, lines[start:end]
            number = end
        number += 1


def examples(text: str) -> tuple[list[Example], list[str]]:
    """The `$ ` commands of text's console blocks with their output, and the console lines without `$ `."""
    found: list[Example] = []
    other: list[str] = []
    for first, lines in fenced_blocks(text, "console"):
        starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
        if not starts:
            other += [line for line in lines if line.strip()]
            continue
        if starts[0] != 0:
            raise ValueError(f"README.md:{first}: output before the first command of a console block")
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(lines)
            output = "\n".join(lines[start + 1 : end]).rstrip("\n")
            found.append(Example(first + start, lines[start][2:], output))
    return found, other


def mask(text: str) -> str:
    """text with what depends on the day or the machine replaced by placeholders (MASKS)."""
    for pattern, placeholder in MASKS:
        text = pattern.sub(placeholder, text)
    return text


def _lines(text: str) -> list[str]:
    # Spaces ending a line are not compared: psql pads its header line with them, and a Markdown file
    # does not keep them (editors and linters strip them).
    return [line.rstrip() for line in mask(text).splitlines()]


def difference(expected: str, actual: str) -> str:
    """A unified diff of expected and actual output after masking; empty when they agree."""
    diff = difflib.unified_diff(
        _lines(expected),
        _lines(actual),
        "README",
        "replay",
        lineterm="",
    )
    return "\n".join(diff)


class Replay:
    """A reader's session: one database, one working directory, commands run in order."""

    def __init__(self, url: str, workdir: Path) -> None:
        self.url = url
        self.workdir = workdir
        self.pending_note: str | None = None

    def kzgov(self, args: list[str]) -> str:
        result = CliRunner(env={"KZGOV_DATABASE_URL": self.url}).invoke(main, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        lines = [line for line in result.output.splitlines() if not TERMINAL_ONLY.match(line)]
        if self.pending_note:
            lines.insert(0, self.pending_note)
            self.pending_note = None
        return "\n".join(lines)

    def psql(self, url_command: str, args: list[str]) -> str:
        url = self.kzgov(shlex.split(url_command)[1:])
        env = {**os.environ, "PSQLRC": os.devnull, "PGCLIENTENCODING": "UTF8"}
        done = subprocess.run(
            [str(bin_dir() / "psql"), url, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        return (done.stdout + done.stderr).rstrip("\n")

    def run(self, example: Example) -> str | None:
        """What the example's command prints, or None for a command that only sets the scene."""
        words = shlex.split(example.command)
        if words[0] == "cat" and len(words) == 2:
            (self.workdir / words[1]).write_text(example.output + "\n", encoding="utf-8")
            return None
        if words[0] == "kzgov":
            return self.kzgov(words[1:])
        psql = re.fullmatch(r'psql "\$\((kzgov db url)\)" (.*)', example.command)
        if psql:
            return self.psql(psql.group(1), shlex.split(psql.group(2)))
        raise AssertionError(f"README.md:{example.line}: no way to replay {example.command!r}")


@pytest.fixture
def replay(empty_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Replay:
    """A session in an empty working directory on a database with no schema, which the first command finds
    upgraded, as on the embedded server (see the module's docstring)."""
    monkeypatch.chdir(tmp_path)
    session = Replay(empty_database_url, tmp_path)
    engine = create_engine_for(empty_database_url)
    try:
        note = ensure_current(engine, auto_upgrade=True)
    finally:
        engine.dispose()
    session.pending_note = f"kzgov: {note}"
    return session


def test_readme_examples_print_what_the_readme_shows(replay: Replay, monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    found, _ = examples(text)
    assert found, "README.md has no `$ ` examples"
    failures = []
    for example in found:
        actual = replay.run(example)
        if actual is None:
            continue
        diff = difference(example.output, actual)
        if diff:
            failures.append(f"README.md:{example.line}: $ {example.command}\n{diff}")
    assert not failures, "the README's transcript is no longer true:\n\n" + "\n\n".join(failures)
    # The Python examples show no output: they must run, on the database the examples above loaded.
    monkeypatch.setenv("KZGOV_DATABASE_URL", replay.url)
    for first, lines in fenced_blocks(text, "python"):
        namespace: dict[str, object] = {}
        exec(compile("\n".join(lines), f"README.md:{first}", "exec"), namespace)
        frames = [v for v in namespace.values() if type(v).__name__ == "DataFrame"]
        assert frames and all(len(f) for f in frames), f"README.md:{first}: the example answers nothing"


def test_readme_console_lines_not_replayed_are_the_known_setup_commands() -> None:
    _, other = examples(README.read_text(encoding="utf-8"))
    assert sorted(other) == sorted(SETUP)


# -- the comparison itself ----------------------------------------------------------------------------

SAMPLE = "$ kzgov sources\nkey | loaded_at\n----+--------------------------\nabc | 2026-11-24 10:01:02+00\n(1 row)"


def test_examples_split_commands_and_their_output() -> None:
    text = f"intro\n\n```console\n{SAMPLE}\n\n$ cat x.txt\nhello\n```\n\n```console\npip install .\n```\n"
    found, other = examples(text)
    assert found == [
        Example(
            4,
            "kzgov sources",
            "key | loaded_at\n----+--------------------------\nabc | 2026-11-24 10:01:02+00\n(1 row)",
        ),
        Example(10, "cat x.txt", "hello"),
    ]
    assert other == ["pip install ."]


@pytest.mark.parametrize(
    ("actual", "agrees"),
    [
        ("key | loaded_at\n----+--------------------------\nabc | 2026-11-24 10:01:02+00\n(1 row)", True),
        ("key | loaded_at\n----+--------------------------\nabc | 2027-01-31 23:59:59.123+05:30\n(1 row)", True),
        ("key | loaded_at\n----+--------------------------\nabd | 2026-11-24 10:01:02+00\n(1 row)", False),
        ("key | loaded_at\n----+--------------------------\nabc | 2026-11-25\n(1 row)", False),
        ("key | loaded_at\n----+--------------------------\nabc | 2026-11-24 10:01:02+00\n(2 rows)", False),
        ("key | loaded_at\n----+--------------------------\nabc | 2026-11-24 10:01:02+00", False),
        ("key | loaded_at\n----+--------------------------\nabc | 2026-11-24 10:01:02+00\n(1 row)\nmore", False),
    ],
    ids=["same", "other-moment", "changed-value", "date-is-not-a-moment", "changed-count", "line-lost", "line-added"],
)
def test_difference_masks_only_moments(actual: str, agrees: bool) -> None:
    expected = SAMPLE.split("\n", 1)[1]
    assert (difference(expected, actual) == "") is agrees


@pytest.mark.parametrize(
    ("actual", "agrees"),
    [
        ("url: postgresql://kzgov_reader:pw@127.0.0.1:5433/kzgov\nkzgov: /home/me/story.txt: new v1", True),
        ("url: postgresql://postgres@/kzgov_test_1?host=/tmp/s&port=5999\nkzgov: /tmp/x/story.txt: new v1", True),
        ("url: postgresql://postgres@/kzgov_test_1?host=/tmp/s&port=5999\nkzgov: /tmp/x/story.txt: new v2", False),
        ("url: postgresql://postgres@/kzgov_test_1?host=/tmp/s&port=5999\nkzgov: /tmp/x/other.txt: new v1", False),
        ("url: postgresql://kzgov_reader:pw@127.0.0.1:5433/kzgov\nkzgov: story.txt: new v1", False),
    ],
    ids=["same", "other-machine", "changed-version", "other-file", "relative-path"],
)
def test_difference_masks_database_urls_and_directories(actual: str, agrees: bool) -> None:
    expected = "url: postgresql://kzgov_reader:pw@127.0.0.1:5433/kzgov\nkzgov: /home/me/story.txt: new v1"
    assert (difference(expected, actual) == "") is agrees


@pytest.mark.parametrize("text", ["0.0/0.0 MB", "and/or", "table|csv|json", "1/2 of the seats"])
def test_mask_leaves_slashes_that_are_not_paths(text: str) -> None:
    assert mask(text) == text


def test_a_changed_line_of_the_readme_fails_the_replay(replay: Replay) -> None:
    """The replay can fail: one figure changed in the README's pasted output is a difference."""
    found, _ = examples(README.read_text(encoding="utf-8"))
    load = next(e for e in found if e.command == "kzgov load")
    actual = replay.run(load)
    assert actual is not None
    assert difference(load.output, actual) == ""
    changed = load.output.replace("92 added", "93 added")
    assert changed != load.output
    assert "-4 source(s): 93 added" in difference(changed, actual)
