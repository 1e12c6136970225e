"""Every document kind, rendered from in-memory records and read back with python-docx."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from io import BytesIO

import docx
import pytest

from tests.documents.helpers import part_xml, visible_text
from workflow.documents import (
    CustomerContext,
    DocumentKind,
    ReviewerContext,
    build_context,
    kinds_for_state,
    read_upload,
    render_document,
)
from workflow.documents.samples import (
    CUSTOMER_VALUE_MINOR,
    HARDSHIP,
    INTERNAL_NOTES,
    PEER_COMMENT,
    REMOVED_IN_V2,
    SAMPLE_BODIES,
    SAMPLE_COMPANY,
    SAMPLE_FINDINGS,
    sample_context,
    sample_record,
)
from workflow.languages import LANGUAGES
from workflow.letters.states import State
from workflow.money import Money
from workflow.settings.config import Policy

TODAY = date(2026, 3, 7)
INTERNAL_MARKERS = (
    "INTERNAL-NOTE",
    "HARDSHIP-NOTE",
    "PEER-COMMENT",
    "remorse",
    "9,876.54",
    "987654",
    "Sounds condescending",
    "Changed plans",
    "No liability issues",
)


def context(kind: DocumentKind, language: str = "en", state: State = State.ARCHIVED, **changes):
    record = sample_record(language, state)
    if changes:
        record = replace(record, letter=record.letter.model_copy(update=changes))
    return build_context(
        kind,
        record,
        company=SAMPLE_COMPANY,
        policy=Policy(legal_thresholds={record.letter.currency: Money(record.letter.currency, 100_000)}),
        today=TODAY,
        findings=SAMPLE_FINDINGS,
    )


def test_each_state_offers_the_documents_of_its_stage():
    offered = {state: kinds_for_state(state.value) for state in State}
    assert offered[State.DRAFT] == offered[State.WAITING] == [DocumentKind.DRAFT]
    assert offered[State.PEER_REVIEW] == [DocumentKind.PEER_REVIEW]
    assert offered[State.LEGAL_REVIEW] == [DocumentKind.LEGAL_REVIEW]
    assert offered[State.APPROVED] == [DocumentKind.FINAL]
    assert offered[State.SENT] == offered[State.ARCHIVED] == [DocumentKind.FINAL, DocumentKind.RECORD]
    assert offered[State.WITHDRAWN] == []


@pytest.mark.parametrize("state", [s for s in State if kinds_for_state(s.value)])
def test_every_offered_document_renders_and_opens(state: State):
    for kind in kinds_for_state(state.value):
        raw = render_document(kind, context(kind, state=state))
        text = visible_text(raw)
        assert "TL-2026-00007" in text
        if kind is not DocumentKind.RECORD:
            assert "Thank you for writing to us about your booking of 12 May." in text


def test_draft_copy_carries_watermark_version_and_hash():
    data = context(DocumentKind.DRAFT, state=State.DRAFT)
    raw = render_document(DocumentKind.DRAFT, data)
    document = docx.Document(BytesIO(raw))
    first, second = (p.text for p in document.sections[0].footer.paragraphs)
    assert "DRAFT — not for sending" in first and f"Version {data.document.version}" in first
    assert second == f"SHA-256 {data.document.sha256}"  # a line of its own, in monospace: never wrapped
    header_xml = document.sections[0].header._element.xml
    assert 'string="DRAFT — not for sending"' in header_xml  # Word's diagonal watermark shape


def test_peer_packet_holds_decision_record_findings_and_checklist():
    text = visible_text(
        render_document(DocumentKind.PEER_REVIEW, context(DocumentKind.PEER_REVIEW, state=State.PEER_REVIEW))
    )
    assert INTERNAL_NOTES in text and HARDSHIP in text
    assert "Buyer's remorse (internal only)" in text
    assert "Decision record — INTERNAL, never in the letter" in text
    assert "Sounds condescending." in text and "obviously" in text
    for item in ("Accuracy", "Clarity", "Tone", "Spelling and grammar"):
        assert item in text
    assert "Peer reviewer: ____" in text


def test_legal_packet_adds_threshold_peer_approval_liabilities_and_changes():
    data = context(DocumentKind.LEGAL_REVIEW, state=State.LEGAL_REVIEW)
    text = visible_text(render_document(DocumentKind.LEGAL_REVIEW, data))
    assert "$1,500.00" in text and "$1,000.00" in text
    assert "At or over the threshold: legal review is required." in text
    assert "Peer review: approved by Pere Reviewer on 5 March 2026 at 09:00 UTC, version 2" in text
    assert PEER_COMMENT in text
    assert "No admission of fault, negligence or liability." in text
    assert "One change since version 1, the last version a reviewer saw." in text
    assert [(c.removed, c.added) for c in data.changes.items] == [(REMOVED_IN_V2, "")]
    assert REMOVED_IN_V2.strip() in text
    assert INTERNAL_NOTES in text and "Legal reviewer: ____" in text


def test_legal_packet_without_a_threshold_says_legal_review_is_always_required():
    record = sample_record()
    data = build_context(
        DocumentKind.LEGAL_REVIEW, record, company=SAMPLE_COMPANY, policy=Policy(legal_thresholds={}), today=TODAY
    )
    text = visible_text(render_document(DocumentKind.LEGAL_REVIEW, data))
    assert "No threshold is set for USD, so legal review is required." in text
    assert "The check found nothing to flag." in text


def test_record_sheet_holds_hash_channel_dates_approvals_and_events():
    text = visible_text(render_document(DocumentKind.RECORD, context(DocumentKind.RECORD)))
    assert "f" * 64 in text
    assert "First-class mail" in text and "7 March 2026" in text and "5 June 2026" in text
    assert "Lex Counsel" in text and "Pere Reviewer" in text
    assert "Lex Counsel gave legal approval to version 2 on 6 March 2026 at 09:00 UTC" in text


LETTER_DATES = {"en": "7 March 2026", "es": "7 de marzo de 2026", "bg": "7 март 2026\u202fг.", "tr": "7 Mart 2026"}
"""The sample letter's date as a reader of each language writes it (British English: no US company)."""


@pytest.mark.parametrize("language", LANGUAGES)
def test_final_letter_has_letterhead_address_reference_signature_and_nothing_internal(language: str):
    data = context(DocumentKind.FINAL, language, state=State.SENT)
    raw = render_document(DocumentKind.FINAL, data)
    text = visible_text(raw)
    for expected in (
        "Smith & Sons <Events>",
        "Springfield & District",
        "+1 555 0100",
        "care@example.com",
        "10 Rue <Haute>",
        "TL-2026-00007",
        'ORD-<42>&"A"',
        "Ana O'Brien & Co",
        {"en": "Customer Care Lead", "es": "Responsable de Atención al Cliente"}.get(language, ""),
        LETTER_DATES[language],
    ):
        assert expected in text
    assert b"word/media/" in raw  # the logo
    xml = part_xml(raw)
    for marker in INTERNAL_MARKERS:
        assert marker not in xml, marker


@pytest.mark.parametrize("country", ["US", "CA"])
def test_an_english_letter_from_north_america_puts_the_month_first(country: str):
    data = build_context(
        DocumentKind.FINAL,
        sample_record("en", state=State.SENT),
        company=replace(SAMPLE_COMPANY, country=country),
        policy=Policy(),
        today=TODAY,
    )
    assert "March 7, 2026" in visible_text(render_document(DocumentKind.FINAL, data))


def test_final_letter_cannot_be_given_reviewer_data():
    assert type(context(DocumentKind.FINAL)) is CustomerContext
    with pytest.raises(TypeError):
        render_document(DocumentKind.FINAL, context(DocumentKind.PEER_REVIEW))
    assert not hasattr(context(DocumentKind.FINAL), "decision")
    assert type(context(DocumentKind.RECORD)) is ReviewerContext


def test_final_letter_signs_with_the_signature_image_when_given():
    record = sample_record()
    plain = render_document(
        DocumentKind.FINAL,
        build_context(
            DocumentKind.FINAL,
            record,
            company=replace(SAMPLE_COMPANY, logo=None),
            policy=Policy(legal_thresholds={}),
            today=TODAY,
        ),
    )
    signed = render_document(DocumentKind.FINAL, sample_context(DocumentKind.FINAL))
    assert b"word/media/" not in plain
    assert part_xml(signed).count("<pic:pic") == 2  # logo and signature


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", [DocumentKind.DRAFT, DocumentKind.FINAL, DocumentKind.PEER_REVIEW])
def test_letter_text_round_trips_exactly(language: str, kind: DocumentKind):
    raw = render_document(kind, context(kind, language))
    assert read_upload(raw, "copy.docx") == SAMPLE_BODIES[language]


def test_xml_special_characters_come_back_exactly():
    tricky = "A <B> C & \"D\" 'E' ]]> {{ not_a_field }} {% if x %}"
    raw = render_document(
        DocumentKind.FINAL, context(DocumentKind.FINAL, customer_name=tricky, postal_address=f"{tricky}\nline 2")
    )
    paragraphs = [p.text for p in docx.Document(BytesIO(raw)).paragraphs]
    assert tricky in paragraphs and f"{tricky}\nline 2" in paragraphs and f"Dear {tricky}," in paragraphs


def test_control_characters_are_dropped_and_line_endings_kept():
    raw = render_document(DocumentKind.DRAFT, context(DocumentKind.DRAFT, customer_name="Bad\x00\x01\x0bName\x1f"))
    assert "BadName" in visible_text(raw)
    data = context(DocumentKind.DRAFT)
    windows = replace(data, letter=replace(data.letter, body=type(data.letter.body)("one\r\ntwo\r\n\r\nthree\ttab")))
    assert read_upload(render_document(DocumentKind.DRAFT, windows), "x.docx") == "one\ntwo\n\nthree\ttab"


def test_a_header_with_an_ampersand_opens():
    data = context(DocumentKind.FINAL)
    raw = render_document(DocumentKind.FINAL, data)
    assert docx.Document(BytesIO(raw)).sections[0].footer.paragraphs[0].text.startswith("Smith & Sons <Events>")


def test_concurrent_renders_each_produce_a_valid_document():
    data = context(DocumentKind.FINAL)
    results: list[bytes] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(2):
                results.append(render_document(DocumentKind.FINAL, data))
        except BaseException as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(results) == 12
    assert all(SAMPLE_BODIES["en"].split("\n\n")[0] in visible_text(raw) for raw in results)


def test_customer_value_is_internal():
    assert Money("USD", CUSTOMER_VALUE_MINOR).format("en") == "$9,876.54"
    assert "$9,876.54" in visible_text(render_document(DocumentKind.PEER_REVIEW, context(DocumentKind.PEER_REVIEW)))
