"""The law's pages in Chromium, walked by people new to them: an administrator saves a new
version of a jurisdiction profile and finds it in the audit trail, a legal reviewer writes a
policy clause the administrator approves; an author is warned at creation that a complaint
is late and sends a holding response, which the letter page's clock then counts from; the
legal reviewer reads the Reports page for a period and a profile, at 1366 and 390 px, and
downloads its CSV. A picture of each step is kept under test-output/screenshots/law/."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.checks import layout_problems, serious_violations
from tests.browser.conftest import Desk
from tests.conftest import PASSWORD, World
from tests.infra.browser import save_screenshot
from workflow.law.holding import HOLDING
from workflow.letters.models import Letter
from workflow.people.accounts import create_user, new_user

pytestmark = pytest.mark.browser

NEW_PEOPLE = {"lena": ["legal_reviewer"], "omar": ["admin"]}


@pytest.fixture
def newcomers(world: World) -> World:
    """A legal reviewer and an administrator on their first day: no letters, no history."""
    for name, roles in NEW_PEOPLE.items():
        world.people[name] = create_user(world.installation, new_user(name, PASSWORD, roles))
    return world


def shot(page: Page, name: str, widths: tuple[int, ...] = (1366,)) -> list[str]:
    """A picture at each width, and what is laid out wrong there."""
    problems = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
        problems += [f"{name} at {width}px: {p}" for p in layout_problems(page, width)]
        save_screenshot(page, f"law/{name}-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    return problems


def test_an_administrator_saves_a_profile_version_and_finds_it_in_the_audit_trail(desk: Desk, newcomers: World):
    page = desk.sign_in("omar")
    page.get_by_role("link", name="Administration").first.click()
    page.get_by_role("link", name="Jurisdiction profiles").click()
    problems = shot(page, "profiles", (1366, 390))
    page.get_by_role("link", name="UK, FCA complaints (DISP 1.6): 8 weeks").click()
    box = page.get_by_label("The profile (JSON)", exact=False)
    data = json.loads(box.input_value())
    data["sources"] = [*data["sources"], "Checked against the FCA Handbook on 28 November 2026"]
    box.fill(json.dumps(data, ensure_ascii=False, indent=2))
    desk.press("Save as a new version")
    expect(page.get_by_role("status")).to_contain_text("Version 2 saved")
    expect(page.locator("#history")).to_contain_text("Version 2 saved by omar on")
    problems += shot(page, "profile-saved")
    page.locator("#history").get_by_role("link", name="audit trail").click()
    newest = page.locator("table.audit tbody tr").first
    expect(newest).to_contain_text("omar")
    expect(newest).to_contain_text("change profile")
    problems += shot(page, "profile-audit")
    assert not problems, "\n".join(problems)


def test_a_legal_reviewer_writes_a_clause_and_an_administrator_approves_it(desk: Desk, newcomers: World):
    page = desk.sign_in("lena")
    page.get_by_role("link", name="Clauses").first.click()
    page.get_by_label("Clause id").fill("7.1")
    page.get_by_label("Language").select_option("en")
    page.get_by_label("Title").fill("Refunds for digital downloads")
    page.get_by_label("Text, as the signed policy says it").fill(
        "Downloads that have been opened are not refunded, unless the file is faulty."
    )
    desk.press("Save as a draft")
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_contain_text("saved as a draft")
    row = page.get_by_role("row").filter(has_text="Refunds for digital downloads")
    expect(row).to_contain_text("draft")
    expect(row.get_by_role("button", name="Approve")).to_have_count(0)  # only an administrator approves
    problems = shot(page, "clause-written", (1366, 390))

    page = desk.as_person("omar")
    page.get_by_role("link", name="Clauses").first.click()
    row = page.get_by_role("row").filter(has_text="Refunds for digital downloads")
    row.get_by_role("button", name="Approve").click()
    expect(page.locator("main")).to_contain_text("Clause approved")
    expect(page.get_by_role("row").filter(has_text="Refunds for digital downloads")).to_contain_text("approved")
    problems += shot(page, "clause-approved")
    assert not problems, "\n".join(problems)


def _send_holding(world: World, final_id: int) -> Letter:
    """The holding response's author and peer reviewer, through the services: this walk is
    about what the legal team and the administrator see."""
    with world.installation.db.read() as session:
        holding = session.query(Letter).filter(Letter.holding_for_id == final_id, Letter.kind == HOLDING).one()
    world.fire("finish_draft", holding, "ana")
    world.fire("submit_for_review", holding, "ana")
    return world.fire("approve_tone", holding, "ben")


def test_a_late_complaint_its_holding_response_and_the_reports(desk: Desk, newcomers: World):
    world = newcomers
    page = desk.sign_in("ana")
    page.get_by_role("link", name="New letter").first.click()
    page.get_by_label("Customer name").fill("Robert Brown")
    page.get_by_label("Amount requested").fill("80.00")
    page.get_by_label("Currency").select_option("USD")
    page.get_by_label("Customer's reason").fill("The transfer arrived late.")
    page.get_by_label("Delivered on time").check()
    page.get_by_label("Jurisdiction profile").select_option("uk_payment_services")
    received = world.clock.now() - timedelta(days=25)
    page.get_by_label("Complaint received").fill(received.strftime("%Y-%m-%d %H:%M"))
    page.get_by_label("Received by").select_option("email")
    desk.press("Create draft")
    clock = page.locator("#complaint")
    expect(clock.locator(".problem")).to_contain_text("holding response")
    problems = shot(page, "late-complaint-warned", (1366, 390))
    final_url = page.url
    desk.press("Start a holding response")
    expect(clock).to_contain_text("Holds for")
    page.go_back()
    page.reload()
    expect(page.get_by_role("button", name="Start a holding response")).to_have_count(0)  # one is under way
    page.go_forward()
    problems += shot(page, "holding-response-draft")
    page.get_by_role("link", name="My work").first.click()
    page.get_by_role("link", name="Legal deadline soonest first").click()
    expect(page.locator(".sort-links strong")).to_have_text("Legal deadline soonest first")
    expect(page.locator("#queue-drafts td.ref").first).to_have_text("TL-2026-00001")
    expect(page.locator("#queue-drafts tr").filter(has_text="TL-2026-00002")).to_contain_text("holding response: final")
    problems += shot(page, "my-work-by-deadline", (1366, 390))
    page.goto(final_url)

    holding = _send_holding(world, int(final_url.rsplit("/", 1)[1]))
    page.goto(f"{desk.base}/letters/{holding.id}")
    page.get_by_role("button", name="Mark as sent", exact=True).click()
    expect(page.locator("main")).to_contain_text("Sent")
    expect(clock).to_contain_text("the holding response has been sent, so by the end of")
    problems += shot(page, "holding-response-sent")
    page.goto(final_url)
    expect(clock).to_contain_text("the holding response has been sent, so by the end of")
    expect(clock.locator("h2")).to_contain_text("final answer due in")  # counted to the longer deadline now
    expect(page.get_by_role("button", name="Start a holding response")).to_have_count(0)
    problems += shot(page, "letter-clock-after-holding", (1366, 390))

    page = desk.as_person("lena")
    page.get_by_role("link", name="Reports").first.click()
    page.get_by_label("From").fill((world.clock.now() - timedelta(days=30)).date().isoformat())
    page.get_by_label("To").fill(world.clock.now().date().isoformat())
    page.get_by_label("Profile").select_option("uk_payment_services")
    desk.press("Show")
    expect(page.locator("main")).to_contain_text("1 refusal;")
    expect(page.locator("svg.chart").first).to_be_visible()
    problems += shot(page, "reports", (1366, 390))
    problems += serious_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text())))
    assert rows[0] == ["section", "item", "value"] and ["letters", "in scope", "1"] in rows
    assert ["holding responses", "sent", "1"] in rows
    assert not problems, "\n".join(problems)
