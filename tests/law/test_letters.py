"""The clock, the required content and the clause library on real letters in a real database."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from tests.conftest import World, decision, quick_pdf
from workflow.audit.models import AuditEvent
from workflow.audit.report import describe
from workflow.errors import Refused
from workflow.law.clauses import approve_clause, save_clause
from workflow.law.library import current_profile, profile_at, save_profile
from workflow.law.shipped import SHIPPED
from workflow.law.summary import complaint_summary
from workflow.law.view import ComplaintClock, complaint_clock
from workflow.letters.decision import ComplaintChannel
from workflow.letters.loading import documents_of, load_letter
from workflow.letters.services import create_holding_response, create_letter

RECEIVED = datetime(2026, 3, 2, 10, tzinfo=UTC)


def complaint(
    world: World, profile: str = "uk_general", body: str | None = None, amount: str = "20.00", **changes: object
):
    made = decision(
        amount,
        "USD",
        profile=profile,
        complaint_received_at=RECEIVED,
        complaint_channel=ComplaintChannel.EMAIL,
        **changes,
    )
    return create_letter(world.installation, made, world.people["ana"].id, body)


def body_of(world: World, letter_id: int) -> str:
    from workflow.letters.loading import current_version, load_letter

    with world.installation.db.read() as session:
        return current_version(session, load_letter(session, letter_id)).body


def events(world: World, action: str) -> list[AuditEvent]:
    with world.installation.db.read() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_a_letter_records_its_complaint_profile_version_and_deadline(world: World) -> None:
    letter = complaint(world)
    assert (letter.profile_key, letter.profile_version, letter.complaint_channel) == ("uk_general", 1, "email")
    assert letter.deadline_at == datetime(2026, 4, 28, tzinfo=UTC)  # 2 March + 56 days: the end of 27 April (UTC clock)
    text = body_of(world, letter.id)
    assert "www.financial-ombudsman.org.uk" in text and "within six months of the date of this letter" in text
    assert (
        events(world, "create")[-1].details
        and json.loads(events(world, "create")[-1].details)["profile"] == "uk_general"
    )


def test_a_profile_needs_the_date_the_complaint_came(world: World) -> None:
    with pytest.raises(Exception, match="the legal deadline counts from it"):
        decision(profile="uk_general")


def test_a_refusal_without_the_ombudsman_goes_to_legal_who_must_add_it_or_say_why(world: World) -> None:
    letter = complaint(world, body="Thank you for your message. We delivered on time, so we cannot refund it.")
    letter = world.fire("approve_tone", world.to_review(letter), "ben")
    assert letter.state == "legal_review"  # 20 USD is under the threshold; the missing statements send it
    with pytest.raises(Refused, match="lacks 2 statement"):
        world.fire("approve_legal", letter, "carla")
    keys = {
        "required_content.uk_general.ombudsman@0": "Referred by phone; the customer has the leaflet.",
        "required_content.uk_general.time_limit@0": "Said in the enclosed leaflet.",
    }
    assert world.fire("approve_legal", letter, "carla", acknowledgements=keys).state == "approved"


def counting_renders(world: World, monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every final letter made goes through the installation's PDF converter once: the Word
    files it was given, in order."""
    made: list[bytes] = []

    def convert(document: bytes) -> bytes:
        made.append(document)
        return quick_pdf(document)

    monkeypatch.setattr(world.installation, "pdf", convert)
    return made


@pytest.mark.parametrize("amount", ["20.00", "1500.00"])
def test_the_final_letter_is_made_once_at_the_approval_that_approves_it(
    world: World, monkeypatch: pytest.MonkeyPatch, amount: str
) -> None:
    """20 USD goes to legal for its missing statements, 1,500 USD for its amount: either way the
    tone approval makes no final letter, the legal approval makes the one that is kept."""
    short = "Thank you for your message. We delivered on time, so we cannot refund it."
    letter = complaint(world, body=short if amount == "20.00" else None, amount=amount)
    made = counting_renders(world, monkeypatch)
    letter = world.fire("approve_tone", world.to_review(letter), "ben")
    assert (letter.state, made) == ("legal_review", [])
    keys = {
        "required_content.uk_general.ombudsman@0": "Referred by phone; the customer has the leaflet.",
        "required_content.uk_general.time_limit@0": "Said in the enclosed leaflet.",
    }
    letter = world.fire("approve_legal", letter, "carla", acknowledgements=keys if amount == "20.00" else {})
    assert letter.state == "approved" and len(made) == 1
    with world.installation.db.read() as session:
        kept = [d.content for d in documents_of(session, letter.id) if d.kind == "final"]
    assert kept == made


def test_a_letter_approved_at_tone_is_made_once_there(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    made = counting_renders(world, monkeypatch)
    letter = world.fire("approve_tone", world.to_review(complaint(world)), "ben")
    assert letter.state == "approved" and len(made) == 1


def test_a_refusal_with_the_statements_skips_legal_below_the_threshold(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(complaint(world)), "ben")
    assert letter.state == "approved"


def test_profiles_are_versioned_and_a_letter_keeps_its_version(world: World) -> None:
    letter = complaint(world)
    data = json.loads(SHIPPED["uk_general"].to_json())
    data["deadline"]["days"] = 28
    with pytest.raises(Refused, match="Only an administrator"):
        save_profile(world.installation, world.people["ana"].id, "uk_general", json.dumps(data))
    saved = save_profile(world.installation, world.people["dan"].id, "uk_general", json.dumps(data))
    assert saved.version == 2
    with world.installation.db.read() as session:
        assert current_profile(session, "uk_general").deadline.days == 28
        assert profile_at(session, "uk_general", 1).deadline.days == 56
    assert complaint(world).deadline_at == datetime(2026, 3, 31, tzinfo=UTC)
    with world.installation.db.read() as session:
        from workflow.letters.loading import load_letter

        assert load_letter(session, letter.id).deadline_at == datetime(2026, 4, 28, tzinfo=UTC)
    assert json.loads(events(world, "change_profile")[-1].details)["version"] == 2
    assert events(world, "change_profile")[0].outcome != "ok"


def test_the_audit_sentences_of_profiles_and_clauses_name_what_was_saved_or_tried(world: World) -> None:
    """A refused save names the profile or clause it was about, as the saved one names its version."""
    data = SHIPPED["uk_general"].to_json()
    ana, dan = world.people["ana"].id, world.people["dan"].id
    with pytest.raises(Refused):
        save_profile(world.installation, ana, "uk_general", data)
    save_profile(world.installation, dan, "uk_general", data)
    with pytest.raises(Refused):
        save_clause(world.installation, ana, "4.2", "es", "Cancelaciones", "El depósito no se devuelve.")
    names = {"ana": "Ana", "dan": "Dan"}
    refused, saved = (describe(event, names) for event in events(world, "change_profile"))
    assert refused.startswith("Ana tried to save a new version of the jurisdiction profile uk_general on ")
    assert saved.startswith("Dan saved version 2 of the jurisdiction profile uk_general on ")
    (clause,) = (describe(event, names) for event in events(world, "save_clause"))
    assert clause.startswith("Ana tried to write the policy clause 4.2 (es) on ")


def test_clauses_are_cited_only_when_approved_and_a_letter_keeps_the_version_it_quoted(world: World) -> None:
    dan, carla = world.people["dan"].id, world.people["carla"].id
    first = save_clause(world.installation, carla, "4.2", "en", "Cancellations", "Deposits are not refundable.")
    with pytest.raises(Refused, match="Only approved clauses"):
        complaint(world, clause_keys=("4.2",))
    with pytest.raises(Refused, match="Only an administrator"):
        approve_clause(world.installation, carla, first.id)
    approve_clause(world.installation, dan, first.id)
    letter = complaint(world, clause_keys=("4.2",))
    assert "Deposits are not refundable." in body_of(world, letter.id)
    assert json.loads(letter.clauses) == [{"key": "4.2", "version": 1, "title": "Cancellations"}]
    assert complaint_summary(letter) == (
        "Profile uk_general, version 1; received 02 March 2026, 10:00 UTC by e-mail; final answer due by "
        "28 April 2026, 00:00 UTC; clauses quoted: 4.2 “Cancellations” version 1."
    )
    second = save_clause(world.installation, dan, "4.2", "en", "Cancellations", "Deposits are kept in full.")
    assert second.version == 2 and second.state == "draft"
    assert "Deposits are not refundable." in body_of(world, complaint(world, clause_keys=("4.2",)).id)
    approve_clause(world.installation, dan, second.id)
    assert "Deposits are kept in full." in body_of(world, complaint(world, clause_keys=("4.2",)).id)
    assert json.loads(letter.clauses)[0]["version"] == 1 and "not refundable" in body_of(world, letter.id)
    with pytest.raises(Refused, match="no approved version in"):
        complaint(world, clause_keys=("4.2",), language="es")


def test_a_holding_response_needs_a_peer_review_but_no_wait_and_leaves_the_clock_running(world: World) -> None:
    final = complaint(world, profile="uk_payment_services", language="es")
    holding = create_holding_response(world.installation, final.id, world.people["ana"].id)
    assert (holding.kind, holding.holding_for_id, holding.language) == ("holding", final.id, "es")
    text = body_of(world, holding.id)
    assert "2 de marzo de 2026" in text and "22 de abril de 2026" in text  # 35 business days, Easter skipped
    world.fire("finish_draft", holding, "ana")
    holding = world.fire("submit_for_review", holding, "ana")  # no waiting period
    with pytest.raises(Refused, match="someone else must review"):
        world.fire("approve_tone", holding, "ana")
    approved = world.fire("approve_tone", holding, "ben")
    assert approved.state == "approved"  # never legal, whatever the amount
    sent = world.fire("send", approved, "ana", channel="first_class_mail", sent_on=world.clock.now().date())
    assert sent.state == "sent"
    with world.installation.db.read() as session:
        from workflow.letters.loading import load_letter

        still = load_letter(session, final.id)
        assert still.state == "draft" and still.deadline_at == final.deadline_at
    assert json.loads(events(world, "create_holding")[0].details)["answers"] == final.reference
    with pytest.raises(Refused, match="records no complaint"):
        create_holding_response(world.installation, world.letter().id, world.people["ana"].id)
    assert events(world, "create_holding")[-1].outcome != "ok"


def test_once_the_holding_response_is_sent_the_clock_counts_to_the_longer_deadline(world: World) -> None:
    final = complaint(world, profile="uk_payment_services")
    world.clock.advance(RECEIVED + timedelta(days=25) - world.clock.now())  # past 15 business days, inside 35

    def clock(letter_id: int = final.id) -> ComplaintClock:
        with world.installation.db.read() as session:
            return complaint_clock(world.installation, session, load_letter(session, letter_id))

    before = clock()
    assert before.may_hold and before.words.startswith("past deadline by") and "holding response" in before.warning
    holding = create_holding_response(world.installation, final.id, world.people["ana"].id)
    assert not clock().may_hold  # one is under way
    world.fire("finish_draft", holding, "ana")
    world.fire("submit_for_review", holding, "ana")
    approved = world.fire("approve_tone", holding, "ben")
    world.fire("send", approved, "ana", channel="first_class_mail", sent_on=world.clock.now().date())
    after = clock()
    assert after.held and after.words.startswith("final answer due in") and not after.may_hold
    assert after.last_day == date(2026, 3, 23) and after.extended_last_day == date(2026, 4, 22)
    assert clock(holding.id).held and clock(holding.id).words == after.words  # the holding response's own page
    world.clock.advance(datetime(2026, 4, 21, 9, tzinfo=UTC) - world.clock.now())
    assert clock().warning.endswith(
        "The holding response has been sent, so this deadline is the last: ask the reviewers to take this letter first."
    )
