"""The law's pages: the new-letter form, the letter page's clock and holding response, the
queues, the report with its CSV and charts, the profiles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from tests.conftest import World
from tests.web.conftest import Person, text_of


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
