"""The letter page with the keyboard alone: from “My work” an author opens a draft, edits
and saves it, finishes it, comes back after the waiting period and submits it for review,
using only Tab, Shift+Tab, Enter and Space (and typing the text), and every element that
takes the focus on the way shows it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DemoSite, Desk
from tests.conftest import decision
from workflow.demo import PEOPLE
from workflow.letters.services import create_letter

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  const shown = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const box = e.getBoundingClientRect();
  return {
    id: e.id,
    text: (e.innerText || e.value || '').trim().slice(0, 60),
    visible: e.matches(':focus-visible') && shown && box.width > 0 && box.height > 0,
  };
}"""


def tab_to(page: Page, text: str = "", element_id: str = "", backwards: bool = False, limit: int = 80) -> None:
    """Press Tab (Shift+Tab backwards) until the element with this text or id has the focus;
    each element the focus lands on must show it. The page is loaded first, stylesheet and all."""
    page.wait_for_load_state()
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        assert focused["visible"], f"the focus on {focused} cannot be seen"
        if (element_id and focused["id"] == element_id) or (text and focused["text"] == text):
            return
    pytest.fail(f"{limit} presses of Tab never reached {text or element_id}")


def test_an_author_edits_finishes_and_submits_a_draft_with_the_keyboard_alone(tab: Page, demo_site: DemoSite):
    letter = create_letter(demo_site.installation, decision(customer_name="Kim Keyboard"), demo_site.people["ana"])
    desk = Desk(tab, demo_site.base, {person.username: person.password for person in PEOPLE})
    page = desk.sign_in("ana")
    state = page.locator(".letter-head .state")

    tab_to(page, letter.reference)
    page.keyboard.press("Enter")
    expect(state).to_have_text("Draft")
    tab_to(page, element_id="letter-text")
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nWe keep your file open, and you can write to us at any time.")
    tab_to(page, "Save")
    page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_contain_text("Save: done")
    expect(page.get_by_label("Letter text")).to_contain_text("keep your file open")

    tab_to(page, "Finish draft")
    page.keyboard.press("Space")
    expect(state).to_have_text("Waiting period")
    demo_site.clock.advance(demo_site.installation.config.policy.waiting_period)

    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    tab_to(page, "My work", backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    tab_to(page, letter.reference)
    page.keyboard.press("Enter")
    expect(state).to_have_text("Waiting period")
    tab_to(page, "Submit for review")
    page.keyboard.press("Enter")
    expect(state).to_have_text("Peer review")
