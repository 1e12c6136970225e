"""In Chromium: a reviewer takes a letter, a colleague sees who has it and when it is due,
and the pages of this work are kept as screenshots (TACTFUL_SCREENSHOTS names the folder)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.assignments.conftest import delegate
from tests.browser.conftest import Desk
from tests.conftest import World

pytestmark = pytest.mark.browser


def _keep(page: Page, name: str) -> None:
    folder = os.environ.get("TACTFUL_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_take_see_who_has_it_and_when_it_is_due(desk: Desk, world: World) -> None:
    world.clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    letter = world.to_review(world.letter(customer_name="Hana Hartmann"))
    world.to_review(world.letter(customer_name="Olga Older"))
    page = desk.sign_in("ben")
    page = desk.open(f"/letters/{letter.id}")
    expect(page.locator("#review-work")).to_contain_text("Peer review: overdue by 16 hours")
    desk.press("I'll review this")
    expect(page.locator("#review-work")).to_contain_text("ben has taken this review since")
    _keep(page, "letter-taken-by-me")
    delegate(world, "ben", "finn", timedelta(0), timedelta(days=3))
    world.clock.advance(timedelta(days=1))
    page = desk.as_person("finn")
    expect(page.locator("#queue-taken")).to_contain_text("Hana Hartmann")
    expect(page.locator("#queue-peer")).to_contain_text("overdue by")
    _keep(page, "dashboard-with-due-times")
    page = desk.open(f"/letters/{letter.id}")
    expect(page.locator("#review-work")).to_contain_text("finn stands in for ben while they are away")
    _keep(page, "letter-held-by-a-colleague-away")
    page = desk.as_person("eve")
    page = desk.open(f"/letters/{letter.id}")
    expect(page.locator("dl.refused")).to_contain_text("ben has taken this review")
    _keep(page, "letter-held-by-someone-else")
    page = desk.open("/account/away")
    _keep(page, "away")
    page = desk.as_person("dan")
    page = desk.open(f"/letters/{letter.id}")
    expect(page.get_by_role("button", name="Reassign")).to_be_visible()
    _keep(page, "letter-as-administrator")
    _keep(desk.open("/admin/due-dates"), "admin-due-dates")
    _keep(desk.open("/admin/delegations"), "admin-delegations")
    _keep(desk.open("/letters?sort=due"), "letters-by-due")
