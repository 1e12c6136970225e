"""Regexes that are tried only where they can match.

Every match of a rule begins with one of a few literal strings (its cues): "obviously",
"you clearly did", "as we have". Substring search, done in C, finds those places in a
letter; the regex is then tried at each of them instead of scanning the whole letter,
which for long alternations is most of the cost of a check. Cues are derived from the
compiled pattern, never written by hand, so they cannot drift from the rule; a pattern
without usable cues is simply scanned. A language's cues are also gathered in one
Aho-Corasick automaton (``CueIndex``), which finds every cue of every rule in one pass over a
letter instead of a search per cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cached_property
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]

import ahocorasick

_MAX_CUES = 400
_MIN_CUE = 2
_CUE_WORDS = 3


class Words:
    """The whole words of a folded letter, computed once and shared by every pattern, and
    where the language's cues occur in it when a ``CueIndex`` is given."""

    def __init__(self, folded: str, cues: CueIndex | None = None) -> None:
        self.folded = folded
        self._cues = cues
        self._found: dict[CuedPattern, list[int]] | None = None

    def cue_positions(self, pattern: CuedPattern) -> list[int] | None:
        """Sorted places where the pattern's cues occur, or None when the index lacks it."""
        if self._cues is None or pattern not in self._cues:
            return None
        if self._found is None:
            self._found = self._cues.positions(self.folded)
        return self._found.get(pattern, [])

    @cached_property
    def words(self) -> frozenset[str]:
        """Read only by patterns searched without the index."""
        return frozenset(_WORD.findall(self.folded))


class CuedPattern:
    """A compiled pattern with the literal beginnings that all its matches share.

    A cue is searched only when the whole words it holds ("you", "clearly" in "you clearly
    did") are all in the letter, a few set lookups; a cue with none ("thank", a quotation
    mark) is searched as text. A pattern without cues is scanned, but only when the index
    finds in the letter one of the strings that every match holds somewhere (``required``).
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)
        items = list(parser.parse(pattern))
        self.cues = _cues(items)
        self.required = None if self.cues else _required(items)
        self._by_words = [(_whole_words(cue, _at_word_start(items)), cue) for cue in self.cues or ()]

    def finditer(self, letter: Words) -> Iterator[re.Match[str]]:
        if self.cues is None:
            if letter.cue_positions(self) != []:
                yield from self.pattern.finditer(letter.folded)
            return
        for position in self._positions(letter):
            match = self.pattern.match(letter.folded, position)
            if match:
                yield match

    def search(self, letter: Words) -> re.Match[str] | None:
        return next(self.finditer(letter), None)

    def _positions(self, letter: Words) -> list[int]:
        indexed = letter.cue_positions(self)
        if indexed is not None:
            return indexed
        positions: set[int] = set()
        folded = letter.folded
        for words, cue in self._by_words:
            if not words <= letter.words:
                continue
            at = folded.find(cue)
            while at != -1:
                positions.add(at)
                at = folded.find(cue, at + 1)
        return sorted(positions)


class CueIndex:
    """The cues of a language's patterns in one automaton. It reports every occurrence of a
    cue, also where the cue's whole words are not words of the letter; the pattern tried there
    does not match (a match begins with a cue whose words it holds, found in any case), so the
    matches are the same as ``CuedPattern``'s own search finds."""

    def __init__(self, patterns: Iterable[CuedPattern]) -> None:
        owners: dict[str, list[CuedPattern]] = {}
        for pattern in patterns:
            for cue in pattern.cues or pattern.required or ():
                owners.setdefault(cue, []).append(pattern)
        self._patterns = frozenset(p for found in owners.values() for p in found)
        self._automaton = ahocorasick.Automaton()
        for cue, found in owners.items():
            self._automaton.add_word(cue, (len(cue) - 1, tuple(found)))
        if owners:
            self._automaton.make_automaton()

    def __contains__(self, pattern: CuedPattern) -> bool:
        return pattern in self._patterns

    def positions(self, folded: str) -> dict[CuedPattern, list[int]]:
        found: dict[CuedPattern, set[int]] = {}
        if self._patterns:
            for end, (length, owners) in self._automaton.iter(folded):
                for pattern in owners:
                    found.setdefault(pattern, set()).add(end - length)
        return {pattern: sorted(starts) for pattern, starts in found.items()}


_WORD = re.compile(r"\w+")
# Boundaries and look-arounds: a match's text does not hold them.
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)


def _whole_words(cue: str, at_word_start: bool) -> frozenset[str]:
    """Words of the cue that the cue shows to be whole: something follows them, and they
    start the cue only if the pattern starts at a word boundary."""
    return frozenset(
        match.group()
        for match in _WORD.finditer(cue)
        if match.end() < len(cue) and (match.start() > 0 or at_word_start)
    )


def _at_word_start(items: list) -> bool:
    """True when every match must begin at a word boundary, so its first word is a whole word."""
    if not items:
        return False
    op, value = items[0]
    if op is c.AT:
        return value is c.AT_BOUNDARY
    if op in (c.SUBPATTERN, c.BRANCH):
        return all(_at_word_start(alternative) for alternative in _alternatives(op, value) or [])
    return False


def cues_of(pattern: str) -> tuple[str, ...] | None:
    """Literal beginnings covering every way the pattern can match, or None if there are none."""
    return _cues(list(parser.parse(pattern)))


def _cues(items: list) -> tuple[str, ...] | None:
    prefixes = _prefixes(items)
    if min(len(p) for p in prefixes) < _MIN_CUE:
        return None
    return _shortest(prefixes)


def _required(items: list) -> set[str] | None:
    """Strings one of which every match holds somewhere, or None if there are none: the literal
    beginnings of a tail of the sequence, or what every alternative of one of its groups holds,
    whichever has the longest shortest string."""
    candidates = [_prefixes(items[start:]) for start in range(len(items))]
    for op, value in items:
        if op in (c.SUBPATTERN, c.BRANCH):
            inner = [_required(alternative) for alternative in _alternatives(op, value) or []]
            if inner and all(found is not None for found in inner):
                candidates.append(set().union(*inner))  # type: ignore[arg-type]
    best = max(candidates, key=lambda found: min(map(len, found)), default={""})
    return best if min(map(len, best)) >= _MIN_CUE else None


def _shortest(prefixes: set[str]) -> tuple[str, ...]:
    """A cue that begins with another cue adds nothing."""
    kept: list[str] = []
    for prefix in sorted(prefixes):
        if not kept or not prefix.startswith(kept[-1]):
            kept.append(prefix)
    return tuple(kept)


def _prefixes(items: list) -> set[str]:
    """Every match of ``items`` starts with one of these strings (assertions consume nothing)."""
    prefixes = {""}
    for op, value in items:
        if op in _ZERO_WIDTH:
            continue
        if op is c.LITERAL:
            prefixes = {_extended(p, chr(value)) for p in prefixes}
            continue
        alternatives = _alternatives(op, value)
        if alternatives is None:
            return prefixes
        inner = [_prefixes(alternative) for alternative in alternatives]
        expanded = {_extended(p, q) for p in prefixes for s in inner for q in s}
        if len(expanded) > _MAX_CUES:
            return prefixes
        prefixes = expanded
        if not all(_literal(alternative) for alternative in alternatives):
            return prefixes
    return prefixes


def _extended(prefix: str, more: str) -> str:
    """The prefix followed by more, up to three whole words and their space: that is selective
    enough, and stopping there keeps alternations from multiplying."""
    if prefix.count(" ") >= _CUE_WORDS:
        return prefix
    words = (prefix + more).split(" ")
    return " ".join(words[:_CUE_WORDS]) + " " if len(words) > _CUE_WORDS else prefix + more


def _alternatives(op: object, value: object) -> list[list] | None:
    """The ways a group, alternation, optional part or small character set can be spelled."""
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
    """True when the items are plain text, so what follows them continues their prefixes."""
    for op, value in items:
        if op is c.LITERAL or op is c.AT:
            continue
        alternatives = _alternatives(op, value)
        if alternatives is None or not all(_literal(alternative) for alternative in alternatives):
            return False
    return True
