"""Literal cues that let a rule be skipped without running its regex.

A rule can only match where one of the literal beginnings of its alternatives occurs, so
a substring test (fast, in C) on the folded letter decides whether the regex (slow on
long alternations) needs to run at all. Cues are derived from the compiled pattern, never
written by hand, so they cannot drift from the rule.
"""
from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]

_MAX_CUES = 64
_MIN_CUE = 3
_CUE_WORDS = 3


def cues_of(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literal beginnings covering every way the pattern can match, or None if there are none."""
    prefixes = _prefixes(list(parser.parse(pattern.pattern)))
    if min(len(p) for p in prefixes) < _MIN_CUE:
        return None
    return _shortest({" ".join(p.split(" ")[:_CUE_WORDS]) for p in prefixes})


def _shortest(prefixes: set[str]) -> tuple[str, ...]:
    """Three words are selective enough; a cue that begins with another cue adds nothing."""
    kept: list[str] = []
    for prefix in sorted(prefixes):
        if not kept or not prefix.startswith(kept[-1]):
            kept.append(prefix)
    return tuple(kept)


def _prefixes(items: list) -> set[str]:
    """Every match of ``items`` starts with one of these strings (assertions consume nothing)."""
    prefixes = {""}
    for op, value in items:
        if op is c.AT:
            continue
        if op is c.LITERAL:
            prefixes = {p + chr(value) for p in prefixes}
            continue
        alternatives = _alternatives(op, value)
        if alternatives is None:
            return prefixes
        inner = [_prefixes(alternative) for alternative in alternatives]
        expanded = {p + q for p in prefixes for s in inner for q in s}
        if len(expanded) > _MAX_CUES:
            return prefixes
        prefixes = expanded
        if not all(_literal(alternative) for alternative in alternatives):
            return prefixes
    return prefixes


def _alternatives(op: object, value: object) -> list[list] | None:
    if op is c.SUBPATTERN:
        return [list(value[-1])]  # type: ignore[index]
    if op is c.BRANCH:
        return [list(branch) for branch in value[1]]  # type: ignore[index]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and value[0] == 0 and value[1] == 1:  # type: ignore[index]
        return [[], list(value[2])]  # type: ignore[index]
    if op is c.IN and all(kind is c.LITERAL for kind, _ in value):  # type: ignore[attr-defined]
        return [[(c.LITERAL, code)] for _, code in value]  # type: ignore[attr-defined]
    return None


def _literal(items: list) -> bool:
    """True when the items are plain text, so their prefix is all of them and the next part follows it."""
    return all(op is c.LITERAL or op is c.AT or (_alternatives(op, v) is not None and all(
        _literal(a) for a in _alternatives(op, v) or [])) for op, v in items)


_WORD = re.compile(r"\w+")


def first_words(cues: tuple[str, ...] | None) -> frozenset[str] | None:
    """The whole first word of every cue, so most rules are ruled out by a set lookup.

    Only when each cue starts with a word that a space ends (rules begin at a word
    boundary); a one-word cue may be the start of a longer word, so it is searched as text.
    """
    if cues is None:
        return None
    starts = [cue.split(" ", 1)[0] for cue in cues if " " in cue]
    if len(starts) != len(cues) or not all(_WORD.fullmatch(start) for start in starts):
        return None
    return frozenset(starts)


def words_of(folded: str) -> frozenset[str]:
    return frozenset(_WORD.findall(folded))


def may_match(cues: tuple[str, ...] | None, starts: frozenset[str] | None, folded: str, words: frozenset[str]) -> bool:
    if cues is None:
        return True
    if starts is not None and starts.isdisjoint(words):
        return False
    return any(cue in folded for cue in cues)
