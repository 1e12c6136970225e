"""Hostile text for the tone check's bounds: shared by its test and bench/tone_speed.py."""

from __future__ import annotations


def hostile_text(size: int) -> str:
    """Unusual words, long runs without spaces, stacked marks and risky phrases, over and over."""
    body = " ".join(
        [
            "qwzx vkjq xxzq jjvk " * 5,
            "zq'" * 500,
            "A" * 2_000 + "a",
            "." * 2_000 + "x",
            "!?" * 1_000 + "x",
            "Obviously, as we have already explained, you clearly did not read it. " * 5,
            "b" * 3_000,
        ]
    )
    return (body * (size // len(body) + 1))[:size]
