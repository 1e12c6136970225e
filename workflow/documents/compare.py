"""Two versions of a letter as one Word document with real tracked changes.

Reviewers and lawyers compare in Word: with w:ins and w:del marks, Word's Review pane
steps through each change, and "Accept All" gives exactly the newer text while "Reject
All" gives the older one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from io import BytesIO
from itertools import count

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from workflow.documents.diff import Op, word_diff
from workflow.documents.engine import clean_text

EQUAL, INSERTED, DELETED = "equal", "ins", "del"


def compare_versions(old_text: str, new_text: str, *, title: str, author: str, when: datetime) -> bytes:
    """A .docx whose tracked changes turn `old_text` into `new_text`, attributed to
    `author` at `when`: one deletion and one insertion per changed stretch of words."""
    doc = Document()
    doc.core_properties.title = clean_text(title)
    doc.core_properties.author = clean_text(author)
    doc.add_heading(clean_text(title), level=1)
    doc.add_paragraph(
        "Deleted words are struck through and inserted words underlined. In Word, Review → Next steps "
        "through each change; Accept All gives the newer version, Reject All the older one."
    )
    marks = _Marks(clean_text(author), when)
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    for paragraph in _paragraphs(clean_text(old_text), clean_text(new_text), marks):
        sect.addprevious(paragraph)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


class _Marks:
    """Author, date and a fresh id for each w:ins / w:del."""

    def __init__(self, author: str, when: datetime) -> None:
        self.author = author
        self.date = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._ids = count(1)

    def make(self, status: str):
        mark = OxmlElement(f"w:{status}")
        mark.set(qn("w:id"), str(next(self._ids)))
        mark.set(qn("w:author"), self.author)
        mark.set(qn("w:date"), self.date)
        return mark


def _stream(old: str, new: str) -> Iterator[tuple[str, str]]:
    for piece in word_diff(old, new):
        if piece.tag is Op.EQUAL:
            yield EQUAL, piece.new
            continue
        if piece.old:
            yield DELETED, piece.old
        if piece.new:
            yield INSERTED, piece.new


def _paragraphs(old: str, new: str, marks: _Marks) -> Iterator[object]:
    """Each line break is a paragraph mark, itself tracked when it was added or removed,
    so accepting a deleted break joins the two paragraphs as Word does."""
    paragraph = OxmlElement("w:p")
    for status, text in _stream(old, new):
        lines = text.split("\n")
        for index, line in enumerate(lines):
            if line:
                paragraph.append(_run(status, line, marks))
            if index < len(lines) - 1:
                _close(paragraph, status, marks)
                yield paragraph
                paragraph = OxmlElement("w:p")
    yield paragraph


def _close(paragraph, status: str, marks: _Marks) -> None:
    if status == EQUAL:
        return
    properties = OxmlElement("w:pPr")
    run_properties = OxmlElement("w:rPr")
    run_properties.append(marks.make(status))
    properties.append(run_properties)
    paragraph.insert(0, properties)


def _run(status: str, text: str, marks: _Marks):
    run = OxmlElement("w:r")
    text_tag = "w:delText" if status == DELETED else "w:t"
    for index, chunk in enumerate(text.split("\t")):
        if index:
            run.append(OxmlElement("w:tab"))
        if chunk:
            element = OxmlElement(text_tag)
            element.text = chunk
            element.set(qn("xml:space"), "preserve")
            run.append(element)
    if status == EQUAL:
        return run
    mark = marks.make(status)
    mark.append(run)
    return mark
