"""Word files from a letter's page: the stage's documents, stored copies, comparisons,
each download recorded with the SHA-256 of the bytes handed out."""

from __future__ import annotations

import hashlib
import json

from sqlmodel import select

from tests.conftest import word_file
from tests.documents.helpers import keep_unchecked_template, read_part, visible_text
from workflow.audit.models import AuditEvent
from workflow.documents.pdf import PdfUnavailable
from workflow.letters.models import StoredDocument

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _downloads(world, letter) -> list[dict]:
    with world.installation.db.read() as session:
        events = session.exec(
            select(AuditEvent).where(AuditEvent.letter_id == letter.id, AuditEvent.action == "download")
        ).all()
    return [json.loads(e.details) | {"actor": e.actor} for e in events]


def store(world, letter, content: bytes, kind: str = "final", filename: str = "", media_type: str = DOCX) -> int:
    """Keep `content` with the letter as if a trigger had stored it."""

    def work(session) -> int:
        document = StoredDocument(
            letter_id=letter.id,
            kind=kind,
            version=1,
            filename=filename or f"{letter.reference}.docx",
            media_type=media_type,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            content=content,
            created_by_id=world.people["ana"].id,
            created_at=world.clock.now(),
        )
        session.add(document)
        session.flush()
        return document.id

    return world.installation.db.write(work)


def test_the_draft_copy_downloads_and_the_download_is_recorded(world, sign_in):
    letter = world.letter()
    ana = sign_in("ana")
    page = ana.page(f"/letters/{letter.id}")
    assert page.xpath(f"//a[@href='/letters/{letter.id}/documents/draft'][normalize-space()='Draft copy']")
    response = ana.get(f"/letters/{letter.id}/documents/draft")
    assert response.status_code == 200 and response.mimetype == DOCX
    assert "attachment" in response.headers["Content-Disposition"]
    assert "delivered it on time" in visible_text(response.data)
    [event] = _downloads(world, letter)
    assert event["sha256"] == hashlib.sha256(response.data).hexdigest() and event["actor"] == "ana"


def test_review_packets_carry_the_internal_record_and_findings(world, sign_in):
    letter = world.to_review(world.letter(internal_notes="Customer for six years."))
    response = sign_in("ben").get(f"/letters/{letter.id}/documents/peer-review")
    assert response.status_code == 200
    assert "Customer for six years." in visible_text(response.data)


def test_only_the_documents_of_the_letters_stage_are_offered(world, sign_in):
    letter = world.letter()
    ana = sign_in("ana")
    assert ana.get(f"/letters/{letter.id}/documents/final").status_code == 404
    assert ana.get(f"/letters/{letter.id}/documents/nonsense").status_code == 404
    assert _downloads(world, letter) == []


def test_a_sent_letter_hands_out_the_stored_bytes_exactly(world, sign_in):
    letter = world.sent(world.letter())
    stored = b"PK exactly these bytes were sent"
    document_id = store(world, letter, stored)
    ben = sign_in("ben")
    assert ben.get(f"/letters/{letter.id}/documents/final").data == stored
    assert ben.get(f"/letters/{letter.id}/files/{document_id}").data == stored
    assert {e["sha256"] for e in _downloads(world, letter)} == {hashlib.sha256(stored).hexdigest()}
    assert f"/letters/{letter.id}/files/{document_id}" in " ".join(
        ben.page(f"/customers/file?name={letter.customer_name}&email={letter.customer_email}").xpath("//a/@href")
    )


def test_a_stored_file_belongs_to_the_letter_in_the_address(world, sign_in):
    letter, other = world.sent(world.letter()), world.letter()
    document_id = store(world, letter, b"PK sent")
    ana = sign_in("ana")
    assert ana.get(f"/letters/{other.id}/files/{document_id}").status_code == 404
    assert ana.get(f"/letters/{letter.id}/files/99999").status_code == 404


def test_two_versions_download_as_a_word_comparison(world, sign_in):
    letter = world.letter()
    ana = sign_in("ana")
    ana.act(letter, "edit", body="Dear Mary,\n\nThank you. It arrived early.\n\nKind regards")
    response = ana.get(f"/letters/{letter.id}/compare.docx?old=1&new=2")
    assert response.status_code == 200 and response.mimetype == DOCX
    assert "<w:ins " in read_part(response.data, "word/document.xml")
    assert _downloads(world, letter)[0]["kind"] == "comparison"
    assert ana.get(f"/letters/{letter.id}/compare.docx?old=1&new=7").status_code == 404


def test_a_document_an_uploaded_template_cannot_make_is_a_sentence_on_the_letter_s_page(world, sign_in):
    keep_unchecked_template(world, "draft", "en", word_file("{{ 100 // (letter.order_reference | length) }}"))
    letter = world.letter(order_reference="")
    response = sign_in("ana").get(f"/letters/{letter.id}/documents/draft")
    assert response.status_code == 422 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "The draft copy could not be made from the template an administrator uploaded" in page
    assert "Traceback" not in page and letter.reference in page


def test_an_approved_letter_offers_the_pdf_and_word_file_made_at_approval(world, sign_in):
    letter = world.approved(world.letter())
    with world.installation.db.read() as session:
        word, pdf = session.exec(select(StoredDocument).order_by(StoredDocument.id)).all()
    ana = sign_in("ana")
    page = ana.page(f"/letters/{letter.id}")
    assert page.xpath(f"//a[@href='/letters/{letter.id}/documents/final-pdf'][normalize-space()='PDF']")
    assert page.xpath(f"//a[@href='/letters/{letter.id}/documents/final'][normalize-space()='Word']")
    pdf_response = ana.get(f"/letters/{letter.id}/documents/final-pdf")
    assert (pdf_response.mimetype, pdf_response.data) == ("application/pdf", pdf.content)
    assert ana.get(f"/letters/{letter.id}/documents/final").data == word.content


def test_without_a_pdf_the_page_says_why_and_the_word_file_still_works(world, sign_in):
    def missing(document: bytes) -> bytes:
        raise PdfUnavailable("The PDF could not be made: LibreOffice is not installed on this server.")

    world.installation.pdf = missing
    letter = world.approved(world.letter())
    ana = sign_in("ana")
    page = ana.page(f"/letters/{letter.id}")
    assert "The PDF could not be made" in " ".join(page.xpath("//aside//text()"))
    assert not page.xpath(f"//a[@href='/letters/{letter.id}/documents/final-pdf']")
    assert ana.get(f"/letters/{letter.id}/documents/final").status_code == 200
    assert ana.get(f"/letters/{letter.id}/documents/final-pdf").status_code == 404
