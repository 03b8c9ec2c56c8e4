"""A real BI client, dbt, over what `kzgov db serve --analyst` prints: it builds tables in schema
kzgov_analyst from the point-in-time functions, and its catalog carries every public view's comments.

dbt runs in its own virtualenv (tests/venv_cache.py), with no network use at run time: no packages to fetch,
no usage statistics, no version check.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from serving import free_port, served_settings
from venv_cache import DBT, RegistryUnreachable, cached_venv, venv_python

from kzgov import interface
from kzgov.cli import main
from kzgov.embedded import EmbeddedServer

PROJECT = "kzgov_bi"
SCHEMA = "kzgov_analyst"
MODEL = "office_holders_2020"
MODEL_SQL = "select office, person, valid_from, certainty, source_key from kzgov.office_holders_on(date '2020-01-01')"

DBT_PROJECT = f"""\
name: {PROJECT}
version: "1.0"
config-version: 2
profile: kzgov
model-paths: ["models"]
flags:
  send_anonymous_usage_stats: false
models:
  {PROJECT}:
    +materialized: table
"""

# The password stays out of the file, as dbt's documentation advises: env_var() reads it at run time.
PROFILES = """\
kzgov:
  target: analyst
  outputs:
    analyst:
      type: postgres
      host: "{host}"
      port: {port}
      dbname: "{database}"
      user: "{user}"
      password: "{{{{ env_var('KZGOV_DBT_PASSWORD') }}}}"
      schema: {schema}
      threads: 1
"""


@pytest.fixture(scope="session")
def dbt() -> Path:
    """The virtualenv dbt runs in."""
    try:
        return cached_venv("dbt", DBT)
    except RegistryUnreachable as e:
        pytest.skip(str(e))


@pytest.fixture(scope="module")
def served() -> Iterator[dict[str, str]]:
    """The seeds loaded into a new embedded server, served to analysts: the settings `kzgov db serve` printed."""
    with (
        tempfile.TemporaryDirectory(prefix="kzgov-test-home-", ignore_cleanup_errors=True) as home,
        pytest.MonkeyPatch.context() as monkeypatch,
    ):
        monkeypatch.setenv("KZGOV_HOME", home)
        monkeypatch.delenv("KZGOV_DATABASE_URL", raising=False)
        try:
            loaded = CliRunner().invoke(main, ["load"])
            assert loaded.exit_code == 0, loaded.output
            serve = ["db", "serve", "--port", str(free_port()), "--detach", "--analyst"]
            served = CliRunner().invoke(main, serve)
            assert served.exit_code == 0, served.output
            settings = served_settings(served.stdout)
            assert settings["host"] == "127.0.0.1" and settings["user"] == "kzgov_analyst", served.stdout
            yield settings
        finally:
            EmbeddedServer(Path(home)).stop()


def _connect(settings: dict[str, str]) -> psycopg.Connection:
    return psycopg.connect(
        host=settings["host"],
        port=settings["port"],
        dbname=settings["database"],
        user=settings["user"],
        password=settings["password"],
        autocommit=True,
    )


@pytest.fixture(scope="module")
def views(served: dict[str, str]) -> dict[str, str]:
    """The public views of schema kzgov and their comments, as the analyst reads them."""
    with _connect(served) as conn:
        _, rows = interface.public_views().run(conn)
    assert rows
    return dict(rows)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, served: dict[str, str], views: dict[str, str]) -> Path:
    """A dbt project: a model over a point-in-time function, and every public view declared as a source."""
    project = tmp_path_factory.mktemp("dbt")
    (project / "dbt_project.yml").write_text(DBT_PROJECT)
    profile = {key: served[key] for key in ("host", "port", "database", "user")}
    (project / "profiles.yml").write_text(PROFILES.format(**profile, schema=SCHEMA))
    models = project / "models"
    models.mkdir()
    (models / f"{MODEL}.sql").write_text(MODEL_SQL + "\n")
    sources = {"version": 2, "sources": [{"name": "kzgov", "schema": "kzgov", "tables": [{"name": v} for v in views]}]}
    (models / "sources.yml").write_text(json.dumps(sources, indent=2))  # JSON is YAML
    return project


def run_dbt(venv: Path, project: Path, password: str, *args: str) -> None:
    """dbt with the project's own profiles.yml, never reaching beyond the database."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}  # dbt's environment, not ours
    env |= {
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
        "DBT_VERSION_CHECK": "false",
        "KZGOV_DBT_PASSWORD": password,
    }
    # What dbt's own script runs (bin/dbt names the directory the environment was built in, not where it is).
    dbt = [str(venv_python(venv)), "-c", "import sys; from dbt.cli.main import cli; sys.exit(cli())"]
    places = ["--project-dir", str(project), "--profiles-dir", str(project)]
    result = subprocess.run([*dbt, *args, *places], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dbt_run_builds_a_table_from_a_point_in_time_function(dbt: Path, served: dict[str, str], project: Path) -> None:
    run_dbt(dbt, project, served["password"], "run", "--select", MODEL)
    with _connect(served) as conn:
        built = conn.execute(f"select * from {SCHEMA}.{MODEL} order by 1, 2, 3, 4, 5").fetchall()
        answer = conn.execute(f"select * from ({MODEL_SQL}) a order by 1, 2, 3, 4, 5").fetchall()
    assert built and built == answer


def test_dbt_catalog_carries_every_view_and_column_comment(
    dbt: Path, served: dict[str, str], project: Path, views: dict[str, str]
) -> None:
    run_dbt(dbt, project, served["password"], "docs", "generate")
    catalog = json.loads((project / "target" / "catalog.json").read_text())
    assert not catalog.get("errors"), catalog["errors"]
    with _connect(served) as conn:
        for view, comment in views.items():
            entry = catalog["sources"].get(f"source.{PROJECT}.kzgov.{view}")
            assert entry is not None, f"{view} is not in dbt's catalog"
            assert comment and entry["metadata"]["comment"] == comment, view
            _, columns = interface.comments(view).run(conn)
            assert all(text for _, text in columns), f"{view} has a column without a comment"
            assert {c["name"]: c["comment"] for c in entry["columns"].values()} == dict(columns), view
