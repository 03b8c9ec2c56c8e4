"""What tests that open a server to TCP clients share: a free port, and the settings `kzgov db serve` prints."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def served_settings(output: str) -> dict[str, str]:
    """The `name: value` lines `kzgov db serve` prints (host, port, database, user, password, url, schema)."""
    return dict(line.split(": ", 1) for line in output.splitlines() if ": " in line)
