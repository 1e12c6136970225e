"""Money as integer minor units plus an ISO 4217 code.

Amounts decide whether a lawyer must read a letter, so they are never floats: a float
rounding 999.995 up would move a letter across the legal threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency, get_currency_precision

from workflow.errors import InvalidInput


def minor_digits(code: str) -> int:
    """Digits after the decimal point for a currency (JPY 0, USD 2, KWD 3)."""
    return get_currency_precision(code)


@dataclass(frozen=True, order=True)
class Money:
    currency: str
    minor: int

    @classmethod
    def parse(cls, amount: str, currency: str) -> Money:
        """Read a decimal string such as "1000.00" exactly, refusing more digits than the currency has."""
        code = currency.strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise InvalidInput(f"“{currency}” is not a three-letter ISO 4217 currency code.")
        text = amount.strip().replace(",", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise InvalidInput(f"“{amount}” is not an amount of money.") from None
        if not value.is_finite() or value < 0:
            raise InvalidInput(f"“{amount}” is not an amount of money.")
        digits = minor_digits(code)
        scaled = value.scaleb(digits)
        if scaled != scaled.to_integral_value():
            raise InvalidInput(f"{code} amounts have at most {digits} digits after the decimal point.")
        return cls(code, int(scaled))

    def decimal(self) -> Decimal:
        return Decimal(self.minor).scaleb(-minor_digits(self.currency))

    def plain(self) -> str:
        """The amount as a locale-free decimal string, e.g. "1000.00"."""
        return f"{self.decimal():.{minor_digits(self.currency)}f}"

    def format(self, language: str = "en") -> str:
        return format_currency(self.decimal(), self.currency, locale=language)

    def __str__(self) -> str:
        return f"{self.plain()} {self.currency}"
