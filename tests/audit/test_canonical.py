"""The fast canonical form writes the reference library's bytes on every value it takes."""

from __future__ import annotations

import pytest
import rfc8785
from hypothesis import given
from hypothesis import strategies as st

from workflow.audit import canonical

scalars = st.none() | st.booleans() | st.text() | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
records = st.recursive(scalars, lambda inner: st.dictionaries(st.text(), inner, max_size=6), max_leaves=30)


@given(records)
def test_fast_form_equals_rfc8785(value: object) -> None:
    try:
        expected = rfc8785.dumps(value)
    except Exception as refusal:  # noqa: BLE001 - whatever the reference refuses, ours must refuse too
        with pytest.raises(type(refusal)):
            canonical.dumps(value)
    else:
        assert canonical.dumps(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        {"comment": "line\nbreak\ttab\x00nul\x1f\x7f", "é": "ü", "z": "\u2028"},
        {"n": 2**53 - 1, "m": -(2**53) + 1, "nested": {"b": True, "a": None}},
        {"\U0001f600": 1, "\ufb01": 2},
    ],
)
def test_edge_values(value: object) -> None:
    assert canonical.dumps(value) == rfc8785.dumps(value)


def test_values_outside_the_fast_domain_go_to_the_reference() -> None:
    assert canonical.dumps({"list": [1.5, "x"], "e": 1e21}) == rfc8785.dumps({"list": [1.5, "x"], "e": 1e21})
    with pytest.raises(rfc8785.IntegerDomainError):
        canonical.dumps({"big": 2**60})
