"""Every text a person gives the domain, in characters both databases store alike.

PostgreSQL refuses NUL in text and SQLite keeps it, so a letter or a comment that works on
one would fail on the other; other control characters and lone surrogates are invisible
on the page and in Word. They are taken out here, before a text is hashed or recorded:
vertical tab and form feed (Word's manual line and page breaks) become line breaks, the
rest of C0 and C1 except tab, line feed and carriage return is dropped.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

_BREAKS = re.compile(r"[\v\f]")
_DROPPED = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str) -> str:
    """The text without control characters: see the module's note for which and why."""
    return _DROPPED.sub("", _BREAKS.sub("\n", text))


def clean_fields(record: Any) -> None:
    """Clean, in place, every text field of a dataclass (and the texts of a mapping field):
    the one step each input type takes in its `__post_init__`."""
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if type(value) is str:  # an enum member that is a str is a choice, not typed text
            object.__setattr__(record, field.name, clean(value))
        elif isinstance(value, Mapping) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            object.__setattr__(record, field.name, {clean(k): clean(v) for k, v in value.items()})
