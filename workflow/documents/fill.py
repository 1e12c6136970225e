"""Filling a Word template with plain values, with its output bounded; run as a script, the
same code fills an administrator's template in a child process bounded in time and memory.

Why a child process: a Jinja template is a program. The sandbox keeps it away from Python
internals, and the output budget here stops one that writes too much, but nothing inside
one process can stop `{% for a in x %}{% for b in x %}…` that spins without writing, or a
single `"x" * 10**9`: the web server's threads take no signals, and Jinja has no hook per
loop iteration. A child can be given a CPU timer, a memory ceiling and a wall-clock
timeout, and killed. It costs one interpreter start per document, so only templates from
outside pay it; the shipped ones are filled in-process, with the same output budget.

This module imports no part of `workflow`, so the child starts with docxtpl alone (run as
a file with `python -I`, not as a module, it does not import the package's `__init__`).
"""

from __future__ import annotations

import base64
import json
import pickle
import resource
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from io import BytesIO
from types import FrameType, SimpleNamespace
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, Listing
from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment

OUTPUT_CHARS = 20_000_000
"""The most XML a document's template may write, over all its parts: a long letter's packet
is well under a million characters."""

SECONDS = 5.0
"""The longest one document may take to fill in the child; a real one takes a tenth of a second."""

MEMORY_BYTES = 1024 * 1024 * 1024
"""The child's address space: the interpreter, docxtpl and a document, with room to spare."""

BODY_BOOKMARK = "tactful_body"
"""The bookmark around the letter's text in a template: an edited copy handed back yields
the text alone, and the paragraph it ends in is kept on the page of the closing."""


class FillError(Exception):
    """The template cannot be filled in; the message is a sentence's ending for a person."""


@dataclass(frozen=True)
class Picture:
    """An image to place: a value that can cross to the child, which makes it an InlineImage
    of the document being filled."""

    data: bytes
    width_mm: float


class Paper(Enum):
    """The sheet the installation prints on, width and height in millimetres. A value of
    this type anywhere in the values sets every section of the filled document to it, so
    one template serves an A4 office and a US one alike (margins stay as designed)."""

    A4 = (210.0, 297.0)
    LETTER = (215.9, 279.4)

    def __str__(self) -> str:
        return "A4" if self is Paper.A4 else "Letter"


class _BudgetTemplate(Template):
    """Renders piece by piece, charging each piece to its environment's budget."""

    environment: BoundedEnvironment

    def render(self, *args: Any, **kwargs: Any) -> str:
        return "".join(self.environment.charged(self.generate(*args, **kwargs)))


class BoundedEnvironment(SandboxedEnvironment):
    """The sandbox, strict about missing fields, escaping for XML, and with an output budget
    shared by every part (body, headers, footers) of one document: build one per document."""

    template_class = _BudgetTemplate

    def __init__(self, budget: int = OUTPUT_CHARS) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.budget = budget

    def charged(self, pieces: Iterator[str]) -> Iterator[str]:
        for piece in pieces:
            self.budget -= len(piece)
            if self.budget < 0:
                raise FillError(f"it writes more than {OUTPUT_CHARS:,} characters")
            yield piece


def fill(source: bytes, values: dict[str, object]) -> bytes:
    """The .docx bytes of `source` filled with `values`; `FillError` when the template fails."""
    doc = DocxTemplate(BytesIO(source))
    try:
        doc.render(placed(values, doc), jinja_env=BoundedEnvironment(), autoescape=True)
    except TemplateError as error:
        raise FillError(f"it fails: {error.message or type(error).__name__}") from error
    for paper in _found(values, Paper):
        _set_paper(doc, paper)
    _keep_last_paragraph_with_closing(doc)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def placed(value: Any, doc: DocxTemplate) -> Any:
    """`value` with every Picture made an image of `doc` (an image belongs to one document)."""
    if isinstance(value, Picture):
        return InlineImage(doc, BytesIO(value.data), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {key: placed(item, doc) for key, item in value.items()}
    if isinstance(value, list):
        return [placed(item, doc) for item in value]
    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**placed(vars(value), doc))
    return value


def _found(value: Any, wanted: type) -> Iterator[Any]:
    """Every value of type `wanted` inside `value`, as `placed` walks it."""
    if isinstance(value, wanted):
        yield value
    elif isinstance(value, dict | SimpleNamespace):
        for item in (value if isinstance(value, dict) else vars(value)).values():
            yield from _found(item, wanted)


def _set_paper(doc: DocxTemplate, paper: Paper) -> None:
    width, height = paper.value
    for section in doc.docx.sections:
        section.page_width, section.page_height = Mm(width), Mm(height)


def _keep_last_paragraph_with_closing(doc: DocxTemplate) -> None:
    """The letter's last paragraph keeps with what follows it (the closing and signature
    block, which keep together in the template), so a signature never stands alone at the
    top of a page. Done after filling: the letter's paragraphs are made from one template
    paragraph and share its properties, and keeping every one of them with the next would
    push a long letter whole onto its second page."""
    body = doc.docx.element.body
    ids = {mark.get(qn("w:id")) for mark in body.iter(qn("w:bookmarkStart")) if mark.get(qn("w:name")) == BODY_BOOKMARK}
    for end in body.iter(qn("w:bookmarkEnd")):
        if end.get(qn("w:id")) in ids:
            holder = end.getparent()
            last = holder if holder.tag == qn("w:p") else next(end.itersiblings(qn("w:p"), preceding=True), None)
            if last is not None:
                last.get_or_add_pPr().keepNext_val = True


class _TooSlow(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _TooSlow


def _outcome(source: bytes, values: dict[str, object], seconds: float) -> dict[str, str]:
    """One document filled in the child: its bytes, or why not in words."""
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return {"document": base64.b64encode(fill(source, values)).decode("ascii")}
    except FillError as error:
        return {"error": str(error)}
    except _TooSlow:
        return {"error": f"it takes longer than {seconds:g} seconds"}
    except MemoryError:
        return {"error": f"it needs more than {MEMORY_BYTES // 2**20:,} MB of memory"}
    except RecursionError:
        return {"error": "it nests too deeply"}
    except Exception as error:  # a restyled template can break docxtpl's XML in many ways
        return {"error": f"it fails with {type(error).__name__}: {error}"[:500]}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


class _Values(pickle.Unpickler):
    """Reads only the plain values the parent sends: no class beyond these can be built."""

    allowed = {cls.__qualname__: cls for cls in (SimpleNamespace, Listing, Picture, Paper)}

    def find_class(self, module: str, name: str) -> Any:
        if name not in self.allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not a template value")
        return self.allowed[name]


def _child() -> None:
    """Read (template, [values, ...], seconds for each) on stdin; write a JSON outcome per
    values on stdout, up to the first that fails: one failure is enough to refuse."""
    source, batch, seconds = _Values(sys.stdin.buffer).load()
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    cpu = int(seconds * len(batch)) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    signal.signal(signal.SIGALRM, _alarm)
    outcomes = []
    for values in batch:
        outcomes.append(_outcome(source, values, seconds))
        if "error" in outcomes[-1]:
            break
    json.dump(outcomes, sys.stdout)


if __name__ == "__main__":
    _child()
