"""The `kzgov` command line: a thin layer over the library and the SQL in the database."""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from kzgov.loading import LoadWatcher
else:
    LoadWatcher = object  # the loader is imported only to load; a watcher needs nothing of it at run time


class Runtime:
    """Per-invocation state: the database is resolved only when a command needs it."""

    def __init__(self) -> None:
        self.database_url: str | None = None
        self.wide = False
        self._url: str | None = None
        self._engine: Engine | None = None

    @property
    def url(self) -> str:
        if self._url is None:
            from kzgov.db import resolve_url

            self._url = resolve_url(self.database_url)
        return self._url

    def engine(self, *, need_schema: bool = True) -> Engine:
        """The engine, with the schema at head: upgraded on the embedded default, refused elsewhere."""
        if self._engine is None:
            from kzgov.db import create_engine_for, uses_embedded

            self._engine = create_engine_for(self.url)
            if need_schema:
                from kzgov.migrations import ensure_current

                note = ensure_current(self._engine, auto_upgrade=uses_embedded(self.database_url))
                if note:
                    click.echo(f"kzgov: {note}", err=True)
        return self._engine

    def dispose(self) -> None:
        """Close the engine's pooled connections now, in the middle of a command."""
        if self._engine is not None:
            self._engine.dispose()

    def close(self) -> None:
        """Dispose of the engine at the end of a command, shielded from Ctrl-C.

        The command's work is done by now (a load's files are committed and listed), so a Ctrl-C while
        the pool closes its connections is noted rather than raised: the closing is not cut short, the
        pool logs no traceback and click says no "Aborted!"; kzgov says so in one line and exits 130.
        """
        engine, self._engine = self._engine, None
        if engine is None:
            return
        with _ctrl_c_noted() as noted:
            engine.dispose()
        # A command ending in an error or an exit of its own says why itself; click before 8.2 closes the
        # context while its exit (status 0) after a command that finished is under way.
        ending = sys.exc_info()[1]
        finished = ending is None or (isinstance(ending, click.exceptions.Exit) and ending.exit_code == 0)
        if noted and finished:
            click.echo(f"kzgov: {CLOSING_INTERRUPTED}", err=True)
            raise SystemExit(EXIT_INTERRUPTED)


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl-C
INTERRUPTED = "interrupted (Ctrl-C)"
CLOSING_INTERRUPTED = "interrupted while closing; the command had finished and everything listed above was committed"


@contextlib.contextmanager
def _ctrl_c_noted() -> Iterator[list[int]]:
    """Within: a SIGINT is appended to the list yielded instead of raising KeyboardInterrupt, so the code
    inside runs to its end. A process that ignores SIGINT, or a thread that cannot set handlers, is left as
    it is."""
    import signal
    import threading

    noted: list[int] = []
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or previous in (signal.SIG_IGN, None):
        yield noted
        return
    signal.signal(signal.SIGINT, lambda signum, _frame: noted.append(signum))
    try:
        yield noted
    finally:
        signal.signal(signal.SIGINT, previous)


def pass_runtime(func: Callable[..., Any]) -> Callable[..., Any]:
    """Hand the command the Runtime, turning expected failures into one-line errors."""

    @functools.wraps(func)
    @click.pass_obj
    def wrapper(runtime: Runtime, *args: Any, **kwargs: Any) -> Any:
        from kzgov.errors import expected_errors, one_line

        try:
            return func(runtime, *args, **kwargs)
        except expected_errors() as exc:
            raise click.ClickException(one_line(exc)) from exc
        except KeyboardInterrupt:
            # Ctrl-C in a command that does not handle it itself (a load says what it left behind): one line and the
            # status a shell gives a command stopped by Ctrl-C, not click's "Aborted!" and 1.
            click.echo(err=True)  # ends the line the output was cut in
            _interrupted(INTERRUPTED)

    return wrapper


def database_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--database-url, accepted by every command that touches the database."""

    def remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value:
            ctx.ensure_object(Runtime).database_url = value
        return value

    return click.option(
        "--database-url",
        envvar="KZGOV_DATABASE_URL",
        expose_value=False,
        callback=remember,
        is_eager=True,
        help="PostgreSQL >= 15 to use (default: the embedded server in KZGOV_HOME).",
    )(func)


@click.group()
@click.version_option(package_name="kzgov")
@database_option
@click.pass_context
def main(ctx: click.Context) -> None:
    """kzgov: Kazakhstan's government over time, from sources that disagree."""
    runtime = ctx.ensure_object(Runtime)
    ctx.call_on_close(runtime.close)


# -- db -----------------------------------------------------------------------------------------------


@main.group()
def db() -> None:
    """Manage the database: where it is, its schema, the embedded server."""


@db.command("url")
@database_option
@pass_runtime
def db_url(runtime: Runtime) -> None:
    """Print the connection URL (and nothing else), starting the embedded server if needed."""
    click.echo(runtime.url)


@db.command("upgrade")
@click.argument("revision", default="head")
@database_option
@pass_runtime
def db_upgrade(runtime: Runtime, revision: str) -> None:
    """Migrate the schema up to REVISION (default: head)."""
    from kzgov import migrations

    engine = runtime.engine(need_schema=False)
    before = migrations.current_revision(engine)
    migrations.upgrade(engine, revision)
    click.echo(f"schema: {before or 'empty'} -> {migrations.current_revision(engine)}")


@db.command("downgrade")
@click.argument("revision")
@click.option("--force", is_flag=True, help="Also take steps that delete loaded data (refused otherwise).")
@database_option
@pass_runtime
def db_downgrade(runtime: Runtime, revision: str, force: bool) -> None:
    """Migrate the schema down to REVISION ('base' removes every kzgov table)."""
    from kzgov import migrations

    engine = runtime.engine(need_schema=False)
    before = migrations.current_revision(engine)
    migrations.downgrade(engine, revision, force=force)
    click.echo(f"schema: {before or 'empty'} -> {migrations.current_revision(engine) or 'base'}")


@db.command("current")
@database_option
@pass_runtime
def db_current(runtime: Runtime) -> None:
    """Print the schema revision of the database and whether it is the newest."""
    from kzgov import migrations

    engine = runtime.engine(need_schema=False)
    current, head = migrations.current_revision(engine), migrations.head_revision()
    state = "head" if current == head else f"behind head {head}"
    click.echo(f"{current or 'empty'} ({state})")


@db.command("stop")
@pass_runtime
def db_stop(runtime: Runtime) -> None:
    """Stop the embedded server (it starts again with the next command that needs it)."""
    from kzgov.embedded import default_server

    stopped = default_server().stop()
    click.echo("embedded server stopped" if stopped else "embedded server was not running")


@db.command("serve")
@click.option("--port", type=click.IntRange(1024, 65535), default=5433, show_default=True, help="TCP port.")
@click.option("--detach", is_flag=True, help="Leave the server listening and return at once.")
@click.option(
    "--wait",
    is_flag=True,
    help="If the server must restart to listen on TCP while sessions use it, wait for them to end (default: refuse).",
)
@click.option(
    "--analyst",
    is_flag=True,
    help="Log in as kzgov_analyst, which reads what the reader reads and may create tables and views in schema"
    " kzgov_analyst (dbt models), instead of the read-only kzgov_reader.",
)
@database_option
@pass_runtime
def db_serve(runtime: Runtime, port: int, detach: bool, wait: bool, analyst: bool) -> None:
    """Expose the embedded database to BI tools on 127.0.0.1, read-only, as role kzgov_reader.

    With --analyst, as role kzgov_analyst instead: the same views and functions, and its own schema
    kzgov_analyst to create tables and views in (e.g. dbt models, materialized as tables).
    Prints the settings a BI tool asks for. Without --detach it serves until interrupted,
    then closes TCP to logins again; `kzgov db stop` ends a detached one. Work in flight is
    never interrupted: opening (and closing) is a reload, except that a server not yet
    listening on the port must restart, which kzgov does only when no session is connected.
    """
    from kzgov.db import uses_embedded
    from kzgov.embedded import DATABASE, default_server
    from kzgov.reader import ANALYST_ROLE, READER_ROLE, enable_reader_login

    role = ANALYST_ROLE if analyst else READER_ROLE
    if not uses_embedded(runtime.database_url):
        raise click.ClickException("db serve exposes the embedded server only; a named server has its own access rules")
    server = default_server()
    runtime.engine()  # schema at head, so the roles and their grants exist
    password = server.reader_password(role)
    enable_reader_login(runtime.url, password, role)
    runtime.dispose()  # its pooled connection would count as a session in flight
    server.open_tcp(port, wait=wait)
    click.echo(f"host: 127.0.0.1\nport: {port}\ndatabase: {DATABASE}\nuser: {role}\npassword: {password}")
    click.echo(f"url: postgresql://{role}:{password}@127.0.0.1:{port}/{DATABASE}")
    if analyst:
        click.echo("schema: kzgov (views and functions to read); kzgov_analyst (the role's own tables and views)")
    else:
        click.echo("schema: kzgov (views and functions only; the role cannot write)")
    if detach:
        return
    click.echo("serving; press Ctrl-C to stop listening on TCP", err=True)

    def restore() -> None:
        # While serving, put back within seconds what kzgov_reader may change about itself (kzgov.reader).
        import psycopg

        from kzgov.reader import restore_reader

        # (server.url(), not runtime.url: the socket's name follows the port the server now listens on)
        with contextlib.suppress(psycopg.OperationalError), psycopg.connect(server.url(), autocommit=True) as conn:
            restore_reader(conn, password, role=role)

    try:
        signal_wait(every=5, tick=restore)
    finally:
        server.close_tcp()
        click.echo("TCP closed to logins; the unix socket stays", err=True)


def signal_wait(every: float | None = None, tick: Callable[[], None] | None = None) -> None:
    """Block until SIGINT or SIGTERM, calling tick every `every` seconds meanwhile."""
    import signal
    import threading

    received = threading.Event()

    def stop(_signum: int, _frame: object) -> None:
        received.set()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not received.wait(every):
            if tick is not None:
                tick()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# -- load ---------------------------------------------------------------------------------------------


def _supported_date(_ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A date kzgov can hold a statement of (one day long, so it must end by 9999-12-31)."""
    from kzgov.registry import LAST_DAY

    if value is not None and value.date() > LAST_DAY:
        raise click.BadParameter(f"{value.date()} is out of range: the last date supported is {LAST_DAY}", param=param)
    return value


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    callback=_supported_date,
    help="Publication (or retrieval) date of the source(s), YYYY-MM-DD, when the registry and text lack it.",
)
@click.option("--keep-going", is_flag=True, help="Load the good files of a set and report the bad ones.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Files loaded at a time: one parses while another writes.",
)
@click.option("--timings", is_flag=True, help="After the summary, say where the time went, phase by phase.")
@database_option
@pass_runtime
def load(runtime: Runtime, paths: tuple[Path, ...], published: Any, keep_going: bool, jobs: int, timings: bool) -> None:
    """Load sources: files or directories of text documents and structured CSV (default: the seeds).

    A file's name without extension is its source key; a known key with new content is a new
    version of that source. Each file loads in one transaction, all or nothing.
    """
    from kzgov import loading
    from kzgov.resources import resource_dir

    targets = list(paths) or [resource_dir("seeds")]
    try:
        _connect(runtime).close()  # the schema must be at head before anything is written
    except KeyboardInterrupt:
        _interrupted("interrupted; nothing committed")
    errors: list[str] = []
    try:
        with _LoadProgress(sys.stderr) as watcher:
            summaries = loading.load_paths(
                runtime.url,
                targets,
                published=published.date() if published else None,
                keep_going=keep_going,
                jobs=jobs,
                on_error=errors.append,
                watcher=watcher,
                on_skip=lambda path, why: click.echo(f"kzgov: skipped {path}: {why}", err=True),
            )
    except loading.Interrupted as stopped:
        if stopped.committed:
            _print_load_summary(stopped.committed)
        _interrupted(str(stopped), forced=stopped.forced)
    except KeyboardInterrupt:  # before any load began
        _interrupted("interrupted; nothing committed")
    _print_load_summary(summaries)
    if timings:
        _print_load_timings(summaries)
    for message in errors:
        click.echo(f"Error: {message}", err=True)
    if errors:
        raise SystemExit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output format (json also gives every field of each claim).",
)
@click.option("--wide", is_flag=True, help="Show every column in a table.")
def extract(paths: tuple[Path, ...], fmt: str, wide: bool) -> None:
    """The claims files would yield, with their lines and quotes, written nowhere: review before you load."""
    from kzgov import extraction, loading
    from kzgov.output import render

    files = loading.source_files(paths, lambda path, why: click.echo(f"kzgov: skipped {path}: {why}", err=True))
    found = [row for path in files for row in extraction.rows(path, with_fields=fmt == "json")]
    columns = extraction.COLUMNS + (["fields"] if fmt == "json" else [])
    if fmt == "table":
        if not found:
            click.echo(f"no claims in {len(files)} file(s)")
            return
        keep = extraction.COLUMNS if wide else extraction.NARROW
        if not wide and len(files) > 1:
            keep = ["file", *keep]
        index = [columns.index(name) for name in keep]
        click.echo(render(keep, [tuple(row[i] for i in index) for row in found], "table"))
        click.echo(f"({len(found)} claim(s) from {len(files)} file(s); nothing was written)")
        return
    click.echo(render(columns, found, fmt))


def _print_load_timings(summaries: list[Any]) -> None:
    """Seconds per phase, summed over the files (loads that ran at the same time overlap)."""
    from kzgov.loading.summary import PHASES

    spent = {phase: sum(s.phases.get(phase, 0.0) for s in summaries) for phase in PHASES}
    total = sum(spent.values()) or 1.0
    click.echo("time by phase, summed over the files (files loaded at the same time overlap):")
    for phase, seconds in spent.items():
        click.echo(f"  {phase:<28} {seconds:9.2f} s {seconds / total:6.1%}")
    click.echo(f"  {'all phases':<28} {sum(spent.values()):9.2f} s")


def _print_load_summary(summaries: list[Any]) -> None:
    from kzgov.output import visible
    from kzgov.tables import FACT_TABLES

    width = max((len(visible(s.key)) for s in summaries), default=6)
    click.echo(f"{'source':<{width}}  {'status':<9} {'table':<20} {'added':>7} {'unchanged':>9} {'retired':>7}")
    for summary in summaries:
        first = True
        for table in FACT_TABLES:
            counts = summary.counts.get(table)
            if counts is None or not (counts.added or counts.unchanged or counts.retired):
                continue
            label = (
                f"{visible(summary.key):<{width}}  {summary.status + ' v' + str(summary.version):<9}"
                if first
                else " " * (width + 11)
            )
            click.echo(f"{label} {table:<20} {counts.added:>7} {counts.unchanged:>9} {counts.retired:>7}")
            first = False
        if first:
            click.echo(f"{summary.key:<{width}}  {summary.status + ' v' + str(summary.version):<9} (no facts)")
            if summary.status != "unchanged":
                click.echo(
                    f"Warning: {summary.file}: no facts found; kept as version {summary.version} of the source,"
                    f" with {summary.uncovered} sentence(s) listed in kzgov.uncovered_sentences",
                    err=True,
                )
        notes = []
        if summary.uncovered:
            notes.append(f"sentences with a number or date but no fact: {summary.uncovered}")
        if summary.restated:
            notes.append(f"claims stated again, kept once: {summary.restated}")
        if notes:
            click.echo(f"{' ' * (width + 11)} ({'; '.join(notes)})")
    totals = [s.totals for s in summaries]
    click.echo(
        f"{len(summaries)} source(s): {sum(t.added for t in totals)} added, "
        f"{sum(t.unchanged for t in totals)} unchanged, {sum(t.retired for t in totals)} retired"
    )


def _interrupted(message: str, forced: bool = False) -> NoReturn:
    """Say what an interrupted command (a load: what it left behind) did and exit 130; forced (a second
    Ctrl-C): at once, without waiting for the loading threads (the server rolls back what they had not
    committed)."""
    import os

    click.echo(f"kzgov: {message}", err=True)
    if forced:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(EXIT_INTERRUPTED)
    raise SystemExit(EXIT_INTERRUPTED)


class _LoadProgress(LoadWatcher):
    """How a load goes, on stream (stderr, so stdout stays the summary table).

    In a terminal: one line, redrawn in place: a bar of the bytes parsed of all the files, then each file
    under way and its step (reading, parsing, names, writing, commit...). Elsewhere (a log, a pipe): one
    line per file as its load ends.
    """

    REDRAW_SECONDS = 0.1  # at most this often, so a fast load is not slowed by its own progress

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.terminal = stream.isatty()
        self.sizes: dict[Path, int] = {}
        self.done: dict[Path, int] = {}
        self.steps: dict[Path, str] = {}
        self.last_draw = 0.0
        self.drawn = False

    def __enter__(self) -> _LoadProgress:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")  # the summary table starts on a clean line
            self.stream.flush()

    def planned(self, files: list[Path]) -> None:
        self.sizes = {path: max(path.stat().st_size, 1) for path in files}

    def step(self, path: Path, name: str, done: int | None) -> None:
        changed = self.steps.get(path) != name
        self.steps[path] = name
        if name == "parsing" and done is not None:
            self.done[path] = done
        elif name not in ("reading", "parsing"):
            self.done[path] = self.sizes.get(path, 0)
        self._draw(force=changed)

    def finished(self, path: Path, summary: Any) -> None:
        self.steps.pop(path, None)
        self.done[path] = self.sizes.get(path, 0)
        if self.terminal:
            self._draw(force=True)
            return
        totals = summary.totals
        self.stream.write(
            f"kzgov: {path}: {summary.status} v{summary.version}, {totals.added} added, "
            f"{totals.unchanged} unchanged, {totals.retired} retired\n"
        )
        self.stream.flush()

    def _draw(self, force: bool) -> None:
        import os
        import time

        if not self.terminal:
            return
        now = time.monotonic()
        if not force and now - self.last_draw < self.REDRAW_SECONDS:
            return
        self.last_draw = now
        total = sum(self.sizes.values()) or 1
        done = min(sum(self.done.values()), total)
        share = done / total
        bar = "#" * int(share * 20)
        under_way = " | ".join(f"{path.name}: {step}" for path, step in self.steps.items())
        line = f"[{bar:<20}] {share:4.0%} {_megabytes(done)}/{_megabytes(total)} MB  {under_way}"
        try:
            columns = os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError):
            columns = 0
        width = (columns or 80) - 1  # a terminal that does not say its width (0) gets the usual 80
        self.stream.write("\r" + line[:width] + "\x1b[K")
        self.stream.flush()
        self.drawn = True


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f}"


# -- questions ----------------------------------------------------------------------------------------

DATE = click.DateTime(formats=["%Y-%m-%d"])
TIMESTAMP = click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z"])


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--format and --wide, shared by every question."""

    def remember_wide(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
        ctx.ensure_object(Runtime).wide = value
        return value

    func = click.option(
        "--wide",
        is_flag=True,
        expose_value=False,
        callback=remember_wide,
        help="Show every column in a table (csv and json always have them all).",
    )(func)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "csv", "json"]),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)


def known_at_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--known-at: answer as the database would have at that moment (recorded time)."""
    return click.option(
        "--known-at",
        type=TIMESTAMP,
        default=None,
        help="Answer as this database would have at that moment (YYYY-MM-DD[ HH:MM:SS], UTC if no zone).",
    )(func)


def published_by_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--published-by: only sources published (or retrieved) by that date."""
    return click.option(
        "--published-by",
        type=DATE,
        default=None,
        help="Use only sources published (or, when unknown, retrieved) on or before this date.",
    )(func)


def certain_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--certain",
        is_flag=True,
        help="Only certain answers: the date lies within the bounds the source states (not reached through an"
        " unknown or inferred bound, or a window).",
    )(func)


def _utc(value: Any) -> Any:
    import datetime as dt

    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _show(answer: Any, fmt: str, title: str | None = None) -> None:
    from kzgov.output import render, visible

    if not answer.rows and fmt == "table":
        click.echo(visible(answer.empty_message))
        return
    if fmt == "table":
        if not click.get_current_context().ensure_object(Runtime).wide:
            answer = answer.narrowed()
        if title:
            click.echo(title)
    click.echo(render(answer.columns, answer.rows, fmt))


def _connect(runtime: Runtime) -> Any:
    """A connection for asking questions, the schema at head (or a clear refusal) first.

    A question is answered with psycopg alone: only a database not at HEAD goes through
    SQLAlchemy and Alembic, whose imports would otherwise be most of a question's time.
    """
    import psycopg

    from kzgov.migrations import HEAD, revision_of

    conn = psycopg.connect(runtime.url, autocommit=True)
    try:
        if revision_of(conn) != HEAD:
            runtime.engine()
    except BaseException:
        conn.close()
        raise
    return conn


def _asking(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an unknown name into a one-line error."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from kzgov.queries import NoSuchName

        try:
            return func(*args, **kwargs)
        except NoSuchName as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


@main.command()
@click.argument("office")
@click.option("--on", "on", type=DATE, required=True, help="The date asked about (YYYY-MM-DD).")
@known_at_option
@published_by_option
@certain_option
@format_option
@database_option
@pass_runtime
@_asking
def who(runtime: Runtime, office: str, on: Any, known_at: Any, published_by: Any, certain: bool, fmt: str) -> None:
    """Who held OFFICE on a date, according to every source that speaks to it: certain answers first, then the
    possible ones (reached through an unknown bound or a window), marked in the certainty column."""
    from kzgov import queries

    with _connect(runtime) as conn:
        answer = queries.who(
            conn, office, on.date(), _utc(known_at), published_by.date() if published_by else None, certain
        )
    _show(answer, fmt)


@main.command()
@click.argument("chamber")
@click.option("--on", "on", type=DATE, required=True, help="The date asked about (YYYY-MM-DD).")
@known_at_option
@published_by_option
@certain_option
@format_option
@database_option
@pass_runtime
@_asking
def seats(runtime: Runtime, chamber: str, on: Any, known_at: Any, published_by: Any, certain: bool, fmt: str) -> None:
    """How CHAMBER (or a court or council) was composed on a date, and the party seats, by source: certain
    answers first, then the possible ones, marked in the certainty column."""
    from kzgov import queries

    with _connect(runtime) as conn:
        composition, parties = queries.seats(
            conn, chamber, on.date(), _utc(known_at), published_by.date() if published_by else None, certain
        )
    _show(composition, fmt, "composition:")
    if fmt == "table":
        click.echo()
        _show(parties, fmt, "party seats (a blank chamber: the source does not say which):")


@main.command()
@click.option("--from", "start", type=DATE, default="1990-01-01", show_default=True, help="First date.")
@click.option("--to", "end", type=DATE, default="2100-01-01", show_default=True, help="Last date.")
@known_at_option
@format_option
@database_option
@pass_runtime
def elections(runtime: Runtime, start: Any, end: Any, known_at: Any, fmt: str) -> None:
    """Elections held (or scheduled) between two dates, and their results, by source."""
    from kzgov import queries

    with _connect(runtime) as conn:
        held, results = queries.elections(conn, start.date(), end.date(), _utc(known_at))
    _show(held, fmt, "elections:")
    if fmt == "table":
        click.echo()
        _show(results, fmt, "results:")


@main.command()
@click.argument("topic", required=False)
@format_option
@database_option
@pass_runtime
def conflicts(runtime: Runtime, topic: str | None, fmt: str) -> None:
    """Where sources disagree, side by side (TOPIC filters by table, subject or attribute)."""
    from kzgov import queries

    with _connect(runtime) as conn:
        answer = queries.conflicts(conn, topic)
    _show(answer, fmt)


@main.command()
@format_option
@database_option
@pass_runtime
def sources(runtime: Runtime, fmt: str) -> None:
    """The sources loaded, one row per version."""
    from kzgov import queries

    with _connect(runtime) as conn:
        answer = queries.sources(conn)
    _show(answer, fmt)


@main.command()
@click.argument("office")
@format_option
@database_option
@pass_runtime
@_asking
def history(runtime: Runtime, office: str, fmt: str) -> None:
    """Every holder of OFFICE through time, by source."""
    from kzgov import queries

    with _connect(runtime) as conn:
        answer = queries.history(conn, office)
    _show(answer, fmt)


# -- one person ---------------------------------------------------------------------------------------


@main.command()
@click.argument("name")
@format_option
@database_option
@pass_runtime
@_asking
def person(runtime: Runtime, name: str, fmt: str) -> None:
    """Every office, party and election result of one person, by source (NAME in any spelling or script)."""
    from kzgov import person as persons

    with _connect(runtime) as conn:
        answer = persons.record(conn, name)
    _show(answer, fmt)


# -- exports ------------------------------------------------------------------------------------------


@main.command()
@click.option(
    "--format",
    "fmt",
    metavar="csv|parquet|sqlite|popolo",
    required=True,
    help="csv or parquet: a directory, a file per view; sqlite: a database file and a datasette metadata.json"
    " beside it; popolo: one Popolo JSON file of persons, organizations, posts and memberships.",
)
@click.option(
    "--on",
    "on",
    type=DATE,
    default=None,
    help="Export what held on this date (the point-in-time functions) instead of every recorded claim.",
)
@known_at_option
@published_by_option
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Where to write.")
@click.option("--force", is_flag=True, help="Replace an earlier export at the output path.")
@database_option
@pass_runtime
def export(runtime: Runtime, fmt: str, on: Any, known_at: Any, published_by: Any, output: Path, force: bool) -> None:
    """Export the public views (or what held on one date) as CSV, Parquet, SQLite or Popolo JSON.

    Written to a temporary path and renamed at the end: a failed export leaves nothing. Parquet needs
    pyarrow (pip install 'kzgov[parquet]').
    """
    from kzgov import export as exporting

    try:
        # Before the database is reached:
        exporting.check(fmt, output, force, on_date=on, other_axes=known_at is not None or published_by is not None)
        with _connect(runtime) as conn:
            written = exporting.export(
                conn,
                fmt,
                output,
                on_date=on.date() if on else None,
                known_at=_utc(known_at),
                published_by=published_by.date() if published_by else None,
                force=force,
            )
    except exporting.ExportError as exc:
        raise click.ClickException(str(exc)) from None
    for name, count in written.rows.items():
        click.echo(f"{name:<32} {count:>8}")
    if written.left_out:
        click.echo(
            f"kzgov: no point-in-time function answers for {', '.join(written.left_out)}: not exported", err=True
        )
    click.echo(f"wrote {', '.join(str(path) for path in written.paths)}")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The HTML file to write (replaced whole, never left half-written).",
)
@database_option
@pass_runtime
def report(runtime: Runtime, output: Path) -> None:
    """Write one self-contained HTML page: office holders, conflicts, seats and elections, by source.

    It opens from disk in any browser, with no server and no network. Needs plotly:
    pip install 'kzgov[report]'.
    """
    from kzgov import report as html_report

    try:
        html_report.require_plotly()
        html_report.check_target(output)
        with _connect(runtime) as conn:
            shown = html_report.build(conn, output)
    except html_report.ReportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {output}: {shown.summary()}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
