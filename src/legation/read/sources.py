"""Where articles come from: files, directories, JSON Lines, HTML and stdin.

``read_inputs`` is the one entry point the CLI uses. Every input is read on its own: a bad one
becomes a ReadFailure naming it and the reason, and the others are still read.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path

from legation.errors import InputError
from legation.read.article import MAX_CHARS, check_length, read_text
from legation.read.decode import decode_bytes
from legation.read.failure import failure
from legation.read.html import extract_html
from legation.read.jsonl import read_jsonl
from legation.read.manifest import Manifest, load_manifest
from legation.read.meta import Meta
from legation.records import Article, ReadFailure

STDIN = "-"
DIRECTORY_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
# Bytes a file may have before it is certainly over --max-chars (UTF-8: at most 4 a character;
# HTML also carries markup), checked before reading it whole.
BYTES_PER_CHAR = {"text": 4, "html": 50}

Item = Article | ReadFailure


def read_inputs(
    inputs: list[str], manifest: Path | None = None, max_chars: int = MAX_CHARS
) -> Iterator[Item]:
    """Articles (or failures) from files, directories, ``.jsonl`` files and ``-`` (stdin).

    The manifest is loaded at once, so a bad manifest is an InputError raised here, before
    any input is read; after that nothing is raised for a bad input.
    """
    entries = load_manifest(manifest) if manifest is not None else Manifest()
    return _read_all(_once(inputs), entries, max_chars)


def _once(inputs: list[str]) -> list[str]:
    """The inputs with a path given twice (or by two names for one file) kept once."""
    seen: set[str] = set()
    out = []
    for name in inputs:
        try:
            key = name if name == STDIN else str(Path(name).resolve())
        except (OSError, RuntimeError):  # a symlink loop: read (and fail) once, as named
            key = name
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def _read_all(inputs: list[str], manifest: Manifest, max_chars: int) -> Iterator[Item]:
    for name in inputs:
        try:
            if name == STDIN:
                yield from _read_stdin(max_chars)
                continue
            path = Path(name)
            if path.is_dir():
                yield from _read_directory(path, manifest, max_chars)
            elif path.suffix.lower() == ".jsonl":
                yield from _read_jsonl_file(path, max_chars)
            else:
                yield _read_file(path, path.name, manifest, max_chars)
        except Exception as exc:  # one bad input must not stop the batch
            yield failure(name, exc)


def _read_stdin(max_chars: int) -> Iterator[Item]:
    """Standard input is JSON Lines when every non-blank line is an object with a ``text``
    (as a ``.jsonl`` file is read), else one article's text."""
    source = "<stdin>"
    try:
        buffer = getattr(sys.stdin, "buffer", None)
        text = decode_bytes(buffer.read()) if buffer is not None else sys.stdin.read()
    except Exception as exc:
        yield failure(source, exc)
        return
    if _is_jsonl(text):
        yield from read_jsonl(text, source, max_chars)
        return
    try:
        yield read_text(text, source, max_chars=max_chars)
    except Exception as exc:
        yield failure(source, exc)


def _is_jsonl(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            return False
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            return False
    return True


def _is_manifest(path: Path, manifest: Manifest) -> bool:
    if manifest.path is None:
        return False
    try:
        return path.samefile(manifest.path)
    except OSError:
        return False


def _walk(root: Path) -> Iterator[Path | ReadFailure]:
    """Files under ``root`` with a readable suffix, sorted by relative path; hidden ones skipped.

    An unreadable subdirectory comes back as a failure rather than silently missing.
    """
    found: list[Path] = []
    problems: list[ReadFailure] = []

    def on_error(exc: OSError) -> None:
        problems.append(failure(str(exc.filename or root), exc))

    for folder, dirs, files in os.walk(root, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(folder, f)
            for f in files
            if not f.startswith(".") and f.lower().endswith(DIRECTORY_SUFFIXES)
        )
    yield from problems
    yield from sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _read_directory(root: Path, manifest: Manifest, max_chars: int) -> Iterator[Item]:
    for path in _walk(root):
        if isinstance(path, ReadFailure):
            yield path
        elif not _is_manifest(path, manifest):
            try:
                yield _read_file(path, path.relative_to(root).as_posix(), manifest, max_chars)
            except Exception as exc:
                yield failure(str(path), exc)


def _read_bytes(path: Path, kind: str, max_chars: int) -> bytes:
    """An article file's bytes, refusing one too large to be an article of ``max_chars``."""
    cap = BYTES_PER_CHAR[kind] * max_chars + 4
    data = _read_regular(path, cap)
    if len(data) > cap:
        raise InputError(f"file is over {cap:,} bytes, certainly over --max-chars {max_chars:,}")
    return data


def _loops(path: Path) -> bool:
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _read_regular(path: Path, cap: int) -> bytes:
    """At most ``cap`` + 1 bytes of a regular file: a FIFO, device or socket is refused before
    it is opened (reading one blocks or never ends), and the size comes from reading, not from
    ``stat`` (a link to /dev/zero says 0 bytes)."""
    if _loops(path):
        raise InputError("symbolic link loop: the link points back at itself")
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        kind_name = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a device"
                     if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket"
                     if stat.S_ISSOCK(mode) else "not a regular file")
        raise InputError(f"skipped: {kind_name}, not a regular file")
    with path.open("rb") as f:
        return f.read(cap + 1)


def _read_file(path: Path, relative: str, manifest: Manifest, max_chars: int) -> Item:
    """One .txt or .html file; its id is ``relative`` without the extension."""
    source = str(path)
    try:
        if not path.exists():
            if path.is_symlink():
                loop = _loops(path)
                raise InputError("symbolic link loop: the link points back at itself" if loop
                                 else "broken symbolic link: what it points to does not exist")
            raise FileNotFoundError(path)
        article_id = relative.rsplit(".", 1)[0] if "." in Path(relative).name else relative
        given = manifest.lookup(relative, path.name) or Meta()
        if path.suffix.lower() in HTML_SUFFIXES:
            data = _read_bytes(path, "html", max_chars)
            try:
                content: str | bytes = decode_bytes(data)
            except InputError:
                if b"\x00" in data or not data:
                    raise
                content = data  # not UTF-8: let trafilatura read the page's declared charset
            text, found = extract_html(content)
            check_length(len(text), max_chars)
            given = given.over(found)
        else:
            text = decode_bytes(_read_bytes(path, "text", max_chars))
        return read_text(
            text,
            source,
            article_id=article_id,
            max_chars=max_chars,
            **asdict(given),
        )
    except Exception as exc:
        return failure(source, exc)


JSONL_MAX_BYTES = 4 * 1024 ** 3  # a JSONL input is many articles, read whole: a sane cap


def _read_jsonl_file(path: Path, max_chars: int) -> Iterator[Item]:
    try:
        data = _read_regular(path, JSONL_MAX_BYTES)
        if len(data) > JSONL_MAX_BYTES:
            raise InputError(f"JSONL file is over {JSONL_MAX_BYTES:,} bytes; split it")
        text = decode_bytes(data)
    except InputError as exc:
        if "not UTF-8" not in str(exc):
            yield failure(str(path), exc)
            return
        # one bad byte fails its line only: decode line by line, naming the bad ones
        yield from _read_jsonl_lines(data, str(path), max_chars)
        return
    except Exception as exc:
        yield failure(str(path), exc)
        return
    yield from read_jsonl(text, str(path), max_chars)


def _read_jsonl_lines(data: bytes, source: str, max_chars: int) -> Iterator[Item]:
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield ReadFailure(f"{source}:{number}", f"not UTF-8: byte 0x{raw[exc.start]:02x} "
                              f"at column {exc.start + 1} cannot be decoded")
            continue
        for item in read_jsonl(line, source, max_chars):  # numbered as line 1: renumber
            if isinstance(item, ReadFailure):
                yield ReadFailure(f"{source}:{number}", item.reason)
            else:
                yield replace(item, source=f"{source}:{number}")
