"""Approval freezes the final letter: made once, dated that day, proven to hold the approved
text, kept in Word and PDF with both hashes in the approval's event; downloaded, sent and
re-dated from those bytes, never rendered again."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import World, word_file
from tests.documents.helpers import keep_unchecked_template
from workflow.audit import chain
from workflow.audit.models import AuditEvent
from workflow.documents.downloads import stage_document
from workflow.documents.pdf import PdfUnavailable
from workflow.documents.proof import document_text
from workflow.errors import InvalidInput, NotFound
from workflow.letters.models import Letter, StoredDocument


def kept(world: World) -> list[StoredDocument]:
    with world.installation.db.read() as session:
        return list(session.scalars(select(StoredDocument).order_by(StoredDocument.id)))


def event_details(world: World, action: str) -> dict:
    with world.installation.db.read() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq.desc())
        ).first()
    assert event is not None
    return json.loads(event.details)


def download(world: World, letter: Letter, kind: str) -> bytes:
    return stage_document(world.installation, letter.id, kind, world.people["ana"].id).content


def test_approval_keeps_the_dated_letter_and_its_pdf_and_records_both_hashes(world: World) -> None:
    letter = world.approved(world.letter())
    word, pdf = kept(world)
    assert (word.kind, word.version, pdf.kind, pdf.media_type) == ("final", 1, "final-pdf", "application/pdf")
    details = event_details(world, "approve_tone")
    assert details["final_document"]["sha256"] == word.sha256 == hashlib.sha256(word.content).hexdigest()
    assert details["final_pdf_document"]["sha256"] == pdf.sha256
    approved_on = world.clock.now().date()
    assert f"{approved_on:%Y}" in document_text(word.content) and approved_on.isoformat() in word.filename
    assert download(world, letter, "final") == word.content
    assert download(world, letter, "final-pdf") == pdf.content


def test_a_tone_approval_on_its_way_to_legal_keeps_nothing(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter("2000.00")), "ben")
    assert letter.state == "legal_review" and kept(world) == []
    assert "final_document" not in event_details(world, "approve_tone")
    world.fire("approve_legal", letter, "carla")
    assert [d.kind for d in kept(world)] == ["final", "final-pdf"]
    assert event_details(world, "approve_legal")["final_document"]["sha256"] == kept(world)[0].sha256


def test_sending_days_later_records_the_approved_bytes_and_renders_nothing(world: World) -> None:
    letter = world.approved(world.letter())
    handed_out = download(world, letter, "final")
    world.clock.advance(timedelta(days=3))
    world.fire("send", letter, "ana", channel="first_class_mail", sent_on=world.clock.now().date())
    word, pdf = kept(world)
    details = event_details(world, "send")
    assert details["final_document"]["sha256"] == hashlib.sha256(handed_out).hexdigest() == word.sha256
    assert details["final_pdf_document"]["sha256"] == pdf.sha256
    assert download(world, letter, "final") == handed_out


def test_re_dating_makes_new_files_with_the_new_date_and_the_same_text(world: World) -> None:
    letter = world.approved(world.letter())
    first_word, _ = kept(world)
    world.clock.advance(timedelta(days=9))
    letter = world.fire("redate", letter, "ana")
    assert (letter.state, letter.current_version) == ("approved", 1)
    *_, word, pdf = kept(world)
    assert word.sha256 != first_word.sha256 and world.clock.now().date().isoformat() in word.filename
    body = "Thank you for your order. We delivered it on time, as agreed, so we cannot refund it."
    assert body in document_text(word.content) and body in document_text(first_word.content)
    assert event_details(world, "redate")["final_document"]["sha256"] == word.sha256
    assert download(world, letter, "final-pdf") == pdf.content
    world.fire("send", letter, "ana", channel="first_class_mail", sent_on=world.clock.now().date())
    assert event_details(world, "send")["final_pdf_document"]["sha256"] == pdf.sha256


def test_a_final_template_without_the_letter_s_text_is_refused_and_nothing_is_kept(world: World) -> None:
    keep_unchecked_template(world, "final", "en", word_file("Dear customer,", "{{ letter.reference }}"))
    letter = world.to_review(world.letter())
    with pytest.raises(InvalidInput, match="template an administrator uploaded does not contain the approved text"):
        world.fire("approve_tone", letter, "ben")
    assert kept(world) == []
    with world.installation.db.read() as session:
        head = chain.head(session)
        assert session.scalar(select(func.count()).select_from(StoredDocument)) == 0
    assert (head.action, head.outcome) == ("approve_tone", "refused")


def test_without_libreoffice_the_approval_keeps_the_word_file_and_says_why(world: World) -> None:
    def missing(document: bytes) -> bytes:
        raise PdfUnavailable("The PDF could not be made: LibreOffice is not installed on this server.")

    world.installation.pdf = missing
    letter = world.approved(world.letter())
    assert [d.kind for d in kept(world)] == ["final"]
    assert "LibreOffice is not installed" in event_details(world, "approve_tone")["pdf_problem"]
    assert download(world, letter, "final") == kept(world)[0].content
    with pytest.raises(NotFound, match="There is no PDF of the final letter"):
        download(world, letter, "final-pdf")
    world.fire("send", letter, "ana", channel="first_class_mail", sent_on=world.clock.now().date())
    assert "final_pdf_document" not in event_details(world, "send")
