"""The law's pages: the new-letter form, the letter page's clock and holding response, the
queues, the report with its CSV and charts, the profiles."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from lxml import html
from sqlalchemy import select

from tests.conftest import World
from tests.law.test_letters import complaint
from tests.web.conftest import Person, text_of
from workflow.letters.models import Letter


def test_new_letter_form_letter_page_holding_and_reports(world: World, sign_in: Callable[[str], Person]) -> None:
    ana = sign_in("ana")
    response = ana.post(
        "/letters/new",
        {
            "customer_name": "Mary Smith",
            "amount": "20.00",
            "currency": "USD",
            "language": "en",
            "customer_reason": "It came late.",
            "reasons": "delivered_on_time",
            "concession": "none",
            "form_of_address": "none",
            "profile": "uk_payment_services",
            "complaint_received_at": (world.clock.now() - timedelta(days=40)).strftime("%Y-%m-%d %H:%M"),
            "complaint_channel": "email",
        },
    )
    assert response.status_code == 302
    page = ana.page(response.headers["Location"])
    said = text_of(page)
    assert "past deadline by" in said and "holding response" in said
    assert "www.financial-ombudsman.org.uk" in said
    # The deadline is the end of its last day: the UTC moment is when it runs out, not another due day.
    assert re.search(
        r"Final answer due by the end of \d+ \w+ 2025 on the company's clock \(until \d\d \w+ 2025, 00:00 UTC\)", said
    )
    [form] = page.xpath("//form[contains(@action, '/holding')]")
    made = ana.post(form.get("action"))
    assert made.status_code == 302 and "Holds for" in text_of(ana.page(made.headers["Location"]))
    listing = text_of(ana.page("/letters?sort=deadline"))
    assert "past deadline by" in listing

    dan = sign_in("dan")
    report = text_of(dan.page("/reports?profile=uk_payment_services"))
    assert "1 refusal;" in report and "1 letter past the legal deadline" in report
    assert dan.page("/reports").xpath("//svg[@role='img']")
    csv = dan.get("/reports.csv?profile=uk_payment_services").get_data(as_text=True)
    assert "deadline,past deadline,1" in csv
    assert "Regulation E" in text_of(dan.page("/admin/profiles"))
    assert ana.get("/reports").status_code == 403


def test_the_holding_button_shows_to_whom_and_while_the_domain_allows_it(
    world: World, sign_in: Callable[[str], Person]
) -> None:
    """Any author may start the holding response (a colleague's, when its author is away), a
    reviewer may not, and one under way stops a second, on the page and in the domain alike."""
    final = complaint(world)
    page = f"/letters/{final.id}"
    holding_forms = "//form[contains(@action, '/holding')]"
    assert sign_in("eve").page(page).xpath(holding_forms)
    assert not sign_in("finn").page(page).xpath(holding_forms)
    assert sign_in("finn").post(f"{page}/holding").status_code == 422
    ana = sign_in("ana")
    assert ana.post(f"{page}/holding").status_code == 302
    with world.installation.db.read() as session:
        holding = session.scalars(select(Letter).where(Letter.holding_for_id == final.id)).one()
    assert not ana.page(page).xpath(holding_forms)
    again = ana.post(f"{page}/holding")
    assert again.status_code == 422
    said = text_of(html.fromstring(again.get_data(as_text=True)))
    assert f"The holding response {holding.reference} is under way (draft): one per complaint" in said
    with world.installation.db.read() as session:
        assert len(session.scalars(select(Letter).where(Letter.holding_for_id == final.id)).all()) == 1


def test_a_report_asked_for_with_bad_dates_or_profile_is_a_sentence(sign_in: Callable[[str], Person]) -> None:
    """The last day a date can hold, or a profile that does not exist: the default report
    with a sentence saying why, never a server error or a missing page; the CSV likewise."""
    carla = sign_in("carla")
    for query, said in (
        ("end=9999-12-31", "Give the dates as YYYY-MM-DD, up to 9999-12-30"),
        ("start=2026-13-01", "Give the dates as YYYY-MM-DD"),
        ("profile=atlantis", "There is no profile “atlantis”; every profile is counted instead."),
    ):
        response = carla.get(f"/reports?{query}")
        assert response.status_code == 200, query
        assert said in text_of(html.fromstring(response.get_data(as_text=True)), "//div[@role='alert']")
        assert carla.get(f"/reports.csv?{query}").status_code == 200, query


def test_a_profile_nested_too_deeply_to_read_is_a_sentence_and_stays_on_the_page(
    sign_in: Callable[[str], Person],
) -> None:
    dan = sign_in("dan")
    dan.page("/admin/profiles/uk_general")
    nested = '{"a":' * 5000 + "1" + "}" * 5000
    response = dan.post("/admin/profiles/uk_general", {"data": nested})
    assert response.status_code == 422
    page = html.fromstring(response.get_data(as_text=True))
    assert "The profile nests its objects or lists too deeply to read." in text_of(page, "//div[@role='alert']")
    assert page.xpath("//textarea[@name='data']")[0].text_content().strip() == nested
