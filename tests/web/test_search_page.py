"""The letters list's search box: one box, each letter found says where, a word of the
text is shown in its sentence, and nothing typed breaks the page."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.letters.test_search import HOSTILE
from tests.web.conftest import text_of


def test_one_search_box_finds_names_references_and_words_and_says_where(world, sign_in):
    hartley = world.letter(customer_name="Jane Hartley", customer_email="jane@hartley.example")
    lockhart = world.letter(customer_name="Tom Lockhart")
    world.fire("edit", lockhart, "ana", body="The heart-shaped album arrived on time.")
    world.letter(customer_name="Mary Smith")
    ben = sign_in("ben")
    page = ben.page("/letters?q=hart")
    assert len(page.xpath("//input[@type='search']")) == 1
    assert page.xpath("//label[@for='q']")[0].text_content() == "Search"
    rows = text_of(page, "//table[@class='letters']/tbody")
    assert hartley.reference in rows and lockhart.reference in rows and "Mary Smith" not in rows
    assert "Found in the customer name and the e-mail" in rows
    assert "Found in the customer name" in text_of(page, "//tr[@class='below']")

    page = ben.page("/letters?q=album")
    assert (
        text_of(page, "//tr[@class='below']") == "Found in the letter text: “The heart-shaped album arrived on time.”"
    )
    assert [mark.text_content() for mark in page.xpath("//tr[@class='below']//mark")] == ["album"]


def test_a_snippet_shows_the_letter_as_text_never_as_markup(world, sign_in):
    letter = world.letter(customer_name="Eve Escape")
    world.fire(
        "edit", letter, "ana", body='<b onmouseover="x()">Bold</b> & "quoted" <script>alert(1)</script> refunded.'
    )
    response = sign_in("ben").get("/letters?q=refunded")
    body = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body and "<b onmouseover" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>refunded</mark>." in body


def test_the_search_and_the_filters_narrow_together_on_the_page(world, sign_in):
    world.letter("100.00", "USD", customer_name="Hart Dollar")
    euro = world.letter("2500.00", "EUR", customer_name="Hart Euro")
    world.letter("2500.00", "EUR", customer_name="Other Euro")
    page = sign_in("ben").page("/letters?q=hart&currency=EUR&amount_min=2000&amount_max=3000")
    assert "1 letter matches" in text_of(page)
    assert text_of(page, "//tbody").count("TL-") == 1 and euro.reference in text_of(page, "//tbody")


@pytest.mark.parametrize("typed", HOSTILE, ids=lambda t: repr(t[:24]))
def test_hostile_searches_answer_with_the_list(world, sign_in, typed):
    world.letter(customer_name="Jane Hartley")
    response = sign_in("ben").get(f"/letters?q={quote(typed)}")
    assert response.status_code == 200
    assert "letters match" in response.get_data(as_text=True) or "letter matches" in response.get_data(as_text=True)
