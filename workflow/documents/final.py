"""Making the final letter once, when it is approved or re-dated: the Word file, proven to
hold the approved text, and its PDF/A.

The letter is dated on the day it is made. What is made here is kept and handed out from
then on, so the customer gets exactly these bytes and the record holds their hashes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel import Session

from workflow.documents import pdf
from workflow.documents.downloads import Download, render_stage
from workflow.documents.kinds import DocumentKind
from workflow.documents.proof import require_text
from workflow.documents.template_store import uploaded_template
from workflow.installation import Installation
from workflow.letters.loading import current_version
from workflow.letters.models import Letter


@dataclass(frozen=True)
class FinalLetter:
    """The final letter as made: Word always, PDF when LibreOffice could make it, and if not, why."""

    word: Download
    pdf: Download | None = None
    pdf_problem: str = ""


def final_word(installation: Installation, session: Session, letter: Letter) -> Download:
    """The final letter in Word, dated today, or `InvalidInput` when its template leaves out
    the approved text."""
    made = render_stage(installation, session, letter, DocumentKind.FINAL)
    uploaded = uploaded_template(session, DocumentKind.FINAL, letter.language) is not None
    approved = current_version(session, letter)
    assert approved is not None  # every letter is created with its first version
    require_text(
        made.content,
        approved.body,
        template="the template an administrator uploaded" if uploaded else "the shipped template",
    )
    dated = f"{letter.reference} Final letter v{letter.current_version} {installation.clock.now():%Y-%m-%d}"
    return replace(made, filename=f"{dated}.docx")


def with_pdf(installation: Installation, word: Download) -> FinalLetter:
    """The Word file with its PDF/A beside it; without one, the sentence saying why. Slow (a
    LibreOffice run), so called outside any transaction."""
    try:
        content = installation.pdf(word.content)
    except pdf.PdfUnavailable as problem:
        return FinalLetter(word, pdf_problem=str(problem))
    name = word.filename.removesuffix(".docx")
    return FinalLetter(word, Download(f"{name}.pdf", pdf.MEDIA_TYPE, content))
