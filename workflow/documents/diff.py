"""Word-level differences between two letter texts.

Reviewers read changes word by word, the way Word's own compare shows them: a changed word
is one deletion and one insertion, never a scatter of changed letters. The comparison
document and the legal packet's "what changed" table both come from here.

`SequenceMatcher` costs the product of the two token counts (and worse on repetitive
text), so the unchanged beginning and end are set aside first, which leaves a real edit
small; a middle still larger than `MAX_PAIRS` token pairs is shown as one change rather
than held up for minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

# A word, a run of spaces or tabs, one line break, or one other character (punctuation).
_TOKEN = re.compile(r"\w+|[^\S\n]+|\n|[^\w\s]")
MAX_PAIRS = 4_000_000


class Op(StrEnum):
    EQUAL = "equal"
    CHANGE = "change"


@dataclass(frozen=True)
class Piece:
    """One stretch of the texts: equal (old == new) or a change (old removed, new added)."""

    tag: Op
    old: str
    new: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Piece]:
    """The texts as alternating equal stretches and changes; joining every piece's `old`
    gives `old` back, and every `new` gives `new`.

    Changes separated only by spaces are merged, so "the quick" → "a slow" reads as one
    change rather than two with an unchanged space between.
    """
    a, b = tokens(old), tokens(new)
    head = _common_head(a, b)
    tail = _common_head(a[head:][::-1], b[head:][::-1])
    a_end, b_end = len(a) - tail, len(b) - tail
    pieces = [
        Piece(Op.EQUAL, "".join(a[:head]), "".join(b[:head])),
        *_middle(a[head:a_end], b[head:b_end]),
        Piece(Op.EQUAL, "".join(a[a_end:]), "".join(b[b_end:])),
    ]
    return _merge_across_spaces([piece for piece in pieces if piece.old or piece.new])


def _common_head(a: list[str], b: list[str]) -> int:
    """How many tokens the two lists share from their start."""
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _middle(a: list[str], b: list[str]) -> list[Piece]:
    """The changed middle word by word, or as one change when it is too large to compare."""
    if len(a) * len(b) > MAX_PAIRS:
        return [Piece(Op.CHANGE, "".join(a), "".join(b))]
    return [
        Piece(Op.EQUAL if tag == "equal" else Op.CHANGE, "".join(a[i1:i2]), "".join(b[j1:j2]))
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    ]


def _merge_across_spaces(pieces: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for piece in pieces:
        if piece.tag is Op.CHANGE and len(merged) >= 2 and merged[-2].tag is Op.CHANGE and _is_space(merged[-1]):
            space = merged.pop()
            before = merged.pop()
            piece = Piece(Op.CHANGE, before.old + space.old + piece.old, before.new + space.new + piece.new)
        elif piece.tag is Op.CHANGE and merged and merged[-1].tag is Op.CHANGE:
            before = merged.pop()
            piece = Piece(Op.CHANGE, before.old + piece.old, before.new + piece.new)
        merged.append(piece)
    return merged


def _is_space(piece: Piece) -> bool:
    return piece.tag is Op.EQUAL and piece.old != "" and not piece.old.strip(" \t")
