"""A text's tokens found chunk by chunk, each distinct chunk read once per process.

A chunk is a run of characters between white space (``str.split``). For a tokeniser that
never matches white space and whose look-arounds treat white space as they treat the edge of
the text, the tokens of a text are the tokens of its chunks, in order. A letter repeats its
chunks ("the", "your", "order.") and a business's letters share them, so a dictionary lookup
per chunk replaces most of the regex scan: for Turkish or Bulgarian text the scan looks up
the Unicode category of every character.

The cache is keyed on chunks, that is on words with their punctuation, never on sentences,
and it is bounded: when full it starts again.
"""

from __future__ import annotations

from collections.abc import Callable

CHUNK_CACHE_LIMIT = 200_000
LONGEST_KEPT = 60


class ChunkTokens:
    """``find`` is the tokeniser (a pattern's ``findall``) for which this holds; tests hold each
    to it. Chunks longer than any word with its punctuation are read each time, not kept, so
    hostile text cannot fill the memory."""

    def __init__(self, find: Callable[[str], list[str]]) -> None:
        self._find = find
        self._known: dict[str, tuple[str, ...]] = {}

    def tokens(self, text: str) -> list[str]:
        """``find(text)``."""
        found: list[str] = []
        known = self._known
        for chunk in text.split():
            tokens = known.get(chunk)
            if tokens is None:
                tokens = self._read(chunk)
            found += tokens
        return found

    def distinct(self, text: str) -> set[str]:
        """``set(find(text))``."""
        found: set[str] = set()
        known = self._known
        for chunk in set(text.split()):
            tokens = known.get(chunk)
            if tokens is None:
                tokens = self._read(chunk)
            found.update(tokens)
        return found

    def _read(self, chunk: str) -> tuple[str, ...]:
        tokens = tuple(self._find(chunk))
        if len(chunk) <= LONGEST_KEPT:
            if len(self._known) >= CHUNK_CACHE_LIMIT:
                self._known.clear()
            self._known[chunk] = tokens
        return tokens
