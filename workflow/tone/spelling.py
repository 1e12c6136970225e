"""Spelling with the Debian hunspell dictionaries, read by spylls, nothing fetched at run time.

Each dictionary is loaded once per process, on first use, and every word's verdict is
cached, so a reviewer's second check of a letter costs almost nothing. Suggestions are
searched among single edits of the word under a deadline per letter (50 ms): no suggestion
is better than a slow one (spylls's own n-gram search can take a second per word).

The work is bounded per word and per letter, whatever the text: a word has at most a few
apostrophes, a run of letters longer than any real word is reported without asking the
dictionary (spylls's affix search grows faster than the word), and suggestions are sought
for a fixed number of words per check.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from workflow.tone.findings import Finding, finding
from workflow.tone.lexicon import Lexicon

if TYPE_CHECKING:
    from spylls.hunspell import Dictionary

DEFAULT_DIRECTORY = "/usr/share/hunspell"
SUGGESTION_BUDGET_SECONDS = 0.05
_MAX_SUGGESTIONS = 3
_CACHE_LIMIT = 200_000
_MIN_STEM = 4
_MAX_ENDINGS = 2
MAX_APOSTROPHES = 3
MAX_WORD = 40
MAX_SUGGESTED_WORDS = 30
_TOKEN = re.compile(rf"(?<![\w@./:-])[^\W\d_]+(?:['’][^\W\d_]+){{0,{MAX_APOSTROPHES}}}(?![\w@]|[-./:]\w)")
MESSAGE = "The {language} dictionary does not know this word."


class Speller:
    """One language's dictionary with its verdict and suggestion caches."""

    def __init__(self, dictionary: Dictionary) -> None:
        self._dictionary = dictionary
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, list[str]] = {}
        self._try = dictionary.aff.TRY or ""

    def known(self, word: str) -> bool:
        """False for a word longer than any real one: no dictionary knows it."""
        if len(word) > MAX_WORD:
            return False
        verdict = self._known.get(word)
        if verdict is None:
            if len(self._known) >= _CACHE_LIMIT:
                self._known.clear()
            verdict = self._known[word] = bool(self._dictionary.lookup(word))
        return verdict

    def suggest(self, word: str, deadline: float) -> list[str]:
        """Single edits of the word that are words: first among the words this process has
        already met in letters (a business's letters share their vocabulary, and a set lookup
        is free), then in the dictionary until the deadline. A search cut short is not cached,
        so a later check with time to spare can complete it."""
        if word in self._suggestions:
            return self._suggestions[word]
        if len(word) > MAX_WORD or time.monotonic() > deadline:
            return []
        candidates = list(dict.fromkeys(self._single_edits(word)))
        found = [candidate for candidate in candidates if self._known.get(candidate)][:_MAX_SUGGESTIONS]
        if not found:
            for candidate in candidates:
                if time.monotonic() > deadline:
                    return found
                if self._dictionary.lookup(candidate):
                    found.append(candidate)
                    if len(found) == _MAX_SUGGESTIONS:
                        break
        self._suggestions[word] = found
        return found

    def _single_edits(self, word: str) -> Iterator[str]:
        """Likeliest typing slips first: swapped, doubled or missing letters, then wrong ones."""
        letters = [c for c in self._try if c.isalpha() and c.islower()]
        for i in range(len(word) - 1):
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word)):
            yield word[:i] + word[i + 1 :]
        for i in range(len(word) + 1):
            for c in letters:
                yield word[:i] + c + word[i:]
        for i in range(len(word)):
            for c in letters:
                if c != word[i]:
                    yield word[:i] + c + word[i + 1 :]


_spellers: dict[str, Speller | None] = {}
_lock = threading.Lock()


def dictionary_directory() -> Path:
    return Path(os.environ.get("TACTFUL_HUNSPELL_DIR", DEFAULT_DIRECTORY))


def speller_for(name: str) -> Speller | None:
    """The process-wide speller for a dictionary name such as "en_US", or None if not installed."""
    with _lock:
        if name not in _spellers:
            _spellers[name] = _load(dictionary_directory() / name)
        return _spellers[name]


def forget_spellers() -> None:
    """Drop loaded dictionaries (after installing one, or in tests)."""
    with _lock:
        _spellers.clear()


def _load(base: Path) -> Speller | None:
    if not base.with_suffix(".dic").is_file() or not base.with_suffix(".aff").is_file():
        return None
    from spylls.hunspell import Dictionary

    return Speller(Dictionary.from_files(str(base)))


def missing_note(lexicon: Lexicon) -> str:
    path = dictionary_directory() / f"{lexicon.dictionary}.dic"
    package = f"hunspell-{lexicon.dictionary.split('_')[0]}" + ("-us" if lexicon.language == "en" else "")
    return f"Spelling not checked: no dictionary at {path} (install the Debian package {package})."


def spelling_findings(text: str, lexicon: Lexicon, language_name: str) -> list[Finding] | None:
    """Unknown words, or None when the language's dictionary is not installed. Suggestions
    go to the first `MAX_SUGGESTED_WORDS` unknown words only: a text of thousands of odd
    words would otherwise search edits for each."""
    speller = speller_for(lexicon.dictionary)
    if speller is None:
        return None
    matches = list(_TOKEN.finditer(text))
    unknown = {
        word
        for word in {match.group() for match in matches}
        if _worth_checking(word, lexicon) and not _accepted(word.replace("’", "'"), speller, lexicon)
    }
    if not unknown:
        return []
    deadline = time.monotonic() + SUGGESTION_BUDGET_SECONDS
    in_order = dict.fromkeys(match.group() for match in matches if match.group() in unknown)
    suggestions = {
        word: ", ".join(speller.suggest(word.replace("’", "'"), deadline))
        for word in list(in_order)[:MAX_SUGGESTED_WORDS]
    }
    return [
        finding(
            text,
            f"{lexicon.language}.spelling.unknown_word",
            "spelling",
            match.span(),
            MESSAGE.format(language=language_name),
            suggestions.get(match.group(), ""),
        )
        for match in matches
        if match.group() in unknown
    ]


def _accepted(word: str, speller: Speller, lexicon: Lexicon) -> bool:
    """Known as written, in the spelling the dictionary uses (British "labour" for the US
    dictionary's "labor", Turkish "şikâyet" for "şikayet"), or as a known stem plus a case ending.

    The ending rule is for agglutinative languages whose dictionary misses long but
    correct forms (Turkish "dikkatsizliğinizden"); it trades a few missed typos for
    far fewer false alarms.
    """
    if speller.known(word):
        return True
    plain = word
    for written, respelt in lexicon.spelling_variants:
        plain = plain.replace(written, respelt)
    if plain != word and speller.known(plain):
        return True
    return _known_stem(word, speller, lexicon.spelling_suffixes, _MAX_ENDINGS)


def _known_stem(word: str, speller: Speller, suffixes: tuple[str, ...], depth: int) -> bool:
    for suffix in suffixes:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < _MIN_STEM:
            continue
        if speller.known(stem) or (depth > 1 and _known_stem(stem, speller, suffixes, depth - 1)):
            return True
    return False


def _worth_checking(word: str, lexicon: Lexicon) -> bool:
    """Capitalised words are taken as names (of people, places, products) and left alone."""
    return len(word) > 1 and word.islower() and word not in lexicon.spelling_ignore
