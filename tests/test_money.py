"""Money is read with bounded work and bounded size, or refused with a sentence."""

from __future__ import annotations

import pytest

from workflow import money
from workflow.errors import InvalidInput
from workflow.money import Money
from workflow.settings.config import parse_thresholds


@pytest.mark.parametrize(
    ("typed", "currency", "minor"),
    [
        ("1,000.00", "USD", 100_000),
        (".5", "EUR", 50),
        ("5.", "USD", 500),
        ("1000.000", "USD", 100_000),
        ("12", "JPY", 12),
    ],
)
def test_plain_amounts_are_read_exactly(typed: str, currency: str, minor: int) -> None:
    assert Money.parse(typed, currency).minor == minor


@pytest.mark.parametrize(
    "typed",
    ["1e999997", "1E5", "1e30", "-1", "NaN", "Infinity", "0x10", "1_000", "１２", ".", "", "1.2.3", "9" * 100, "1\x00"],
)
def test_anything_but_plain_digits_is_refused_with_a_short_sentence(typed: str) -> None:
    with pytest.raises(InvalidInput, match="is not an amount of money") as refusal:
        Money.parse(typed, "USD")
    assert len(refusal.value.message) < 100 and "\x00" not in refusal.value.message


@pytest.mark.parametrize(
    ("typed", "currency"), [("99999999999999999999", "USD"), ("10000000000000.00", "USD"), ("1" + "0" * 15, "JPY")]
)
def test_an_amount_beyond_the_currency_maximum_is_refused(typed: str, currency: str) -> None:
    with pytest.raises(InvalidInput, match=f"{currency} amounts can be at most"):
        Money.parse(typed, currency)


def test_the_largest_amount_fits_a_signed_64_bit_column() -> None:
    assert Money.parse(Money("USD", money.MAX_MINOR).plain(), "USD").minor == money.MAX_MINOR < 2**63


@pytest.mark.parametrize("thresholds", ["USD=1e30", "USD=99999999999999999999", "EUR=1e999997"])
def test_thresholds_are_read_the_same_way(thresholds: str) -> None:
    with pytest.raises(InvalidInput):
        parse_thresholds(thresholds)
