"""Who hears what (issue 15, item 4), in their own language, and the scheduled notices: the
waiting period over, a follow-up due, and the daily digest, each once however often the
worker looks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import WAIT, World
from tests.infra.smtpserver import Handler
from tests.mail.conftest import give_addresses, outgoing
from workflow.languages import LANGUAGES
from workflow.mail.models import MailState
from workflow.notifications.preferences import change_preferences
from workflow.notifications.texts import NOTICES
from workflow.outbox.worker import Worker

Mailing = tuple[World, Handler, Worker]


def told(server: Handler) -> list[tuple[str, str]]:
    """(recipient, subject) of each message the server received, in order."""
    return [(r.envelope_to[0].split("@")[0], str(r.message["Subject"])) for r in server.received]


def test_a_letter_entering_peer_review_tells_every_peer_reviewer_but_its_author(mailing: Mailing) -> None:
    world, server, worker = mailing
    world.to_review(world.letter(author="eve"), author="eve")
    worker.run_until_idle()
    assert sorted(who for who, _ in told(server)) == ["ben", "finn"]


def test_legal_review_tells_the_legal_team_but_not_this_rounds_peer_reviewer(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = world.to_review(world.letter("5000.00"))
    worker.run_until_idle()
    server.received.clear()
    world.fire("approve_tone", letter, "finn")
    worker.run_until_idle()
    assert told(server) == [("carla", "Legal review: TL-2026-00001 for Mary Smith"), ("eve", told(server)[1][1])]


def test_the_author_hears_of_changes_with_the_comment_of_approval_and_of_a_hand_back(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = world.to_review(world.letter())
    world.fire("request_changes", letter, "ben", comment="Say when it was <delivered>.")
    worker.run_until_idle()
    [changes] = [r.message for r in server.received if r.envelope_to == ["ana@tactful.test"]]
    assert changes["Subject"] == "Changes requested: TL-2026-00001"
    assert "> Say when it was <delivered>." in changes.get_body(("plain",)).get_content()
    assert "Say when it was &lt;delivered&gt;." in changes.get_body(("html",)).get_content()
    server.received.clear()
    world.approved(letter)
    worker.run_until_idle()
    assert ("ana", "Approved: TL-2026-00001") in told(server)


def test_every_notice_reads_in_the_readers_language(mailing: Mailing) -> None:
    world, server, worker = mailing
    give_addresses(world, {"ben": "es", "eve": "bg", "finn": "tr"})
    world.to_review(world.letter("1234.50", "EUR"))
    worker.run_until_idle()
    subjects = {who: subject for who, subject in told(server)}
    for who, language in {"ben": "es", "eve": "bg", "finn": "tr"}.items():
        words = NOTICES["peer_review_waiting"][language]
        assert subjects[who] == words.subject.format(reference="TL-2026-00001", customer="Mary Smith")
    bodies = {r.envelope_to[0]: r.message.get_body(("plain",)).get_content() for r in server.received}
    assert "1.234,50\xa0€" in bodies["ben@tactful.test"] and "Hola, ben:" in bodies["ben@tactful.test"]
    assert "Здравейте, eve," in bodies["eve@tactful.test"]
    assert "Merhaba finn," in bodies["finn@tactful.test"]


@pytest.mark.parametrize("kind", sorted(NOTICES))
def test_each_notice_has_every_language(kind: str) -> None:
    assert set(NOTICES[kind]) == set(LANGUAGES)


def test_the_waiting_period_over_tells_the_author_once(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = world.letter()
    world.fire("finish_draft", letter, "ana")
    world.clock.advance(WAIT - timedelta(minutes=1))
    worker.run_until_idle()
    assert told(server) == []
    world.clock.advance(timedelta(minutes=1))
    for _ in range(3):
        worker.run_until_idle()
        Worker(world.installation, name="a second worker").run_until_idle()
    assert told(server) == [("ana", "Ready to submit: TL-2026-00001")]


def test_a_revised_letter_is_ready_again_at_its_new_time(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = world.letter()
    world.fire("finish_draft", letter, "ana")
    world.fire("revise", letter, "ana")
    world.clock.advance(timedelta(hours=1))
    world.fire("finish_draft", letter, "ana")
    world.clock.advance(WAIT)
    worker.run_until_idle()
    assert told(server) == [("ana", "Ready to submit: TL-2026-00001")]


def test_a_follow_up_tells_the_author_on_its_day_once(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = world.approved(world.letter())
    world.fire(
        "send",
        letter,
        "ana",
        channel="first_class_mail",
        sent_on=world.clock.now().date(),
        follow_up_on=world.clock.now().date() + timedelta(days=10),
    )
    worker.run_until_idle()
    server.received.clear()
    world.clock.advance(timedelta(days=9))
    worker.run_until_idle()
    assert told(server) == []
    world.clock.advance(timedelta(days=1))
    worker.run_until_idle()
    world.clock.advance(timedelta(days=5))
    worker.run_until_idle()
    assert told(server) == [("ana", "Follow-up due: TL-2026-00001")]


def test_a_digest_reader_gets_one_mail_a_day_with_everything_held(mailing: Mailing) -> None:
    world, server, worker = mailing
    change_preferences(world.installation, world.people["ana"].id, "en", "digest")
    world.clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    letters = [world.letter(), world.letter()]
    for letter in letters:
        world.fire("finish_draft", letter, "ana")
    world.clock.advance(WAIT)
    for letter in letters:
        world.fire("submit_for_review", letter, "ana")
        world.fire("request_changes", letter, "ben", comment="Shorter, please.")
    worker.run_until_idle()
    assert [who for who, _ in told(server)].count("ana") == 0
    held = [m for m in outgoing(world) if m.state == MailState.HELD]
    assert len(held) == 2
    world.clock.set(datetime(2026, 1, 7, 7, 59, tzinfo=UTC))
    worker.run_until_idle()
    world.clock.set(datetime(2026, 1, 7, 8, 0, tzinfo=UTC))
    worker.run_until_idle()
    world.clock.set(datetime(2026, 1, 7, 18, 0, tzinfo=UTC))
    worker.run_until_idle()
    digests = [r.message for r in server.received if r.envelope_to == ["ana@tactful.test"]]
    assert [d["Subject"] for d in digests] == ["tactful: daily digest (2)"]
    text = digests[0].get_body(("plain",)).get_content()
    assert "## Changes requested: TL-2026-00001" in text and "## Changes requested: TL-2026-00002" in text
    assert {m.state for m in outgoing(world) if m.id in {h.id for h in held}} == {MailState.DIGESTED}
    world.fire("finish_draft", letters[0], "ana")
    world.clock.advance(WAIT)
    worker.run_until_idle()
    for moment in (datetime(2026, 1, 9, 8, 0, tzinfo=UTC), datetime(2026, 1, 9, 23, 0, tzinfo=UTC)):
        world.clock.set(moment)
        worker.run_until_idle()
    subjects = [r.message["Subject"] for r in server.received if r.envelope_to == ["ana@tactful.test"]]
    assert subjects == ["tactful: daily digest (2)", "tactful: daily digest (1)"]


def test_an_escalation_brings_its_reason_to_the_legal_team(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = world.to_review(world.letter())
    worker.run_until_idle()
    server.received.clear()
    world.fire("escalate_to_legal", letter, "ben", comment="The customer mentions a lawyer.")
    worker.run_until_idle()
    [legal] = [r.message for r in server.received if r.envelope_to == ["carla@tactful.test"]]
    text = legal.get_body(("plain",)).get_content()
    assert "Comment:\r\n> The customer mentions a lawyer." in text


def test_a_follow_up_long_past_when_the_worker_first_looks_is_not_announced(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = world.approved(world.letter())
    today = world.clock.now().date()
    world.fire("send", letter, "ana", channel="courier", sent_on=today, follow_up_on=today + timedelta(days=1))
    world.clock.advance(timedelta(days=9))
    worker.run_until_idle()
    assert ("ana", "Follow-up due: TL-2026-00001") not in told(server)
