"""Filling a replaced template in a child process that can be stopped (why: `fill.py`).

The child is this interpreter running `fill.py` as a file, isolated (`-I`: no environment
variables, no user site, not the script's folder on its path). It takes the template and
the values on stdin and answers in JSON, so nothing it sends back is unpickled here.
"""

from __future__ import annotations

import base64
import json
import pickle
import subprocess
import sys
from pathlib import Path

from workflow.documents import fill
from workflow.documents.fill import FillError

STARTUP_SECONDS = 15.0
"""Time for the child to start and import docxtpl, on a busy machine, before its documents' time."""


class BatchError(FillError):
    """One of several documents failed; `index` says which."""

    def __init__(self, reason: str, index: int | None) -> None:
        super().__init__(reason)
        self.index = index


def fill_apart(source: bytes, batch: list[dict[str, object]]) -> list[bytes]:
    """Each values of `batch` filled into `source`, in one child; `BatchError` for the first
    that fails (index None when the child itself was stopped)."""
    try:
        done = subprocess.run(
            [sys.executable, "-I", str(Path(fill.__file__))],
            input=pickle.dumps((source, batch, fill.SECONDS)),
            capture_output=True,
            timeout=STARTUP_SECONDS + fill.SECONDS * len(batch),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BatchError(f"it takes longer than {fill.SECONDS:g} seconds", None) from None
    if done.returncode != 0:
        raise BatchError("it was stopped for using more time or memory than a document may", None)
    documents = []
    for index, outcome in enumerate(json.loads(done.stdout)):
        if "error" in outcome:
            raise BatchError(outcome["error"], index)
        documents.append(base64.b64decode(outcome["document"]))
    return documents
