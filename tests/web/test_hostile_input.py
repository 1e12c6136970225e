"""Hostile values on the letter pages get a sentence, never a 500 or minutes of CPU."""

from __future__ import annotations

import pytest

from tests.web.conftest import text_of


@pytest.mark.parametrize("amount", ["1e999997", "99999999999999999999", "1e30"])
def test_a_hostile_amount_filter_is_named_and_the_list_still_shows(world, sign_in, amount):
    world.letter()
    page = sign_in("ben").page(f"/letters?currency=USD&amount_min={amount}")
    assert "Amount from:" in text_of(page)
    assert "1 letter matches" in text_of(page)


@pytest.mark.parametrize("amount", ["1e30", "99999999999999999999"])
def test_a_hostile_amount_on_the_new_letter_form_is_a_sentence(world, sign_in, amount):
    response = sign_in("ana").post(
        "/letters/new",
        {
            "customer_name": "Nora New",
            "amount": amount,
            "currency": "USD",
            "language": "en",
            "customer_reason": "Too late.",
            "reasons": ["delivered_on_time"],
            "concession": "none",
        },
    )
    assert response.status_code == 422
    assert "Amount requested:" in response.get_data(as_text=True)
