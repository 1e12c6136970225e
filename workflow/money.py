"""Money as integer minor units plus an ISO 4217 code.

Amounts decide whether a lawyer must read a letter, so they are never floats: a float
rounding 999.995 up would move a letter across the legal threshold.

Amounts are read from what people type, so reading one must be cheap and its result must
fit every database: plain digits with at most one decimal point, no exponent ("1e999997"
made a Decimal whose integer took 38 seconds of CPU), and at most `MAX_MINOR` minor units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_currency, get_currency_precision

from workflow.errors import InvalidInput

MAX_MINOR = 10**15 - 1
_MAX_TYPED = 40
_SHOWN = 24
_AMOUNT = re.compile(r"(?=[.0-9]*[0-9])([0-9]*)(?:\.([0-9]*))?")


def minor_digits(code: str) -> int:
    """Digits after the decimal point for a currency (JPY 0, USD 2, KWD 3)."""
    return get_currency_precision(code)


@dataclass(frozen=True, order=True)
class Money:
    currency: str
    minor: int

    @classmethod
    def parse(cls, amount: str, currency: str) -> Money:
        """Read a decimal string such as "1,000.00" exactly, refusing more digits than the
        currency has after the point and more than `MAX_MINOR` minor units in all."""
        code = currency.strip().upper()
        if len(code) != 3 or not code.isascii() or not code.isalpha():
            raise InvalidInput(f"“{_shown(currency)}” is not a three-letter ISO 4217 currency code.")
        text = amount.strip().replace(",", "")
        match = _AMOUNT.fullmatch(text) if len(text) <= _MAX_TYPED else None
        if match is None:
            raise InvalidInput(f"“{_shown(amount)}” is not an amount of money (write it like 1250.00).")
        whole, fraction = match.group(1), (match.group(2) or "").rstrip("0")
        digits = minor_digits(code)
        if len(fraction) > digits:
            raise InvalidInput(f"{code} amounts have at most {digits} digits after the decimal point.")
        minor = int(whole or "0") * 10**digits + int(fraction.ljust(digits, "0") or "0")
        if minor > MAX_MINOR:
            largest = cls(code, MAX_MINOR).plain()
            raise InvalidInput(f"{code} amounts can be at most {largest}.")
        return cls(code, minor)

    def decimal(self) -> Decimal:
        return Decimal(self.minor).scaleb(-minor_digits(self.currency))

    def plain(self) -> str:
        """The amount as a locale-free decimal string, e.g. "1000.00"."""
        return f"{self.decimal():.{minor_digits(self.currency)}f}"

    def format(self, language: str = "en") -> str:
        return format_currency(self.decimal(), self.currency, locale=language)

    def __str__(self) -> str:
        return f"{self.plain()} {self.currency}"


def _shown(typed: str) -> str:
    """What was typed, as a refusal may quote it: printable and short."""
    printable = "".join(c if c.isprintable() else " " for c in typed.strip())
    return printable if len(printable) <= _SHOWN else printable[: _SHOWN - 1] + "…"
