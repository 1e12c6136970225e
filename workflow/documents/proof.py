"""A final letter proves itself before it is kept: the approved text must be in it.

The record says "the approved version was sent" beside the hash of the file kept as sent.
A template that leaves out the letter's text (an administrator's restyled template without
the body field, a field inside an `{% if %}` that is false for this letter) would make that
sentence false, so every final letter is read back as Word reads it, and refused when the
approved text is not there, word for word.
"""

from __future__ import annotations

from io import BytesIO

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from workflow.documents.engine import clean_text
from workflow.errors import InvalidInput


def document_text(content: bytes) -> str:
    """Every paragraph of the document's body, tables included, one a line: what a reader sees
    of the letter itself (headers and footers hold the letterhead, never the text)."""
    document = docx.Document(BytesIO(content))
    return "\n".join(Paragraph(p, document).text for p in document.element.body.iter(qn("w:p")))


def _words(text: str) -> str:
    return " ".join(text.split())


def shows_text(content: bytes, text: str) -> bool:
    """Whether the document holds `text` as the template was given it, its line breaks and
    paragraphs aside."""
    return _words(clean_text(text)) in _words(document_text(content))


def require_text(content: bytes, text: str, *, template: str) -> None:
    """`InvalidInput` naming the template when the document lacks the approved text."""
    if not shows_text(content, text):
        raise InvalidInput(
            f"The final letter made from {template} does not contain the approved text of the letter: the "
            "template has no letter body field ({{ letter.body }}), or hides it for this letter. Nothing was "
            "stored; an administrator can upload a corrected template."
        )
