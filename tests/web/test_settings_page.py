"""The settings page's waiting period: one unit with the environment, a confirmation to
switch it off, and plain words about the letters already waiting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from tests.web.conftest import Person, text_of
from workflow.settings.effective import effective_policy


def _policy(world):
    with world.installation.db.read() as session:
        return effective_policy(session, world.installation.config.policy)


def test_the_page_says_what_a_change_does_to_letters_already_waiting(world, sign_in: Callable[[str], Person]):
    world.fire("finish_draft", world.letter(), "ana")
    world.fire("finish_draft", world.letter(), "ana")
    dan = sign_in("dan")
    page = dan.page("/admin/settings")
    assert page.xpath("//input[@name='waiting_period']/@value") == ["24h"]
    assert "Letters already waiting follow the new waiting period" in text_of(page, "//*[@id='waiting_period-hint']")
    response = dan.post(
        "/admin/settings/policy",
        {"waiting_period": "4h", "follow_up_days": "90", "threshold-USD": "1000", "threshold-EUR": "1000"},
    )
    assert response.status_code == 302
    flash = text_of(dan.page("/admin/settings"), "//p[contains(@class,'flash-success')]")
    assert flash == (
        "Policy saved. The waiting period is now 4h. It applies to the 2 letters already waiting too, "
        "counted from when each draft was finished."
    )
    assert _policy(world).waiting_period == timedelta(hours=4)


def test_zero_is_refused_without_the_confirmation_and_saved_with_it(world, sign_in: Callable[[str], Person]):
    dan = sign_in("dan")
    dan.get("/admin/settings")
    form = {"waiting_period": "0", "follow_up_days": "90", "threshold-USD": "1000", "threshold-EUR": "1000"}
    refused = dan.post("/admin/settings/policy", form)
    assert refused.status_code == 400
    assert "switches off the cooling-off safeguard" in refused.get_data(as_text=True)
    assert _policy(world).waiting_period == timedelta(hours=24)
    assert dan.post("/admin/settings/policy", {**form, "switch_off_wait": "y"}).status_code == 302
    assert _policy(world).waiting_period == timedelta(0)
    flash = text_of(dan.page("/admin/settings"), "//p[contains(@class,'flash-success')]")
    assert flash.startswith(
        "Policy saved. The waiting period is switched off: a finished draft can be submitted at once."
    )
