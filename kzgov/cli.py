"""The `kzgov` command line: a thin layer over the library and the SQL in the database."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


class Runtime:
    """Per-invocation state: the database is resolved only when a command needs it."""

    def __init__(self) -> None:
        self.database_url: str | None = None
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
            from kzgov.db import create_engine_for, is_embedded

            self._engine = create_engine_for(self.url)
            if need_schema:
                from kzgov.migrations import ensure_current

                note = ensure_current(self._engine, auto_upgrade=is_embedded(self.url))
                if note:
                    click.echo(f"kzgov: {note}", err=True)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def pass_runtime(func: Callable[..., Any]) -> Callable[..., Any]:
    """Hand the command the Runtime, turning expected failures into one-line errors."""

    @functools.wraps(func)
    @click.pass_obj
    def wrapper(runtime: Runtime, *args: Any, **kwargs: Any) -> Any:
        from kzgov.errors import expected_errors

        try:
            return func(runtime, *args, **kwargs)
        except expected_errors() as exc:
            raise click.ClickException(str(exc)) from exc

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
@database_option
@pass_runtime
def db_downgrade(runtime: Runtime, revision: str) -> None:
    """Migrate the schema down to REVISION ('base' removes every kzgov table)."""
    from kzgov import migrations

    engine = runtime.engine(need_schema=False)
    before = migrations.current_revision(engine)
    migrations.downgrade(engine, revision)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
