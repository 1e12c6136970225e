"""The same document, the same bytes: a Word file's zip package rewritten without the time
it was made.

python-docx stamps every zip entry with the moment it was saved, so two renderings of one
letter with the same text, template, company details and date differed in their SHA-256,
and the hash recorded for a letter could not be checked against a file rendered again. The
XML inside is already free of clocks and random ids (the templates fix the core properties
and the revision ids), so fixing each entry's time, order and attributes is enough.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

ENTRY_TIME = (2000, 1, 1, 0, 0, 0)
"""Every entry's modification time: any fixed date the zip format can hold."""

FIRST = "[Content_Types].xml"
"""Word, LibreOffice and the OPC standard's readers look for this entry first."""


def reproducible_zip(package: bytes) -> bytes:
    """`package` with fixed entry times, the content types first and every other entry in
    name order, each compressed alike: equal contents give equal bytes."""
    with zipfile.ZipFile(BytesIO(package)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(entries, key=lambda name: (name != FIRST, name)):
            info = zipfile.ZipInfo(name, date_time=ENTRY_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, entries[name])
    return out.getvalue()
