"""The manifest: what a crawler knew about each file (outlet, date, title, author, url).

JSON Lines keyed by ``file``. A key may be the file name or its path relative to the
directory argument, so one manifest serves a flat folder and a tree alike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from legation.errors import InputError
from legation.read.decode import decode_bytes
from legation.read.failure import reason
from legation.read.meta import Meta


def _key(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).as_posix().removeprefix("./")


@dataclass(frozen=True)
class Manifest:
    """Metadata by file key; ``path`` is the manifest file itself (never read as an article)."""

    entries: dict[str, Meta] = field(default_factory=dict)
    path: Path | None = None

    def lookup(self, relative: str, name: str) -> Meta | None:
        """The entry for a file: by relative path, then by name, then by a unique path suffix."""
        for key in (_key(relative), name):
            if key in self.entries:
                return self.entries[key]
        rel = _key(relative)
        close = [m for k, m in self.entries.items()
                 if k.endswith("/" + rel) or rel.endswith("/" + k)]
        return close[0] if len(close) == 1 else None


def load_manifest(path: Path) -> Manifest:
    """Read a manifest; a bad manifest is a usage error for the whole run (InputError)."""
    try:
        text = decode_bytes(path.read_bytes())
    except OSError as exc:
        raise InputError(f"manifest {path}: cannot read: {exc.strerror or exc}") from exc
    except InputError as exc:
        raise InputError(f"manifest {path}: {reason(exc)}") from exc
    entries: dict[str, Meta] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"manifest {path}:{number}: not JSON: {exc.msg}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("file"), str):
            raise InputError(f'manifest {path}:{number}: expected an object with a "file" name')
        entries[_key(data["file"])] = Meta.from_mapping(data)
    return Manifest(entries, path)
