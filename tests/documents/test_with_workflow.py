"""Documents for letters driven through real states by the services, read from the database."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import docx
import pytest

from tests.conftest import word_file
from tests.documents.helpers import part_xml, visible_text
from workflow.documents import (
    DocumentKind,
    build_context,
    kinds_for_state,
    read_upload,
    render_document,
)
from workflow.documents.dates import PACKET_LOCALE, long_date
from workflow.documents.records import load_record
from workflow.documents.samples import SAMPLE_COMPANY
from workflow.errors import InvalidInput
from workflow.letters.decision import Reason
from workflow.letters.loading import load_letter
from workflow.money import Money
from workflow.settings.config import Policy

NOTES = "Customer for six years."


def render_all(world, letter) -> dict[DocumentKind, bytes]:
    with world.installation.db.read() as session:
        record = load_record(session, load_letter(session, letter.id))
    return {
        kind: render_document(
            kind,
            build_context(
                kind,
                record,
                company=SAMPLE_COMPANY,
                policy=Policy(legal_thresholds={"USD": Money("USD", 100_000)}),
                today=date(2026, 1, 9),
            ),
        )
        for kind in kinds_for_state(record.letter.state)
    }


def test_every_state_renders_its_documents_from_stored_records(world):
    letter = world.letter(amount="1500.00")
    seen: dict[str, dict[DocumentKind, bytes]] = {"draft": render_all(world, letter)}
    letter = world.to_review(letter)
    seen[letter.state] = render_all(world, letter)
    letter = world.fire("approve_tone", letter, "ben", comment="Reads kindly.")
    seen[letter.state] = render_all(world, letter)
    letter = world.fire("approve_legal", letter, "carla")
    seen[letter.state] = render_all(world, letter)
    letter = world.fire("send", letter, "ana", channel="first_class_mail", sent_on=world.clock.now().date())
    seen[letter.state] = render_all(world, letter)
    assert list(seen) == ["draft", "peer_review", "legal_review", "approved", "sent"]

    assert NOTES in visible_text(seen["peer_review"][DocumentKind.PEER_REVIEW])
    legal = visible_text(seen["legal_review"][DocumentKind.LEGAL_REVIEW])
    assert "Reads kindly." in legal and "$1,500.00" in legal and "At or over the threshold" in legal
    for state in ("approved", "sent"):
        assert NOTES not in part_xml(seen[state][DocumentKind.FINAL])
    record = visible_text(seen["sent"][DocumentKind.RECORD])
    assert (
        "First-class mail" in record
        and long_date(world.clock.now().date(), PACKET_LOCALE) in record
        and "gave legal approval to version" in record
    )


def test_an_edited_copy_handed_back_becomes_the_next_version(world):
    letter = world.fire("approve_tone", world.to_review(world.letter(amount="1500.00")), "ben")
    draft = render_all(world, letter)[DocumentKind.LEGAL_REVIEW]
    text = read_upload(draft, "packet.docx").replace("on time", "on time & in full")
    letter = world.fire(
        "hand_back", letter, "carla", upload=("packet.docx", word_file(*text.split("\n\n"))), comment="Edited."
    )
    assert letter.state == "draft" and letter.current_version == 2
    with world.installation.db.read() as session:
        record = load_record(session, letter)
    assert record.version(2).body == text and record.version(2).source == "legal_upload"


def test_a_refused_upload_leaves_the_letter_as_it_was(world):
    letter = world.fire("approve_tone", world.to_review(world.letter(amount="1500.00")), "ben")
    with pytest.raises(InvalidInput):
        read_upload(b"PK\x03\x04 not really", "evil.docx")
    with world.installation.db.read() as session:
        after = load_letter(session, letter.id)
    assert (after.state, after.current_version, after.revision) == ("legal_review", 1, letter.revision)


def labels_of(raw: bytes) -> list[str]:
    """The decision record's labels as Word shows them: the first cell of each table row."""
    return [row.cells[0].text for table in docx.Document(BytesIO(raw)).tables for row in table.rows]


OPTIONAL_ROWS = ["Internal reasons", "Policy clause", "Details", "Customer value (internal)", "Hardship (internal)"]


def test_a_packet_leaves_out_the_decision_fields_never_recorded(world):
    bare = world.to_review(world.letter(reason_details="", internal_notes=""))
    packet = render_all(world, bare)[DocumentKind.PEER_REVIEW]
    labels = labels_of(packet)
    assert "Customer's reason" in labels and "Concession" in labels
    assert not {*OPTIONAL_ROWS, "Internal notes"} & set(labels)
    assert not any(label.startswith(("{%", "{{")) for label in labels)


def test_a_packet_shows_every_decision_field_recorded(world):
    full = world.letter(
        reasons=(Reason.DELIVERED_ON_TIME, Reason.BUYERS_REMORSE),
        policy_clause="4.2 Refunds within 14 days.",
        customer_value=Money.parse("250.00", "USD"),
        hardship="Lost their job in March.",
    )
    packet = render_all(world, world.to_review(full))[DocumentKind.PEER_REVIEW]
    text = visible_text(packet)
    assert set(OPTIONAL_ROWS) | {"Internal notes"} <= set(labels_of(packet))
    assert "Buyer's remorse" in text and "4.2 Refunds within 14 days." in text and "$250.00" in text
