"""Reading source files: found, checked, digested and parsed into claims, before any database access."""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from kzgov import claims as c
from kzgov.claims import ParseError
from kzgov.loading.summary import LoadError, Watch

# A key begins with a letter or digit: "-rf" or "--help" would read as an option wherever a key is typed,
# and "." or ".." as a directory.
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
SOURCE_SUFFIXES = (".txt", ".md", ".csv")
BLOCK = 1 << 20  # bytes read at a time from a streamed source, and the size of its stored chunks
WATCH_EVERY = 1000  # claims between two reports of how far parsing has come


@dataclass(frozen=True)
class SourceFile:
    """A source file, read and checked: its key, digest, format and, for a document, its text.

    A structured CSV source is streamed: text is None and the file is read again, block by block,
    wherever its content is needed.
    """

    path: Path
    key: str
    text: str | None
    sha256: str
    format: str
    chars: int = 0  # characters of text in the file: how far its parsing has come, as a share of it


def source_files(paths: Iterable[Path], on_skip: Callable[[Path, str], None] | None = None) -> list[Path]:
    """The source files named by paths: a directory gives the files directly in it (links to files
    included); its registry file is read as metadata, and what else it holds is skipped, each with
    the reason passed to on_skip. A directory with no source file in it is an error that names it."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside: list[Path] = []
            for p in sorted(path.iterdir()):
                reason = _not_a_source(p)
                if reason is None:
                    inside.append(p)
                elif on_skip is not None and p.name != "registry.csv":
                    on_skip(p, reason)
            if not inside:
                raise LoadError(f"{path}: no source files in this directory")
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise LoadError(f"{path}: no such file or directory")
    return found


def _not_a_source(p: Path) -> str | None:
    """Why an entry of a loaded directory is not loaded, or None for a source file."""
    if p.name == "registry.csv":
        return "the directory's registry"
    if p.name.startswith("."):
        return "a hidden file"
    if p.is_dir():
        return "a directory: name it to load what it holds"
    if p.is_symlink() and not p.exists():
        return "a link to nothing"
    if not p.is_file():
        return "not a regular file"
    return None


def read_source(path: Path) -> SourceFile:
    """Read a file as a source: refuses empty, binary and non-UTF-8 files, and bad keys.

    A document is read whole; a structured CSV (known by its name or header line) is checked and
    digested block by block, never held in memory.
    """
    from kzgov.parsing import detect_format, is_csv_start

    key = path.stem
    if not KEY_PATTERN.match(key):
        raise LoadError(
            f"{path}: the file name gives the source key {key!r}, which must begin with a letter or digit"
            " and may only use A-Z a-z 0-9 _ . -"
        )
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        head = handle.read(BLOCK)
        if is_csv_start(head.decode("utf-8", errors="replace"), str(path)):
            chars = sum(len(text) for text in decoded_blocks(path, blocks(handle, head), hasher))
            return SourceFile(path=path, key=key, text=None, sha256=hasher.hexdigest(), format="csv", chars=chars)
        text = "".join(decoded_blocks(path, [head + handle.read()], hasher))
    try:
        fmt = detect_format(text, str(path))
    except ParseError as exc:
        raise LoadError(str(exc)) from None
    return SourceFile(path=path, key=key, text=text, sha256=hasher.hexdigest(), format=fmt, chars=len(text))


def blocks(handle: BinaryIO, first: bytes = b"") -> Iterator[bytes]:
    """first, then the rest of an open file, BLOCK bytes at a time."""
    if first:
        yield first
    while block := handle.read(BLOCK):
        yield block


def decoded_blocks(path: Path, pieces: Iterable[bytes], hasher: Any) -> Iterator[str]:
    """The text of a file's blocks, each decoded as it comes (a character cut at a block's end is finished
    by the next), fed to hasher; refuses empty, binary and non-UTF-8 files, naming the line."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = lines = 0
    blank = True
    for block in pieces:
        hasher.update(block)
        if offset == 0 and (wide := _wide_encoding(block)):
            raise LoadError(f"{path}:1: {wide} text, not UTF-8: save it as UTF-8 (e.g. iconv -f {wide} -t UTF-8)")
        nul = block.find(b"\x00")
        if nul >= 0:
            line = lines + block.count(b"\n", 0, nul) + 1
            raise LoadError(f"{path}:{line}: binary data (NUL byte), not a text source")
        pending = decoder.getstate()[0]  # the start of a character cut off by the previous block
        try:
            text = decoder.decode(block)
        except UnicodeDecodeError as exc:
            at = exc.start - len(pending)  # negative: inside the previous block's last bytes
            bad = block[at] if at >= 0 else pending[exc.start]
            line = lines + block.count(b"\n", 0, max(at, 0)) + 1
            raise LoadError(f"{path}:{line}: not UTF-8 (byte 0x{bad:02x} at offset {offset + at})") from None
        blank = blank and not block.strip()
        lines += block.count(b"\n")
        offset += len(block)
        yield text
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise LoadError(f"{path}:{lines + 1}: not UTF-8 (the file ends inside a character)") from None
    if blank:
        raise LoadError(f"{path}: empty file")


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32, when the start of a file is that (a byte order mark, or ASCII text with every
    second byte NUL), else None."""
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32")):
        if head.startswith(bom):
            return name
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    sample = head[:64] if len(head) % 2 == 0 else head[: min(64, len(head) - 1)]
    if len(sample) >= 8:
        even, odd = sample[0::2], sample[1::2]
        if (not odd.strip(b"\x00") and b"\x00" not in even) or (not even.strip(b"\x00") and b"\x00" not in odd):
            return "UTF-16"
    return None


def iter_claims(source: SourceFile) -> tuple[c.ParsedDocument, Iterator[c.Claim]]:
    """The parsed document (metadata, coverage) and its claims, streamed for CSV."""
    from kzgov.parsing import iter_csv_claims, parse_document
    from kzgov.parsing.surnames import complete_surnames

    if source.format == "csv" or source.text is None:
        return c.ParsedDocument(format="csv"), iter_csv_claims(source.path)
    document = parse_document(source.text, str(source.path))
    return document, iter(complete_surnames(document.claims))


def watched(stream: Iterable[c.Claim], source: SourceFile, step: Watch) -> Iterator[c.Claim]:
    """The claims of stream, reporting every WATCH_EVERY claims how many bytes of the file lie behind them
    (estimated from the characters, exact at the end)."""
    try:
        size = source.path.stat().st_size
    except OSError:  # a source written from memory (its path names no file)
        size = source.chars
    chars = max(source.chars, 1)
    for count, claim in enumerate(stream, 1):
        if count % WATCH_EVERY == 0:
            step("parsing", min(size, size * claim.evidence.end // chars))
        yield claim
    step("parsing", size)
