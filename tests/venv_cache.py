"""Virtualenvs for tools the tests drive (dbt), built once per requirements and interpreter, then reused.

They live in the user's cache, outside the repository (a tool's dependencies would clash with kzgov's own),
as kzgov-tests/<name>-<hash>. Each is built in a temporary directory beside it and renamed into place, so an
interrupted build is never taken for a finished one and, of two sessions building at once, the first to
finish wins and the other uses its result. The scripts in bin/ name the directory they were installed in,
which the rename changes: run a tool through the environment's python (`python -c` or `-m`).

(This module's name must not start with dbt_: dbt imports every module so named it finds, as a plugin.)
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import platformdirs

# dbt-core below 1.12, and the adapter of the same minor release.
DBT = ("dbt-core>=1.10,<1.12", "dbt-postgres>=1.10,<1.12")

# What pip says when it cannot reach the package index (urllib3's errors, after its retries).
_NETWORK = re.compile(
    r"NewConnectionError|ConnectTimeoutError|ReadTimeoutError|ProxyError|Failed to establish a new connection"
    r"|Temporary failure in name resolution|Name or service not known|Network is unreachable|Max retries exceeded"
)
_STALE_BUILD = 3600  # seconds after which a build directory left behind is taken for an interrupted one


class RegistryUnreachable(Exception):
    """pip could not reach the package index."""


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def cache_dir() -> Path:
    """Where the environments are kept: $XDG_CACHE_HOME/kzgov-tests, by default ~/.cache/kzgov-tests."""
    return Path(platformdirs.user_cache_dir("kzgov-tests", appauthor=False))


def _key(requirements: Sequence[str]) -> str:
    """What an environment depends on: its requirements and the interpreter it is built on."""
    text = "\n".join([*requirements, sys.base_prefix, f"{sys.version_info.major}.{sys.version_info.minor}"])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _remove_stale_builds(root: Path, name: str) -> None:
    for build in root.glob(f"{name}.building-*"):
        try:
            if time.time() - build.stat().st_mtime > _STALE_BUILD:
                shutil.rmtree(build, ignore_errors=True)
        except FileNotFoundError:  # another session removed it meanwhile
            pass


def cached_venv(name: str, requirements: Sequence[str]) -> Path:
    """A virtualenv with requirements installed, built now if no finished one is cached; RegistryUnreachable
    if pip cannot reach the package index."""
    root = cache_dir()
    final = f"{name}-{_key(requirements)}"
    venv = root / final
    if venv_python(venv).exists():
        return venv
    root.mkdir(parents=True, exist_ok=True)
    _remove_stale_builds(root, final)
    build = Path(tempfile.mkdtemp(prefix=f"{final}.building-", dir=root))
    wanted = " ".join(requirements)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(build)], check=True)
        install = [str(venv_python(build)), "-m", "pip", "install", "--disable-pip-version-check", "--no-input"]
        pip = subprocess.run([*install, *requirements], capture_output=True, text=True)
        if pip.returncode != 0:
            output = pip.stdout + pip.stderr
            if _NETWORK.search(output):
                raise RegistryUnreachable(f"pip could not reach the package index to install {wanted}")
            raise RuntimeError(f"pip install {wanted} failed:\n{output}")
        try:
            build.rename(venv)
        except OSError:
            if not venv_python(venv).exists():
                raise
            # Another session finished first: its environment is as good as ours.
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return venv
