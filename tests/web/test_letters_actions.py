"""Changing a letter from its page: every action, the refusals, and two people at once."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from lxml import html
from sqlmodel import select

from tests.conftest import WAIT, word_file
from tests.web.conftest import revision_of, state_of, text_of
from workflow.audit.models import AuditEvent
from workflow.letters.models import Letter, LetterVersion


def _page(response) -> html.HtmlElement:
    return html.fromstring(response.get_data(as_text=True))


def test_a_large_letter_moves_through_every_stage(world, sign_in):
    letter = world.letter("5000.00")
    ana, ben, carla = sign_in("ana"), sign_in("ben"), sign_in("carla")
    assert (
        ana.act(
            letter, "edit", body="Dear Mary,\n\nThank you for your order. It was delivered on time.\n\nRegards"
        ).status_code
        == 302
    )
    assert ana.act(letter, "finish_draft").status_code == 302
    world.clock.advance(WAIT)
    assert ana.act(letter, "submit_for_review").status_code == 302
    assert ben.act(letter, "approve_tone").status_code == 302
    assert state_of(world, letter) == "legal_review"
    assert carla.act(letter, "approve_legal").status_code == 302
    today = world.clock.now().date()
    response = ana.act(
        letter,
        "send",
        channel="registered_mail",
        sent_on=today.isoformat(),
        follow_up_on=(today + timedelta(days=30)).isoformat(),
    )
    assert response.status_code == 302
    with world.installation.db.read() as session:
        sent = session.get(Letter, letter.id)
    assert (sent.state, sent.channel, sent.follow_up_on) == ("sent", "registered_mail", today + timedelta(days=30))
    assert ana.act(letter, "archive").status_code == 302
    assert state_of(world, letter) == "archived"


def test_a_channel_mark_as_sent_does_not_take_is_refused_with_the_labels_it_does(world, sign_in):
    letter = world.approved(world.letter())
    today = world.clock.now().date().isoformat()
    response = sign_in("ana").act(letter, "send", channel="pigeon", sent_on=today)
    assert response.status_code == 422
    alert = text_of(_page(response), "//div[@role='alert']")
    assert "Choose how the letter was sent: First-class mail, Registered mail, Courier." in alert
    by_email = sign_in("ana").act(letter, "send", channel="email", sent_on=today)
    assert "A letter goes by e-mail through “Send by e-mail”" in text_of(_page(by_email), "//div[@role='alert']")
    assert state_of(world, letter) == "approved"


def test_early_submission_is_refused_with_the_time_the_wait_ends(world, sign_in):
    letter = world.fire("finish_draft", world.letter(), "ana")
    response = sign_in("ana").act(letter, "submit_for_review")
    assert response.status_code == 422
    assert "The waiting period ends at" in text_of(_page(response), "//div[@role='alert']")
    assert state_of(world, letter) == "waiting"


def test_a_change_request_needs_a_comment_and_sends_the_letter_back_to_draft(world, sign_in):
    letter = world.to_review(world.letter())
    ben = sign_in("ben")
    refused = ben.act(letter, "request_changes", comment="  ")
    assert refused.status_code == 422 and "A comment is required" in refused.get_data(as_text=True)
    assert ben.act(letter, "request_changes", comment="Warmer, please.").status_code == 302
    assert state_of(world, letter) == "draft"


def test_withdrawal_records_the_reason(world, sign_in):
    letter = world.letter()
    assert sign_in("ana").act(letter, "withdraw", reason="Refund granted after all.").status_code == 302
    with world.installation.db.read() as session:
        assert session.get(Letter, letter.id).withdrawn_reason == "Refund granted after all."


def test_approving_tone_passes_one_reason_per_error_finding(world, sign_in, monkeypatch):
    letter = world.letter()
    ana = sign_in("ana")
    ana.act(letter, "edit", body="Dear Mary,\n\nObviously the order was delivered on time.\n\nThank you, regards")
    world.to_review(letter)
    ben = sign_in("ben")
    page = ben.page(f"/letters/{letter.id}")
    needs = "//form[@id='review']//fieldset[legend[normalize-space()='To approve tone']]"
    names = page.xpath(f"{needs}//textarea/@name")
    assert names and all(name.startswith("ack-") for name in names)
    assert page.xpath(f"{needs}//label[starts-with(normalize-space(),'Reason')]")

    seen = {}
    import web.letters

    real_fire = web.letters.fire

    def spy(installation, trigger, letter_id, actor_id, inputs, **options):
        seen["acknowledgements"] = dict(inputs.acknowledgements)
        return real_fire(installation, trigger, letter_id, actor_id, inputs, **options)

    monkeypatch.setattr(web.letters, "fire", spy)
    ben.act(letter, "approve_tone", **{name: "Quoted from the customer's own words." for name in names})
    assert seen["acknowledgements"] == {
        name.removeprefix("ack-"): "Quoted from the customer's own words." for name in names
    }


def test_double_submit_is_applied_once_and_the_second_is_told_what_changed(world, sign_in):
    letter = world.to_review(world.letter())
    ben = sign_in("ben")
    seen = revision_of(world, letter)
    first = ben.act(letter, "request_changes", revision=seen, comment="Warmer, please.")
    second = ben.act(letter, "request_changes", revision=seen, comment="Warmer, please.")
    assert first.status_code == 302 and second.status_code == 409
    assert "now in draft at version 1" in text_of(_page(second), "//div[@role='alert']")
    with world.installation.db.read() as session:
        changes = len(
            session.exec(
                select(AuditEvent).where(
                    AuditEvent.letter_id == letter.id,
                    AuditEvent.action == "request_changes",
                    AuditEvent.outcome == "ok",
                )
            ).all()
        )
    assert changes == 1


def test_stale_edit_keeps_the_text_that_was_typed(world, sign_in):
    letter = world.letter()
    ana = sign_in("ana")
    seen = revision_of(world, letter)
    world.fire("edit", letter, "ana", body="Someone else's newer text.")
    mine = "My careful rewrite that must not be lost."
    response = ana.act(letter, "edit", revision=seen, body=mine)
    assert response.status_code == 409
    page = _page(response)
    assert "This page is out of date: You wrote version 2 in another tab or window" in text_of(
        page, "//div[@role='alert']"
    )
    assert page.xpath("//textarea[@id='letter-text']")[0].text_content() == mine
    assert page.xpath("//label[@for='letter-text']/text()") == ["Your unsaved text"]
    assert page.xpath("//form[contains(@class,'action-edit')]//input[@name='revision']/@value") == [
        str(revision_of(world, letter))
    ]


def test_a_stale_action_says_what_the_letter_is_now(world, sign_in):
    letter = world.to_review(world.letter())
    ben = sign_in("ben")
    seen = revision_of(world, letter)
    world.fire("approve_tone", letter, "finn")
    response = ben.act(letter, "request_changes", revision=seen, comment="Please soften paragraph two.")
    assert response.status_code == 409
    assert "now in approved" in response.get_data(as_text=True)


def test_a_stale_comment_stays_in_the_form_when_the_action_is_still_possible(world, sign_in):
    letter = world.to_review(world.letter())
    finn = sign_in("finn")
    seen = revision_of(world, letter)
    world.fire("escalate_to_legal", letter, "ben", comment="Mentions a lawyer.")
    typed = "Paragraph two promises too much."
    response = finn.act(letter, "request_changes", revision=seen, comment=typed)
    assert response.status_code == 409
    page = _page(response)
    assert page.xpath("//form[@id='review']//textarea[@name='comment']")[0].text_content() == typed


def test_legal_hands_back_an_edited_word_file(world, sign_in):
    letter = world.fire("approve_tone", world.to_review(world.letter("5000.00")), "ben")
    carla = sign_in("carla")
    page = carla.page(f"/letters/{letter.id}")
    assert page.xpath("//form[@id='review'][@enctype='multipart/form-data']//input[@type='file']")
    raw = word_file("Dear Mary,", "Thank you for your order. It was delivered on time, as agreed.", "Regards")
    response = carla.post(
        f"/letters/{letter.id}/review",
        {
            "revision": revision_of(world, letter),
            "decision": "hand_back",
            "comment": "Added “as agreed”.",
            "document": (BytesIO(raw), "edited.docx"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert state_of(world, letter) == "draft"
    page = carla.page(f"/letters/{letter.id}")
    assert "/compare.docx?old=1&new=2" in " ".join(page.xpath("//a/@href"))
    with world.installation.db.read() as session:
        version = session.exec(
            select(LetterVersion).where(LetterVersion.letter_id == letter.id, LetterVersion.number == 2)
        ).one()
    assert version.source == "legal_upload" and "delivered on time, as agreed." in version.body


def test_a_file_that_is_not_word_is_refused_and_nothing_changes(world, sign_in):
    letter = world.fire("approve_tone", world.to_review(world.letter("5000.00")), "ben")
    response = sign_in("carla").post(
        f"/letters/{letter.id}/review",
        {
            "revision": revision_of(world, letter),
            "decision": "hand_back",
            "comment": "Edited.",
            "document": (BytesIO(b"MZ..."), "x.docx"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "not a Word .docx file" in response.get_data(as_text=True)
    assert state_of(world, letter) == "legal_review"


def test_an_action_without_the_revision_seen_is_not_applied(world, sign_in):
    letter = world.letter()
    response = sign_in("ana").post(f"/letters/{letter.id}/actions/finish_draft", {})
    assert response.status_code == 422
    assert state_of(world, letter) == "draft"


def test_unknown_actions_are_not_found(world, sign_in):
    letter = world.letter()
    ana = sign_in("ana")
    assert ana.act(letter, "explode").status_code == 404
    assert ana.act(letter, "hand_back").status_code == 404


def test_a_get_changes_nothing(world, sign_in):
    letter = world.letter()
    assert sign_in("ana").get(f"/letters/{letter.id}/actions/finish_draft").status_code == 405
    assert state_of(world, letter) == "draft"
