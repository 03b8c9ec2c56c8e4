"""The check of a set of files: every file parsed completely, beside the loads, so that one bad file stops
them all before any commits."""

from __future__ import annotations

import contextlib
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
    files: list[Path],
    known: Known,
    url: str | None = None,
    stop: threading.Event | None = None,
    parsed: Callable[[], set[str]] | None = None,
) -> str | None:
    """The error of the first file (in order) that does not read and parse completely, or None.

    A file whose digest is its source's latest version's (known) is not parsed: its load skips it.
    A CSV its load will read as its changes (url given to find them) has only those parsed.
    A file whose load has parsed it already (named, as given, by parsed) is not parsed again.
    Gives up (None) once stop is set.
    """
    conn = None
    try:
        for path in files:
            if parsed is not None and str(path) in parsed():
                continue
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
    them all before any commits: each load waits for the verdict as its last step (wait).

    A load parses its own file before it writes (and tells the check, parsed_by_load), so the check need
    not parse that file again: it takes the files smallest first, while the loads take them largest first,
    and skips each file a load has parsed by the time the check comes to it.
    """

    def __init__(self, files: list[Path], known: Known, url: str, stop: threading.Event) -> None:
        super().__init__(name="kzgov-validate", daemon=True)
        self.files = sorted(files, key=lambda p: p.stat().st_size)
        self.known = known  # each source's latest version: a file equal to it will not be loaded again
        self.url = url
        self.stop = stop  # the loads were stopped: so is the check
        self.process: Any = None
        self.error: str | None = None
        self.done = threading.Event()
        self._lock = threading.Lock()
        self._parsed: set[str] = set()

    def run(self) -> None:
        try:
            if sum(p.stat().st_size for p in self.files) > CHECK_IN_PROCESS_BYTES:
                self.error = self._first_error_in_process()
            else:
                self.error = first_error(self.files, self.known, self.url, self.stop, self.parsed)
        except BaseException as exc:  # a bug: loads must not commit on an unfinished check
            self.error = f"checking the files failed: {exc!r}"
            raise
        finally:
            self.done.set()

    def parsed(self) -> set[str]:
        with self._lock:
            return set(self._parsed)

    def parsed_by_load(self, path: Path) -> None:
        """A load has parsed this file completely: the check may skip it."""
        with self._lock:
            self._parsed.add(str(path))
            if self.process is not None and self.process.stdin is not None:
                with contextlib.suppress(OSError, ValueError):  # the process has finished, or was halted
                    self.process.stdin.write(f"{path}\n")
                    self.process.stdin.flush()

    def _first_error_in_process(self) -> str | None:
        """first_error, run by a Python process of its own (python -m kzgov.loading): the request as a line
        of JSON on its standard input, then the files the loads parse, one a line, as they do.

        The process has a session of its own, so a Ctrl-C at the terminal reaches the loads, which stop
        it (halt), rather than killing it under them."""
        import json
        import subprocess
        import sys
        import tempfile

        request = json.dumps({"files": [str(p) for p in self.files], "known": self.known, "url": self.url})
        with tempfile.TemporaryFile(mode="w+") as err:
            with self._lock:  # the files parsed so far go with the request, the later ones as they come
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "kzgov.loading"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=err,
                    text=True,
                    start_new_session=True,
                )
                with contextlib.suppress(OSError):
                    self.process.stdin.write(request + "\n" + "".join(f"{p}\n" for p in self._parsed))
                    self.process.stdin.flush()
            if self.stop.is_set():
                self.halt()
            with self.process.stdout:
                out = self.process.stdout.read()
            with self._lock:
                with contextlib.suppress(OSError):
                    self.process.stdin.close()
                self.process.wait()
            if self.stop.is_set():
                return None
            if self.process.returncode != 0:
                err.seek(0)
                detail = (err.read().strip().splitlines() or [f"exit status {self.process.returncode}"])[-1]
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


class _Told:
    """What the parent tells the checking process on its standard input: the request (a line of JSON), then
    the files the loads have parsed, a line each, read as they come without waiting for more."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.ended = False
        self.paths: set[str] = set()

    def request(self) -> str:
        while b"\n" not in self.buffer and self._read():
            pass
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.decode()

    def parsed(self) -> set[str]:
        import select

        while not self.ended and select.select([self.fd], [], [], 0)[0]:
            self._read()
        *lines, self.buffer = self.buffer.split(b"\n")
        self.paths.update(line.decode() for line in lines if line)
        return self.paths

    def _read(self) -> bool:
        import os

        chunk = os.read(self.fd, 1 << 16)
        self.buffer += chunk
        self.ended = not chunk
        return bool(chunk)


def main() -> None:
    """The check of a set of files in a process of its own: the request (files, known, url) as a line of
    JSON on standard input, then the files the loads have parsed (skipped), a line each; {"error": ...} on
    standard output."""
    import json
    import sys

    told = _Told(sys.stdin.fileno())
    request = json.loads(told.request())
    known: Known = {key: (sha, source_id, version_id) for key, (sha, source_id, version_id) in request["known"].items()}
    files = [Path(f) for f in request["files"]]
    print(json.dumps({"error": first_error(files, known, request["url"], parsed=told.parsed)}))
