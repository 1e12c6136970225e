"""RFC 8785 canonical JSON, the byte form every audit hash and signature covers.

`rfc8785` is the reference, but it is written in Python and costs about 60 µs for one
audit record, paid on every write and on every line an export verifies. For the values the
audit trail actually holds (text with ASCII keys, whole numbers a double represents exactly,
booleans, nulls, and objects of those) the standard library's C encoder with sorted keys and
no spaces writes the same bytes: the same escapes (`\\b \\f \\n \\r \\t`, other control
characters as lowercase `\\u00xx`), non-ASCII text as itself, and ASCII keys in the same
order. Anything outside that domain goes to `rfc8785`. `tests/audit/test_canonical.py`
checks the two agree on the domain.
"""

from __future__ import annotations

import json

import rfc8785


def canonical_json(value: object) -> str:
    """RFC 8785 JSON: one byte sequence for one value, whoever serializes it."""
    return dumps(value).decode("utf-8")


_SAFE_INTEGER = 2**53 - 1


_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def _in_fast_domain(value: object) -> bool:
    if value is None or isinstance(value, str | bool):
        return True
    if isinstance(value, int):
        return -_SAFE_INTEGER <= value <= _SAFE_INTEGER
    if isinstance(value, dict):
        return all(isinstance(k, str) and k.isascii() and _in_fast_domain(v) for k, v in value.items())
    return False


def dumps(value: object) -> bytes:
    """The RFC 8785 bytes of `value`."""
    if _in_fast_domain(value):
        try:
            return _encode(value).encode("utf-8")
        except UnicodeEncodeError:
            pass  # a lone surrogate: let the reference refuse it in its own words
    return rfc8785.dumps(value)  # type: ignore[arg-type]  # the reference refuses what it cannot encode
