"""Bytes to text, refusing what is not text, with a reason a user can act on."""

from __future__ import annotations

import codecs

from legation.errors import InputError


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM), or UTF-16 when it has a BOM.

    Raises InputError for an empty file, a binary file (NUL bytes) and bytes that are not UTF-8.
    """
    if not data:
        raise InputError("empty file (0 bytes)")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00
        try:
            return data.decode("utf-32")
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-32 text despite its byte-order mark: {exc.reason}"
                             ) from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-16 text despite its byte-order mark: {exc.reason}"
                             ) from exc
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary file (NUL byte at position {nul:,}), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at position {exc.start:,} cannot be "
            "decoded; convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)"
        ) from exc
