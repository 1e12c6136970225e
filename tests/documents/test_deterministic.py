"""The same letter, version, template, company details and date give the same bytes, in any
process at any time: a recorded hash can be checked by rendering again."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from io import BytesIO

from workflow.documents import DocumentKind, render_document
from workflow.documents.reproducible import ENTRY_TIME
from workflow.documents.samples import sample_context

RENDER_AND_HASH = """
import hashlib, sys
from workflow.documents import DocumentKind, render_document
from workflow.documents.samples import sample_context
for kind in DocumentKind:
    data = sample_context(kind, "bg" if kind.per_language else "en")
    print(kind.value, hashlib.sha256(render_document(kind, data)).hexdigest())
"""


def _hashes_from_a_new_process() -> str:
    return subprocess.run(
        [sys.executable, "-c", RENDER_AND_HASH], check=True, capture_output=True, text=True, timeout=120
    ).stdout


def test_two_processes_render_every_kind_to_the_same_bytes():
    first = _hashes_from_a_new_process()
    time.sleep(2.1)  # a zip entry's time has two-second steps: the second process saves in another one
    assert _hashes_from_a_new_process() == first
    assert len(first.splitlines()) == len(DocumentKind)


def test_the_package_holds_no_save_time_and_still_opens():
    raw = render_document(DocumentKind.FINAL, sample_context(DocumentKind.FINAL, "en"))
    with zipfile.ZipFile(BytesIO(raw)) as package:
        entries = package.infolist()
        assert package.testzip() is None
        assert {entry.date_time for entry in entries} == {ENTRY_TIME}
    assert entries[0].filename == "[Content_Types].xml"
