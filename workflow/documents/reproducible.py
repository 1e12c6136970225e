"""The same document, the same bytes: a Word file's zip package without the time it was saved.

python-docx stamps every zip entry with the moment it was saved, so two renderings of one
letter with the same text, template, company details and date differed in their SHA-256,
and the hash recorded for a letter could not be checked against a file rendered again. The
XML inside is already free of clocks and random ids (the templates fix the core properties
and the revision ids), and python-docx writes the parts in the order it walks their
relationships, the same each time; so only the entry times are left.

They are overwritten in place, in each entry's local header and in the central directory:
unpacking and compressing the package again would cost a third of a rendering.
"""

from __future__ import annotations

import struct

ENTRY_TIME = (2000, 1, 1, 0, 0, 0)
"""Every entry's modification time: any fixed date the zip format can hold."""

_DOS_TIME = struct.pack("<HH", 0, ((ENTRY_TIME[0] - 1980) << 9) | (ENTRY_TIME[1] << 5) | ENTRY_TIME[2])

_LOCAL = b"PK\x03\x04"
_CENTRAL = b"PK\x01\x02"
_END = b"PK\x05\x06"


class NotAPackage(ValueError):
    """The bytes are not the plain zip package python-docx writes."""


def reproducible_zip(package: bytes) -> bytes:
    """`package` with every entry's time set to `ENTRY_TIME`."""
    data = bytearray(package)
    end = data.rfind(_END)
    if end < 0:
        raise NotAPackage("no end of central directory")
    count, _, start = struct.unpack_from("<HII", data, end + 10)
    at = start
    for _ in range(count):
        if data[at : at + 4] != _CENTRAL:
            raise NotAPackage(f"no central directory entry at {at}")
        data[at + 12 : at + 16] = _DOS_TIME
        name, extra, comment = struct.unpack_from("<HHH", data, at + 28)
        (local,) = struct.unpack_from("<I", data, at + 42)
        if data[local : local + 4] != _LOCAL:
            raise NotAPackage(f"no local header at {local}")
        data[local + 10 : local + 14] = _DOS_TIME
        at += 46 + name + extra + comment
    return bytes(data)
