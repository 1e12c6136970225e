"""Letters walked through every stage in Chromium, by the people who do each step, with
a picture of each kind of page kept under test-output/screenshots."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Desk
from tests.conftest import WAIT, World
from tests.infra.browser import save_screenshot

pytestmark = pytest.mark.browser

CLEAN_TEXT = (
    "Dear Mr Brown,\n\nThank you for writing to us about the renovation of your kitchen.\n\n"
    "The work was delivered on the agreed date and as described in the signed agreement, so we are "
    "unable to refund the amount you asked for.\n\n"
    "Thank you for your business. We hope to work with you again, and if you have any questions, "
    "please contact us.\n\nKind regards"
)


def _state(page: Page, label: str) -> None:
    expect(page.locator(".letter-head .state")).to_have_text(label)


def _action_form(page: Page, trigger: str):
    return page.locator(f"form.action-{trigger}")


def _decide(desk: Desk, decision: str, comment: str = "") -> Page:
    """A review from the panel: the decision, the comment if any, "Submit review"."""
    panel = desk.page.locator("form#review")
    panel.get_by_label(decision, exact=True).check()
    if comment:
        panel.get_by_label("Your comment").fill(comment)
    return desk.press("Submit review")


def test_a_large_letter_goes_through_every_stage_with_four_hands(desk: Desk, world: World):
    page = desk.sign_in("ana")
    save_screenshot(page, "dashboard")
    page.get_by_role("link", name="New letter").first.click()
    page.get_by_label("Customer name").fill("Robert Brown")
    page.get_by_label("Customer email").fill("robert@example.org")
    page.get_by_label("Postal address").fill("Robert Brown\n12 Oak Lane\nSpringfield")
    page.get_by_label("Order reference").fill("ORD-4411")
    page.get_by_label("Amount requested").fill("4800.00")
    page.get_by_label("Currency").select_option("USD")
    expect(page.locator("#legal-note")).to_contain_text("at or over the legal-review threshold for USD")
    page.get_by_label("Language").select_option("en")
    page.get_by_label("Customer's reason").fill("The renovation did not match my expectations.")
    page.get_by_label("Delivered as agreed").check()
    page.get_by_label("Delivered on time").check()
    page.get_by_label("Internal notes").fill("Has recommended us to three neighbours.")
    save_screenshot(page, "new-letter")
    desk.press("Create draft")

    _state(page, "Draft")
    expect(page.get_by_label("Letter text")).to_contain_text("refund of $4,800.00")
    page.get_by_label("Letter text").fill(CLEAN_TEXT)
    desk.press("Save")
    expect(page.locator(".flash-success")).to_contain_text("Save: done")
    save_screenshot(page, "letter-draft")
    desk.press("Finish draft")
    _state(page, "Waiting period")

    expect(page.get_by_role("button", name="Submit for review")).to_have_count(0)
    expect(page.locator("dl.refused")).to_contain_text("The waiting period ends at")
    save_screenshot(page, "letter-waiting")
    world.clock.advance(WAIT)
    page.reload()
    desk.press("Submit for review")
    _state(page, "Peer review")
    expect(page.locator("dl.refused")).to_contain_text("You wrote this letter, so someone else must review it.")
    letter_url = page.url

    page = desk.as_person("ben")
    expect(page.locator("#queue-peer")).to_contain_text("Robert Brown")
    page.locator("#queue-peer").get_by_role("link", name=re.compile("TL-")).first.click()
    save_screenshot(page, "letter-peer-review")
    _decide(desk, "Approve tone", "Clear and kind.")
    _state(page, "Legal review")

    page = desk.as_person("carla")
    expect(page.locator("#queue-legal")).to_contain_text("Robert Brown")
    page.goto(letter_url)
    expect(page.get_by_role("link", name="Legal-review packet")).to_be_visible()
    save_screenshot(page, "letter-legal-review")
    _decide(desk, "Approve")
    _state(page, "Approved")

    page = desk.as_person("ana")
    expect(page.locator("#queue-to_send")).to_contain_text("Robert Brown")
    page.goto(letter_url)
    form = _action_form(page, "send")
    form.get_by_label("Channel").select_option("registered_mail")
    expect(form.get_by_label("Sent on")).to_have_value(world.clock.now().date().isoformat())
    desk.press("Mark as sent")
    _state(page, "Sent")
    save_screenshot(page, "letter-sent")
    desk.press("Archive")
    _state(page, "Archived")

    page.get_by_role("link", name="Robert Brown").click()
    expect(page.get_by_role("heading", name="Robert Brown")).to_be_visible()
    save_screenshot(page, "customer-file")


def test_a_small_letter_skips_legal_review(desk: Desk, world: World):
    letter = world.to_review(world.letter("80.00", customer_name="Sally Small"))
    page = desk.sign_in("ben")
    page.goto(f"{desk.base}/letters/{letter.id}")
    _decide(desk, "Approve tone")
    _state(page, "Approved")
    page = desk.as_person("ana")
    page.goto(f"{desk.base}/letters/{letter.id}")
    desk.press("Mark as sent")
    _state(page, "Sent")


def test_a_change_request_is_read_beside_the_editor_and_the_letter_resubmitted(desk: Desk, world: World):
    letter = world.letter(customer_name="Chris Change")
    world.fire("edit", letter, "ana", body="Dear Chris,\n\nObviously you did not read the policy.\n\nRegards")
    world.to_review(letter)
    page = desk.sign_in("ben")
    page.goto(f"{desk.base}/letters/{letter.id}")
    expect(page.locator(".letter-text mark").first).to_be_visible()
    save_screenshot(page, "letter-tone-findings")
    asked = "“Obviously” talks down to the customer; state the facts instead."
    _decide(desk, "Request changes", asked)
    _state(page, "Draft")

    page = desk.as_person("ana")
    page.goto(f"{desk.base}/letters/{letter.id}")
    beside = page.locator(".text-card .sent-back")
    expect(beside).to_contain_text("Changes requested by ben")
    expect(beside.locator("blockquote")).to_have_text(asked)
    expect(page.locator(".letter-head .facts")).to_contain_text("changes requested")
    save_screenshot(page, "letter-changes-requested")
    page.get_by_label("Letter text").fill(CLEAN_TEXT)
    desk.press("Save")
    expect(page.locator(".text-card .sent-back")).to_contain_text(asked[:20])
    desk.press("Finish draft")
    _state(page, "Waiting period")
    world.clock.advance(WAIT)
    page.reload()
    desk.press("Submit for review")
    _state(page, "Peer review")
    expect(page.locator(".sent-back")).to_have_count(0)

    page = desk.as_person("ben")
    page.goto(f"{desk.base}/letters/{letter.id}")
    expect(page.locator("form#review")).to_be_visible()
    _decide(desk, "Approve tone", "Much better.")
    _state(page, "Approved")


def test_a_withdrawal_needs_a_reason(desk: Desk, world: World):
    letter = world.fire("finish_draft", world.letter(customer_name="Wendy Withdraw"), "ana")
    page = desk.sign_in("ana")
    page.goto(f"{desk.base}/letters/{letter.id}")
    desk.press("Withdraw")
    expect(page.get_by_role("alert")).to_contain_text("Say why the letter is withdrawn")
    _action_form(page, "withdraw").get_by_label("Reason for withdrawal").fill("The refund was granted after all.")
    desk.press("Withdraw")
    _state(page, "Withdrawn")


def test_the_list_and_a_comparison(desk: Desk, world: World):
    letter = world.letter(customer_name="Lara List")
    world.fire("edit", letter, "ana", body="Dear Mary,\n\nThank you for your order. It arrived early.\n\nKind regards")
    for index in range(12):
        world.letter(customer_name=f"Customer {index:02d}")
    page = desk.sign_in("ben")
    page.get_by_role("link", name="Letters", exact=True).click()
    page.get_by_label("Search", exact=True).fill("EARLY")
    desk.press("Show letters")
    expect(page.locator("table.letters tbody tr.below")).to_have_text(
        "Found in the letter text: “Dear Mary, Thank you for your order. It arrived early. Kind regards”"
    )
    expect(page.locator("table.letters tbody tr.below mark")).to_have_text("early")
    save_screenshot(page, "letters-search")
    page.get_by_label("Search", exact=True).fill("lara")
    desk.press("Show letters")
    expect(page.locator("table.letters tbody tr:not(.below)")).to_have_count(1)
    save_screenshot(page, "letters-list")
    page.get_by_role("link", name=letter.reference).click()
    page.get_by_role("link", name="compare with 1").click()
    expect(page.locator(".diff ins").last).to_contain_text("arrived early")
    save_screenshot(page, "compare")
