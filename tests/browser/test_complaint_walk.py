"""A complaint in Chromium: the decision record with its profile and time of receipt, the
letter page's clock and warning, a holding response, the Reports page's SVG charts; with a
picture of each under test-output/screenshots."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Desk
from tests.conftest import World
from tests.infra.browser import save_screenshot

pytestmark = pytest.mark.browser


def test_a_late_complaint_is_warned_about_and_held(desk: Desk, world: World):
    page = desk.sign_in("ana")
    page.get_by_role("link", name="New letter").first.click()
    page.get_by_label("Customer name").fill("Robert Brown")
    page.get_by_label("Amount requested").fill("80.00")
    page.get_by_label("Currency").fill("GBP")
    page.get_by_label("Customer's reason").fill("The transfer arrived late.")
    page.get_by_label("Delivered on time").check()
    page.get_by_label("Jurisdiction profile").select_option("uk_payment_services")
    received = world.clock.now() - timedelta(days=25)
    page.get_by_label("Complaint received").fill(received.strftime("%Y-%m-%d %H:%M"))
    page.get_by_label("Received by").select_option("email")
    save_screenshot(page, "new-letter-complaint")
    desk.press("Create draft")
    expect(page.locator("#complaint")).to_contain_text("final answer due in")
    expect(page.locator("#complaint .problem")).to_contain_text("holding response")
    expect(page.get_by_label("Letter text")).to_contain_text("www.financial-ombudsman.org.uk")
    save_screenshot(page, "letter-complaint-clock")
    desk.press("Start a holding response")
    expect(page.locator("#complaint")).to_contain_text("Holds for")
    save_screenshot(page, "holding-response")

    page = desk.as_person("dan")
    desk.open("/reports")
    expect(page.locator("svg.chart").first).to_be_visible()
    save_screenshot(page, "reports")
