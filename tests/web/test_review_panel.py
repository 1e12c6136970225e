"""Reviewing from the letter page: one panel with a decision and one comment, the change
request beside the author's editor, and a timeline that does not alarm the author with
other people's refused clicks."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from lxml import html

from tests.conftest import word_file
from tests.web.conftest import revision_of, state_of, text_of
from workflow.letters.loading import reviews_of


def _review(person, letter, **data):
    return person.post(f"/letters/{letter.id}/review", {"revision": revision_of(person.world, letter), **data})


def test_the_panel_says_when_the_comment_is_needed(world, sign_in):
    letter = world.to_review(world.letter())
    page = sign_in("ben").page(f"/letters/{letter.id}")
    assert text_of(page, "//*[@id='review-comment-hint']").startswith(
        "Required to escalate to legal or request changes; optional to approve tone."
    )
    assert page.xpath("//form[@id='review']//textarea/@name") == ["comment"]
    assert len(page.xpath("//form[@id='review']//label[normalize-space()='Your comment']")) == 1
    assert page.xpath("//input[@name='decision'][@required]")


def test_a_review_without_a_decision_keeps_the_comment_and_says_what_to_do(world, sign_in):
    letter = world.to_review(world.letter())
    response = _review(sign_in("ben"), letter, comment="Paragraph two is cold.")
    assert response.status_code == 422
    page = html.fromstring(response.get_data(as_text=True))
    assert "Choose your decision" in text_of(page, "//div[@role='alert']")
    assert page.xpath("//textarea[@id='review-comment']")[0].text_content() == "Paragraph two is cold."
    assert state_of(world, letter) == "peer_review"


def test_a_refused_decision_keeps_what_was_chosen_and_typed(world, sign_in):
    letter = world.to_review(world.letter())
    response = _review(sign_in("ben"), letter, decision="request_changes", comment=" ")
    assert response.status_code == 422
    page = html.fromstring(response.get_data(as_text=True))
    assert "A comment is required: say what should change and why." in text_of(page, "//div[@role='alert']")
    assert page.xpath("//input[@name='decision'][@checked]/@value") == ["request_changes"]


def test_approve_with_a_comment_from_the_panel(world, sign_in):
    letter = world.to_review(world.letter())
    ben = sign_in("ben")
    assert _review(ben, letter, decision="approve_tone", comment="Warm and clear.").status_code == 302
    assert state_of(world, letter) == "approved"
    with world.installation.db.read() as session:
        assert reviews_of(session, letter.id)[-1].comment == "Warm and clear."
    timeline = text_of(ben.page(f"/letters/{letter.id}"), "//ol[@class='timeline']")
    assert "approved the tone of version 1 on 6 January 2026 at 09:00 UTC: “Warm and clear.”" in timeline


def test_the_author_sees_the_change_request_beside_the_editor(world, sign_in):
    letter = world.to_review(world.letter())
    ben = sign_in("ben")
    assert _review(ben, letter, decision="request_changes", comment="Drop “obviously”.").status_code == 302
    world.clock.advance(timedelta(hours=2))
    page = sign_in("ana").page(f"/letters/{letter.id}")
    [banner] = page.xpath("//section[contains(@class,'text-card')]//div[@class='sent-back']")
    assert text_of(banner, "h3") == "Changes requested by ben, 2 hours ago"
    assert text_of(banner, "blockquote") == "Drop “obviously”."
    assert banner.getnext() is not None and page.xpath("//textarea[@id='letter-text']")
    assert "changes requested" in text_of(page, "//p[@class='facts']")


def test_the_lawyer_hands_back_with_a_note_the_author_reads(world, sign_in):
    letter = world.fire("approve_tone", world.to_review(world.letter("5000.00")), "ben")
    carla = sign_in("carla")
    raw = word_file("Dear Mary,", "We delivered on time, as agreed.", "Regards")
    response = carla.post(
        f"/letters/{letter.id}/review",
        {
            "revision": revision_of(world, letter),
            "decision": "hand_back",
            "comment": "Shortened the reasons.",
            "document": (BytesIO(raw), "edited.docx"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    page = sign_in("ana").page(f"/letters/{letter.id}")
    assert text_of(page, "//div[@class='sent-back']/h3").startswith("Handed back with an edited Word file by carla")
    assert text_of(page, "//div[@class='sent-back']/blockquote") == "Shortened the reasons."


def test_other_people_s_refused_attempts_stay_off_the_author_s_timeline(world, sign_in):
    letter = world.letter()
    ben = sign_in("ben")
    assert ben.act(letter, "finish_draft").status_code == 422
    refused = "//ol[@class='timeline']/li[@class='refused']"
    assert sign_in("ana").page(f"/letters/{letter.id}").xpath(refused) == []
    assert len(ben.page(f"/letters/{letter.id}").xpath(refused)) == 1
    assert len(sign_in("dan").page(f"/letters/{letter.id}").xpath(refused)) == 1
    assert len(sign_in("carla").page(f"/letters/{letter.id}").xpath(refused)) == 1


def test_the_decisions_that_move_the_letter_on_come_before_those_that_send_it_back(world, sign_in):
    peer = world.to_review(world.letter())
    legal = world.fire("approve_tone", world.to_review(world.letter("5000.00")), "ben")
    assert sign_in("ben").page(f"/letters/{peer.id}").xpath("//input[@name='decision']/@value") == [
        "approve_tone",
        "escalate_to_legal",
        "request_changes",
    ]
    decisions = sign_in("carla").page(f"/letters/{legal.id}").xpath("//input[@name='decision']/@value")
    assert decisions[0] == "approve_legal" and decisions[-1] == "request_changes"
