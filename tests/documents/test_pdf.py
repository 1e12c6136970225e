"""What a recipient sees: LibreOffice turns every document into PDF holding the key content."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.infra.libreoffice import docx_to_pdf, pdf_text
from workflow.documents import DocumentKind, build_context, compare_versions, render_document
from workflow.documents.pdf import LibreOffice, PdfUnavailable
from workflow.documents.samples import PEER_COMMENT, SAMPLE_BODIES, SAMPLE_COMPANY, sample_context, sample_record
from workflow.letters.states import State
from workflow.settings.config import Policy

pytestmark = pytest.mark.slow

EXPECTED = {
    DocumentKind.DRAFT: ["DRAFT — not for sending", "Dear Zoë", "Yours sincerely"],
    DocumentKind.PEER_REVIEW: ["Peer-review packet", "INTERNAL-NOTE", "Sounds condescending", "Spelling and grammar"],
    DocumentKind.LEGAL_REVIEW: [
        "Legal-review packet",
        "Amount against threshold",
        PEER_COMMENT.split(": ")[1],  # pdftotext joins "PEER-" at a line's end to the next word
        "Liabilities checklist",
        "Legal reviewer: ____",
    ],
    DocumentKind.FINAL: ["Smith & Sons <Events>", "Dear Zoë", "Ana O'Brien & Co", "care@example.com"],
    DocumentKind.RECORD: ["Record sheet", "f" * 64, "First-class mail", "7 March 2026", "Lex Counsel"],
}


def _words(text: str) -> str:
    """Text without any whitespace: narrow table cells wrap words and hashes anywhere."""
    return "".join(text.split())


@pytest.mark.parametrize("kind", DocumentKind)
def test_every_document_kind_converts_to_pdf_with_its_content(kind: DocumentKind, tmp_path: Path):
    path = tmp_path / f"{kind.value}.docx"
    path.write_bytes(render_document(kind, sample_context(kind)))
    text = _words(pdf_text(docx_to_pdf(path)))
    for expected in EXPECTED[kind]:
        assert _words(expected) in text
    if kind is not DocumentKind.RECORD:
        assert _words(SAMPLE_BODIES["en"].split("\n")[0]) in text
    if kind is DocumentKind.FINAL:
        assert "INTERNAL" not in text and "HARDSHIP" not in text


@pytest.mark.parametrize("language", ["es", "bg", "tr"])
def test_final_letters_in_every_language_convert(language: str, tmp_path: Path):
    path = tmp_path / "final.docx"
    path.write_bytes(render_document(DocumentKind.FINAL, sample_context(DocumentKind.FINAL, language)))
    text = _words(pdf_text(docx_to_pdf(path)))
    assert _words(SAMPLE_BODIES[language].split("\n")[0]) in text


def test_the_comparison_converts_with_both_texts_visible(tmp_path: Path):
    path = tmp_path / "compare.docx"
    path.write_bytes(
        compare_versions(
            "we keep this and drop that",
            "we keep this and add more",
            title="Compare",
            author="Lex",
            when=datetime(2026, 3, 7, tzinfo=UTC),
        )
    )
    text = _words(pdf_text(docx_to_pdf(path)))
    assert _words("we keep this and drop that add more") in text  # deletions struck through, still shown


LIRA_BODY = (
    "Talebinizi dikkatle inceledik: 1.250,00 ₺ tutarındaki iadeyi yapamıyoruz.\n\nSaygılarımızla teşekkür ederiz."
)


@pytest.mark.parametrize(
    ("language", "body"), [("bg", SAMPLE_BODIES["bg"]), ("tr", LIRA_BODY)], ids=["bulgarian", "turkish-lira"]
)
def test_the_final_letter_becomes_pdf_a_in_its_own_fonts_all_embedded(language: str, body: str, tmp_path: Path):
    """Cyrillic in Carlito, and the lira sign Carlito lacks in Lato (its own design), not
    in whichever font the machine ranks first."""
    record = sample_record(language, state=State.APPROVED, body=body)
    data = build_context(DocumentKind.FINAL, record, company=SAMPLE_COMPANY, policy=Policy(), today=date(2026, 3, 7))
    pdf = LibreOffice()(render_document(DocumentKind.FINAL, data))
    assert pdf.startswith(b"%PDF-") and b"<pdfaid:part>2</pdfaid:part>" in pdf
    path = tmp_path / "final.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # the "emb" column
    families = {row.split()[0].split("+")[-1].split("-")[0] for row in rows}
    assert families == ({"Carlito", "Lato"} if "₺" in body else {"Carlito"}), fonts
    assert _words(body.split("\n")[0]) in _words(pdf_text(path))


def test_the_signature_block_never_stands_alone_on_a_page(tmp_path: Path):
    """Twenty one-line paragraphs fill the first page: the closing and signature go over,
    and the letter's last paragraph goes with them."""
    paragraphs = [f"Paragraph {n}: we have looked at your booking again, line by line." for n in range(1, 21)]
    record = sample_record("en", state=State.APPROVED, body="\n\n".join(paragraphs))
    data = build_context(DocumentKind.FINAL, record, company=SAMPLE_COMPANY, policy=Policy(), today=date(2026, 3, 7))
    path = tmp_path / "final.pdf"
    path.write_bytes(LibreOffice()(render_document(DocumentKind.FINAL, data)))
    pages = pdf_text(path).split("\f")
    assert len([page for page in pages if page.strip()]) == 2
    signed = next(page for page in pages if "Yours sincerely" in page)
    assert "Ana O'Brien & Co" in signed and paragraphs[-1] in signed
    assert "Page 2 of 2" in signed and "Page 1 of 2" not in pages[0]  # a first page carries no number


def test_without_libreoffice_the_converter_says_so_in_a_sentence():
    with pytest.raises(PdfUnavailable, match="LibreOffice is not installed on this server"):
        LibreOffice(command="no-such-soffice")(b"PK")


def test_a_conversion_that_takes_too_long_is_stopped():
    with pytest.raises(PdfUnavailable, match="took longer than"):
        LibreOffice(seconds=0.01)(render_document(DocumentKind.FINAL, sample_context(DocumentKind.FINAL)))
