"""The check of a set of files: every file parsed completely, beside the loads, so that one bad file stops
them all before any commits."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

from kzgov.claims import ParseError
from kzgov.loading.files import WATCH_EVERY, iter_claims, read_source
from kzgov.loading.summary import LoadError
from kzgov.loading.versions import changes_since
from kzgov.parsing import iter_csv_claims

# What a set's check knows of each source's latest version: sha256, source id, version id.
Known = dict[str, tuple[str, int, int]]

# Above this many bytes to check, the check runs in a process of its own, on another core than the
# loads' parsing; below it, starting that process would cost more than it saves.
CHECK_IN_PROCESS_BYTES = 32 << 20


def first_error(
    files: list[Path], known: Known, url: str | None = None, stop: threading.Event | None = None
) -> str | None:
    """The error of the first file (in order) that does not read and parse completely, or None.

    A file whose digest is its source's latest version's (known) is not parsed: its load skips it.
    A CSV its load will read as its changes (url given to find them) has only those parsed.
    Gives up (None) once stop is set.
    """
    conn = None
    try:
        for path in files:
            try:
                source = read_source(path)
                latest = known.get(source.key)
                if latest is not None and latest[0] == source.sha256:
                    continue
                changes = None
                if latest is not None and source.text is None and url is not None:
                    conn = conn or psycopg.connect(url, autocommit=True)
                    with conn.cursor() as cur:
                        changes = changes_since(cur, source, latest[1], latest[2])
                stream = iter_csv_claims(path, changes.wanted) if changes else iter_claims(source)[1]
                for count, _ in enumerate(stream):
                    if stop is not None and count % WATCH_EVERY == 0 and stop.is_set():
                        return None
            except (LoadError, ParseError) as exc:
                return str(exc)
    finally:
        if conn is not None:
            conn.close()
    return None


class Validation(threading.Thread):
    """Parses every file of a load completely, beside the loads themselves, so that one bad file stops
    them all before any commits: each load waits for the verdict as its last step (wait)."""

    def __init__(self, files: list[Path], known: Known, url: str, stop: threading.Event) -> None:
        super().__init__(name="kzgov-validate", daemon=True)
        self.files = files
        self.known = known  # each source's latest version: a file equal to it will not be loaded again
        self.url = url
        self.stop = stop  # the loads were stopped: so is the check
        self.process: Any = None
        self.error: str | None = None
        self.done = threading.Event()

    def run(self) -> None:
        try:
            if sum(p.stat().st_size for p in self.files) > CHECK_IN_PROCESS_BYTES:
                self.error = self._first_error_in_process()
            else:
                self.error = first_error(self.files, self.known, self.url, self.stop)
        except BaseException as exc:  # a bug: loads must not commit on an unfinished check
            self.error = f"checking the files failed: {exc!r}"
            raise
        finally:
            self.done.set()

    def _first_error_in_process(self) -> str | None:
        """first_error, run by a Python process of its own (python -m kzgov.loading, the request as JSON).

        The process has a session of its own, so a Ctrl-C at the terminal reaches the loads, which stop
        it (halt), rather than killing it under them."""
        import json
        import subprocess
        import sys

        request = json.dumps({"files": [str(p) for p in self.files], "known": self.known, "url": self.url})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kzgov.loading"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        if self.stop.is_set():
            self.halt()
        out, err = self.process.communicate(request)
        if self.stop.is_set():
            return None
        if self.process.returncode != 0:
            detail = (err.strip().splitlines() or [f"exit status {self.process.returncode}"])[-1]
            raise RuntimeError(f"the process checking the files failed: {detail}")
        error: str | None = json.loads(out)["error"]
        return error

    def halt(self) -> None:
        """End the checking process, if any (the loads were stopped)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()

    def wait(self, check_stopped: Callable[[], None]) -> None:
        """Wait for the verdict, calling check_stopped (which raises once the loads are stopped) meanwhile."""
        while not self.done.wait(0.2):
            check_stopped()
        self.raise_if_failed()

    def raise_if_failed(self) -> None:
        if self.error is not None:
            raise LoadError(self.error)


def main() -> None:
    """The check of a set of files in a process of its own: the request (files, known, url) as JSON on
    standard input, {"error": ...} on standard output."""
    import json
    import sys

    request = json.load(sys.stdin)
    known: Known = {key: (sha, source_id, version_id) for key, (sha, source_id, version_id) in request["known"].items()}
    print(json.dumps({"error": first_error([Path(f) for f in request["files"]], known, request["url"])}))
