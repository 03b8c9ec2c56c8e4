"""Loading a set of files: several at a time, each in its own transaction, checked as a whole, watched,
and stopped cleanly on a KeyboardInterrupt."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import psycopg

from kzgov.loading import check as checking
from kzgov.loading.files import source_files
from kzgov.loading.summary import LoadError, LoadSummary
from kzgov.loading.write import load_source


class LoadWatcher:
    """Told how the load of a set of files goes; the default hears nothing. Called from the loading
    threads, one at a time."""

    def planned(self, files: list[Path]) -> None:
        """The files about to be loaded, in order."""

    def step(self, path: Path, name: str, done: int | None) -> None:
        """A file's load began a step (see kzgov.loading.summary.Watch)."""

    def finished(self, path: Path, summary: LoadSummary) -> None:
        """A file's load committed (or found the file unchanged)."""


class Interrupted(Exception):
    """The user stopped a load: the file(s) under way were rolled back, those committed before stay.

    forced: stopped a second time, without waiting for the loads under way to end (their transactions
    are rolled back by the server when the process exits).
    """

    def __init__(self, committed: list[LoadSummary], rolled_back: list[Path], skipped: list[Path], forced: bool):
        self.committed, self.rolled_back, self.skipped, self.forced = committed, rolled_back, skipped, forced
        super().__init__(self.message())

    def message(self) -> str:
        written = [s.file for s in self.committed if s.status != "unchanged"]
        parts = ["interrupted"]
        if self.rolled_back:
            verb = "left to the server to roll back" if self.forced else "rolled back, nothing of it written"
            parts.append(f"{verb}: {', '.join(map(str, self.rolled_back))}")
        parts.append(
            f"committed before the interruption: {', '.join(map(str, written))}" if written else "nothing committed"
        )
        if self.skipped:
            parts.append(f"not loaded: {', '.join(map(str, self.skipped))}")
        return "; ".join(parts)


class _Stopped(Exception):
    """Raised inside a load the user stopped, so that its transaction rolls back."""


class _Stopper:
    """Stops the loads of a set: sets a flag each load checks at every step, and cancels the statement
    each one runs on the server. A load that began to commit is left to finish."""

    def __init__(self) -> None:
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        self.connections: dict[Path, psycopg.Connection[Any]] = {}
        self.committing: set[Path] = set()

    def check(self) -> None:
        if self.stopped.is_set():
            raise _Stopped()

    def attach(self, path: Path, conn: psycopg.Connection[Any] | None) -> None:
        with self.lock:
            if conn is None:
                self.connections.pop(path, None)
                self.committing.discard(path)
            else:
                self.check()
                self.connections[path] = conn

    def begin_commit(self, path: Path) -> None:
        """Called last before a load commits: refuses once stopped, else the load will not be cancelled."""
        with self.lock:
            self.check()
            self.committing.add(path)

    def stop(self) -> None:
        """Stop every load (again: a statement a load began after the last cancel is cancelled too)."""
        with self.lock:
            self.stopped.set()
            running = [conn for path, conn in self.connections.items() if path not in self.committing]
        for conn in running:
            cancel = getattr(conn, "cancel_safe", conn.cancel)
            with contextlib.suppress(psycopg.Error):  # the load closed its connection meanwhile
                cancel()


def _latest_versions(url: str, keys: list[str]) -> checking.Known:
    """The latest version of each source of keys that has one."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "select s.key, v.sha256, s.id, v.id from kzgov_internal.source s cross join lateral (select sha256, id"
            " from kzgov_internal.source_version v where v.source_id = s.id order by v.version desc limit 1) v"
            " where s.key = any(%s)",
            (keys,),
        ).fetchall()
    return {key: (sha, source_id, version_id) for key, sha, source_id, version_id in rows}


def load_paths(
    url: str,
    paths: Iterable[Path],
    *,
    published: dt.date | None = None,
    keep_going: bool = False,
    progress: Callable[[int], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    jobs: int = 2,
    watcher: LoadWatcher | None = None,
    on_skip: Callable[[Path, str], None] | None = None,
) -> list[LoadSummary]:
    """Load every source named by paths, each in its own transaction, up to `jobs` at a time.

    Loads of different sources overlap: one parses and stages its file while another writes the
    shared tables (which they take in turn). Unless keep_going, every file is also parsed completely
    before any load commits, and one bad file means nothing is written at all; with keep_going each
    good file is loaded and each bad one reported (on_error). Summaries come in file order.

    A KeyboardInterrupt while the loads run stops them: the loads under way are rolled back (their
    statements cancelled on the server), the ones not begun are not, and Interrupted says which files
    were committed before. A second KeyboardInterrupt while stopping gives up waiting (forced).
    """
    from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait

    files = source_files(paths, on_skip)
    if not files:
        raise LoadError("no source files to load")
    keys: dict[str, Path] = {}
    for path in files:
        if path.stem in keys:
            raise LoadError(f"{path}: same source key {path.stem!r} as {keys[path.stem]}")
        keys[path.stem] = path
    watcher = watcher or LoadWatcher()
    stopper = _Stopper()
    check = None
    if len(files) > 1 and not keep_going:
        # An unchanged file is skipped by its load, so it need not be parsed here.
        known = _latest_versions(url, list(keys)) if published is None else {}
        check = checking.Validation(files, known, url, stopper.stopped)
    lock = threading.Lock()

    def advance(count: int) -> None:
        stopper.check()
        if check is not None:
            check.raise_if_failed()  # a bad file elsewhere: stop this load now, it will not commit
        if progress is not None:
            with lock:
                progress(count)

    def load_one(path: Path) -> LoadSummary:
        def step(name: str, done: int | None) -> None:
            stopper.check()
            if name == "names" and check is not None:  # the load has parsed its file: no need to check it
                check.parsed_by_load(path)
            with lock:
                watcher.step(path, name, done)

        def before_commit() -> None:
            if check is not None:
                step("checking other files", None)
                check.wait(stopper.check)
            stopper.begin_commit(path)
            with lock:
                watcher.step(path, "commit", None)

        try:
            with psycopg.connect(url, autocommit=True) as conn:
                stopper.attach(path, conn)
                try:
                    summary = load_source(
                        conn, path, published=published, progress=advance, before_commit=before_commit, watch=step
                    )
                finally:
                    stopper.attach(path, None)
        except Exception as exc:
            if stopper.stopped.is_set():  # a statement cancelled, a step refused: the load was stopped
                raise _Stopped() from exc
            raise
        with lock:
            watcher.finished(path, summary)
        return summary

    watcher.planned(files)
    if check is not None:
        check.start()
    results: dict[Path, LoadSummary] = {}
    failures: dict[Path, LoadError] = {}
    pool = ThreadPoolExecutor(max_workers=max(1, min(jobs, len(files))), thread_name_prefix="kzgov-load")
    futures: dict[Future[LoadSummary], Path] = {}
    forced = False
    try:
        # Largest first, so the two at a time stay busy to the end (summaries still come in file order).
        by_size = sorted(files, key=lambda p: p.stat().st_size, reverse=True)
        futures = {pool.submit(load_one, path): path for path in by_size}
        pending = dict(futures)
        while pending:
            finished, _ = wait(pending, return_when=FIRST_EXCEPTION)
            for future in finished:
                path = pending.pop(future)
                try:
                    results[path] = future.result()
                except LoadError as exc:
                    failures[path] = exc
            if failures and not keep_going:
                for future in pending:
                    future.cancel()  # not started yet: never will be
                wait(pending)  # loads under way finish (or fail) before the first failure is raised
                break
        if check is not None:
            check.join()
    except KeyboardInterrupt:
        forced = _stop_loads(stopper, check, futures)
        raise _interrupted(futures, files, forced) from None
    finally:
        pool.shutdown(wait=not forced, cancel_futures=True)
    if check is not None and check.error is not None:
        raise LoadError(check.error)
    if failures and not keep_going:
        raise failures[min(failures, key=files.index)]
    for path in files:
        if path in failures and on_error:
            on_error(str(failures[path]))
    return [results[path] for path in files if path in results]


def _stop_loads(stopper: _Stopper, check: checking.Validation | None, futures: dict[Any, Path]) -> bool:
    """Stop the loads under way and wait until each has ended (rolled back, or committed if it had begun
    to); True if a second KeyboardInterrupt cut the wait short."""
    from concurrent.futures import wait

    for future in futures:
        future.cancel()  # not started yet: never will be
    try:
        stopper.stop()
        if check is not None:
            check.halt()
        running = [future for future in futures if not future.done()]
        while running:
            _, still = wait(running, timeout=0.5)
            running = list(still)
            stopper.stop()  # a load that began a statement after the last cancel
            if check is not None:
                check.halt()  # a checking process started after the last halt
    except KeyboardInterrupt:
        return True
    return False


def _interrupted(futures: dict[Any, Path], files: list[Path], forced: bool) -> Interrupted:
    """What an interrupted set of loads committed, rolled back and never began, in file order."""
    committed: dict[Path, LoadSummary] = {}
    rolled_back: set[Path] = set()
    skipped: set[Path] = set()
    for future, path in futures.items():
        if future.cancelled():
            skipped.add(path)
        elif not future.done():
            rolled_back.add(path)
        elif future.exception() is None:
            committed[path] = future.result()
        elif not isinstance(future.exception(), LoadError):
            rolled_back.add(path)  # stopped (a LoadError's file was refused, nothing of it written either)
    skipped |= {path for path in files if path not in futures.values()}
    return Interrupted(
        [committed[p] for p in files if p in committed],
        [p for p in files if p in rolled_back],
        [p for p in files if p in skipped],
        forced,
    )
