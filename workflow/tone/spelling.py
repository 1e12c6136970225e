"""Spelling with the Debian hunspell dictionaries, read by the C hunspell library through
pyenchant (Debian's enchant-2 and its hunspell provider); nothing is fetched at run time.

C hunspell loads all four dictionaries in about a second and 60 MB together; the pure-Python
reader used before took 7–11 s and about 420 MB for Turkish alone. Each dictionary is loaded
once per process, on first use, and every word's verdict is cached, so a reviewer's second
check of a letter costs almost nothing. Suggestions are searched among single edits of the
word under a deadline per letter (50 ms): hunspell's own suggestion search takes a quarter of
a second per Turkish word, and no suggestion is better than a slow one.

The work is bounded per word and per letter, whatever the text: a word has at most a few
apostrophes, a run of letters longer than any real word is reported without asking the
dictionary, and suggestions are sought for a fixed number of words per check.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import re
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from babel.numbers import get_currency_name, list_currencies

from workflow.tone.chunks import ChunkTokens
from workflow.tone.findings import Finding, finding
from workflow.tone.lexicon import Lexicon

DEFAULT_DIRECTORY = "/usr/share/hunspell"
SUGGESTION_BUDGET_SECONDS = 0.05
_MAX_SUGGESTIONS = 3
_CACHE_LIMIT = 200_000
_MIN_STEM = 4
_MIN_HEAD = 3
_MAX_ENDINGS = 2
# English is where the loanwords of all four languages come from ("router", "chargeback",
# "рутер"); British spellings ("programme", "tyres") are English too.
ENGLISH_DICTIONARIES = ("en_US", "en_GB")
# Forms a dictionary lacks but a native reader knows, as the ending a word is written with and
# the endings its dictionary form may have instead: Spanish diminutives ("botoncito" of
# "botón", "huequito" of "hueco"), Bulgarian diminutives, articles and plurals ("проблемче",
# "драскотинка", "самоучастието", "рутерът"), Turkish cases, possessives and copulas
# ("onarımlarımız", "kiralamanızı", "güncellemeseydin"), participles and converbs
# ("hizalanmamış", "yağlanmadığı", "güncellemeyerek", "karşılaştırmayacağımıza"). A base is tried only when it keeps
# ``_MIN_STEM`` letters, and the forms found are checked against the dictionary, so a typo stays
# a typo.
DERIVED_ENDINGS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "es": (
        ("s", ("",)),
        ("es", ("",)),
        *((f"{e}{n}", ("", "e")) for e in ("cit", "ecit") for n in ("o", "a", "os", "as")),
        *((f"qu{e}{n}", (f"c{n[0]}",)) for e in ("it", "ill") for n in ("o", "a", "os", "as")),
        *((f"gu{e}{n}", (f"g{n[0]}",)) for e in ("it", "ill") for n in ("o", "a", "os", "as")),
        *((f"{e}{n}", ("o", "a", "e", "")) for e in ("it", "ill") for n in ("o", "a", "os", "as")),
    ),
    "bg": (
        *((ending, ("",)) for ending in ("ът", "ят", "та", "то", "те", "ите", "овете", "ове", "ка", "че", "а", "я")),
        ("ичка", ("а",)),
        ("ички", ("а", "и")),
        ("инка", ("ина",)),
        ("ичко", ("о",)),
        ("енце", ("о", "е")),
    ),
    "tr": tuple(
        (ending, ("",))
        for ending in (
            *("ı", "i", "u", "ü", "yı", "yi", "yu", "yü", "ın", "in", "un", "ün", "nın", "nin", "nun", "nün"),
            *("ımız", "imiz", "umuz", "ümüz", "ınız", "iniz", "unuz", "ünüz", "sınız", "siniz", "sunuz", "sünüz"),
            *("dı", "di", "du", "dü", "tı", "ti", "tu", "tü", "dın", "din", "dun", "dün"),
            *("saydı", "seydi", "saydın", "seydin", "sa", "se", "lar", "ler", "ki"),
            *("mış", "miş", "muş", "müş", "yerek", "yarak", "erek", "arak"),
            *("dığı", "diği", "duğu", "düğü", "tığı", "tiği", "tuğu", "tüğü"),
            *("dıktan", "dikten", "duktan", "dükten", "tıktan", "tikten", "tuktan", "tükten"),
            *("yacak", "yecek", "acak", "ecek", "yacağ", "yeceğ", "acağ", "eceğ"),
            *("ımıza", "imize", "umuza", "ümüze", "ınıza", "inize", "unuza", "ünüze"),
        )
    ),
}
# Prefixes that make new words of known ones, which no dictionary lists in full; a typo in the
# rest of the word is still a typo.
PREFIXES: dict[str, tuple[str, ...]] = {
    "en": ("co", "re", "pre", "non", "over", "under", "self", "multi", "micro", "mini", "eco"),
    "es": ("auto", "re", "des", "sobre", "contra", "co", "super", "anti", "multi", "micro", "mini", "semi"),
    "bg": ("не", "само", "авто", "пре", "пред", "над", "под", "анти", "мини", "супер", "микро", "мулти", "промо"),
    "tr": ("oto", "mini", "süper", "anti", "multi", "mikro"),
}
_STRESSED = str.maketrans("aeiou", "áéíóú")
_UNSTRESSED = str.maketrans("áéíóú", "aeiou")
# How English sounds are written in Cyrillic, read back: the English loanwords Bulgarian spells
# its own way ("интернет", "рутер" for router, "уикенд" for weekend, "ваучер" for voucher) are
# looked up in English in each spelling their letters allow, for words short enough that the
# spellings stay few.
_SOUNDS: dict[str, tuple[str, ...]] = {
    **{cyrillic: (latin,) for cyrillic, latin in zip("бвгдзлмнопрстфх", "bvgdzlmnoprstfh", strict=True)},
    **{"ж": ("zh", "g", "j"), "ц": ("ts", "c"), "ч": ("ch",), "ш": ("sh",), "щ": ("sht",), "ь": ("y",)},
    **{"ю": ("yu", "u"), "я": ("ya",), "й": ("y", "i"), "ъ": ("a", "u", "e"), "а": ("a", "o", "u")},
    **{"е": ("e", "a"), "и": ("i", "ee", "y"), "у": ("u", "ou", "oo", "w"), "к": ("k", "c", "ck")},
}
_MAX_SPELLINGS = 256
MAX_APOSTROPHES = 3
MAX_WORD = 40
MAX_SUGGESTED_WORDS = 30
_FEW_UNKNOWN_WORDS = 20
_MAX_PLACES = 500
_TOKEN = re.compile(
    rf"(?<![\w@./:-])(?<!\w[\"'’”»])[^\W\d_]+(?:['’][^\W\d_]+){{0,{MAX_APOSTROPHES}}}(?![\w@]|[-./:]\w)"
)
_TOKENS = ChunkTokens(_TOKEN.findall)
# Shorthand, not misspellings: a short word written after a number is its unit ("3.000 km",
# "100 см"), one with a full stop after it an abbreviation ("ул. Шипка").
_SHORTHAND = re.compile(r"(?:(?<=\d)|(?<=\d\s))[^\W\d_]{1,3}\b|\b[^\W\d_]{1,3}(?=\.\s)")
MESSAGE = "The {language} dictionary does not know this word."
ENCHANT_PACKAGE = "libenchant-2-2"

if TYPE_CHECKING:
    import enchant


class Speller:
    """One language's dictionary with its verdict and suggestion caches.

    A hunspell handle is not safe to share between threads (a gthread worker serves
    several requests at once), so every call into it holds the speller's lock."""

    def __init__(self, dictionary: enchant.Dict, try_letters: str) -> None:
        self._dictionary = dictionary
        self._calls = threading.Lock()
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, list[str]] = {}
        self._verdicts: dict[str, dict[str, bool]] = {}
        self._letters = [c for c in try_letters if c.isalpha() and c.islower()]

    def verdicts(self, language: str) -> dict[str, bool]:
        """Whether each word met in a language's letters is to be reported, kept for the next
        letter: a word's verdict (with its spelling variants and endings) does not change."""
        found = self._verdicts.setdefault(language, {})
        if len(found) >= _CACHE_LIMIT:
            found.clear()
        return found

    def known(self, word: str) -> bool:
        """False for a word longer than any real one: no dictionary knows it."""
        if len(word) > MAX_WORD:
            return False
        verdict = self._known.get(word)
        if verdict is None:
            if len(self._known) >= _CACHE_LIMIT:
                self._known.clear()
            verdict = self._known[word] = self._lookup(word)
        return verdict

    def _lookup(self, word: str) -> bool:
        with self._calls:
            return bool(self._dictionary.check(word))

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
        found = list(filter(self._known.get, candidates))[:_MAX_SUGGESTIONS]
        if not found:
            for candidate in candidates:
                if time.monotonic() > deadline:
                    return found
                if self._lookup(candidate):
                    found.append(candidate)
                    if len(found) == _MAX_SUGGESTIONS:
                        break
        self._suggestions[word] = found
        return found

    def _single_edits(self, word: str) -> list[str]:
        """Likeliest typing slips first: swapped, doubled or missing letters, then wrong ones."""
        letters = self._letters
        ends = range(len(word))
        return [
            *(word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)),
            *(word[:i] + word[i + 1 :] for i in ends),
            *(word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters),
            *(word[:i] + c + word[i + 1 :] for i in ends for c in letters if c != word[i]),
        ]


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


def start_loading(name: str) -> None:
    """Load a dictionary in a thread while the caller does other work: enchant's C code runs
    without the GIL, so `tactful tone` reads the model and runs the rules meanwhile, and its
    spelling check waits on ``speller_for``'s lock only for what is left of the load."""
    threading.Thread(target=speller_for, args=(name,), daemon=True).start()


def forget_spellers() -> None:
    """Drop loaded dictionaries (after installing one, or in tests)."""
    with _lock:
        _spellers.clear()


def _load(base: Path) -> Speller | None:
    """Imported here, not at the top: a process that never checks spelling (most commands)
    does not pay for loading the C library."""
    dic, aff = base.with_suffix(".dic"), base.with_suffix(".aff")
    if not dic.is_file() or not aff.is_file() or not enchant_installed():
        return None
    import enchant

    with _enchant_looks_in(base.parent):
        try:
            dictionary = enchant.Dict(base.name)
        except enchant.errors.Error:
            return None
    return Speller(dictionary, _try_letters(aff))


def enchant_installed() -> bool:
    """pyenchant refuses to import without Debian's libenchant-2-2 (its C library)."""
    try:
        import enchant  # noqa: F401
    except ImportError:
        return False
    return True


@contextmanager
def _enchant_looks_in(directory: Path) -> Iterator[None]:
    """Enchant finds dictionaries by name in its own folders (the Debian one among them), not
    by path. Another folder is offered as the ``hunspell`` folder of a private enchant
    configuration while the dictionary loads; its folders come before the system's."""
    if directory == Path(DEFAULT_DIRECTORY):
        yield
        return
    before = os.environ.get("ENCHANT_CONFIG_DIR")
    with tempfile.TemporaryDirectory(prefix="tactful-enchant-") as config:
        (Path(config) / "hunspell").symlink_to(directory.resolve(), target_is_directory=True)
        os.environ["ENCHANT_CONFIG_DIR"] = config
        try:
            yield
        finally:
            if before is None:
                del os.environ["ENCHANT_CONFIG_DIR"]
            else:
                os.environ["ENCHANT_CONFIG_DIR"] = before


def _try_letters(aff: Path) -> str:
    """The letters the dictionary's TRY line ranks by frequency: the alphabet of single-letter
    edits. Enchant does not expose the affix file, so its two header lines are read here."""
    encoding = "utf-8"
    with aff.open("rb") as lines:
        for raw in lines:
            key, _, value = raw.strip().partition(b" ")
            if key == b"SET":
                encoding = value.decode("ascii", "replace").strip() or encoding
            elif key == b"TRY":
                return value.decode(encoding, "replace")
    return ""


def missing_note(lexicon: Lexicon) -> str:
    if not enchant_installed():
        return f"Spelling not checked: the enchant library is missing (install the Debian package {ENCHANT_PACKAGE})."
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
    verdicts = speller.verdicts(lexicon.language)
    unknown = set()
    for word in _TOKENS.distinct(text):
        verdict = verdicts.get(word)
        if verdict is None:
            verdict = verdicts[word] = _worth_checking(word, lexicon) and not _accepted(
                word.replace("’", "'"), speller, lexicon
            )
        if verdict:
            unknown.add(word)
    if not unknown:
        return []
    matches = unknown_matches(text, unknown)
    if not matches:
        return []
    deadline = time.monotonic() + SUGGESTION_BUDGET_SECONDS
    in_order = dict.fromkeys(match.group() for match in matches)
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
    ]


def unknown_matches(text: str, unknown: set[str]) -> list[re.Match[str]]:
    """The tokens of the text that are unknown words, in order, shorthand left out."""
    found = _sought(text, unknown) if len(unknown) <= _FEW_UNKNOWN_WORDS else None
    if found is None:
        shorthand = {match.start() for match in _SHORTHAND.finditer(text)}
        found = [m for m in _TOKEN.finditer(text) if m.group() in unknown and m.start() not in shorthand]
    return found


def _sought(text: str, unknown: set[str]) -> list[re.Match[str]] | None:
    """A few unknown words sought where they occur, the token and shorthand patterns tried
    there alone: a token never starts inside another, nor shorthand inside a word (both need
    a character before them that no word holds), so these are the places a scan of the text
    finds, without its two scans (a quarter of a millisecond a letter). None when the words
    occur in more than ``_MAX_PLACES`` places (inside other words of a hostile text): then
    the scans cost less."""
    found: dict[int, re.Match[str]] = {}
    places = 0
    for word in unknown:
        at = text.find(word)
        while at != -1:
            places += 1
            if places > _MAX_PLACES:
                return None
            match = _TOKEN.match(text, at)
            if match and match.group() in unknown and not _SHORTHAND.match(text, at):
                found[at] = match
            at = text.find(word, at + 1)
    return [found[at] for at in sorted(found)]


def _accepted(word: str, speller: Speller, lexicon: Lexicon) -> bool:
    """Known as written, in the spelling the dictionary uses (British "labour" for the US
    dictionary's "labor", Turkish "şikâyet" for "şikayet"), as a form of a known word (a case
    ending, an article, a diminutive: ``DERIVED_ENDINGS``), or as an English word, the source of
    most loanwords, written in Latin letters or in Cyrillic.

    The ending rule is for languages whose dictionary misses long but correct forms (Turkish
    "dikkatsizliğinizden", Bulgarian "проблемче"); it trades a few missed typos for far fewer
    false alarms.
    """
    if speller.known(word):
        return True
    plain = word
    for written, respelt in lexicon.spelling_variants:
        plain = plain.replace(written, respelt)
    if plain != word and speller.known(plain):
        return True
    if word in _currency_words(lexicon.language):
        return True
    bases = _forms(word, lexicon)
    if any(speller.known(base) for base in bases[1:]):
        return True
    return _english(bases, speller) or _compound(word, speller, lexicon)


@functools.cache
def _currency_words(language: str) -> frozenset[str]:
    """The language's names of currencies, which its dictionary may lack ("евро"): Unicode's
    CLDR, through babel, in the singular and plural forms the language writes after a number."""
    return frozenset(
        word
        for code in list_currencies(language)
        for count in (1, 2, 5)
        for word in get_currency_name(code, count, language).lower().split()
    )


def _compound(word: str, speller: Speller, lexicon: Lexicon) -> bool:
    """Two known words written as one ("mouthguard", "туроператор", "шестседмичния"), the
    second in any form the ending rules allow; each part keeps a few letters, so a typo does
    not pass as a word and a scrap of one."""
    for cut in range(_MIN_HEAD, len(word) - _MIN_STEM + 1):
        head, tail = word[:cut], word[cut:]
        if speller.known(head) and any(speller.known(form) for form in _forms(tail, lexicon)):
            return True
    return False


def _english(forms: list[str], speller: Speller) -> bool:
    """Whether an English dictionary knows one of the forms. The British one is loaded only
    for a word the American one does not know: most letters never need its ten megabytes."""
    spellings = [latin for form in forms for latin in _in_latin(form)]
    for name in ENGLISH_DICTIONARIES:
        english = speller_for(name)
        if english is not None and english is not speller and any(map(english.known, spellings)):
            return True
    return False


def _forms(word: str, lexicon: Lexicon) -> list[str]:
    """The word, then the forms it may be made from: without its endings, and without a
    productive prefix ("autocaravana", "reprogramar", "самоучастието", "coworking")."""
    endings = _endings(lexicon)
    forms = [word, *_bases(word, endings, _MAX_ENDINGS)]
    for prefix in PREFIXES.get(lexicon.language, ()):
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= _MIN_STEM:
            forms += [rest, *_bases(rest, endings, _MAX_ENDINGS)]
    return forms


def _in_latin(word: str) -> list[str]:
    """The word itself when it is written in Latin letters, else the Latin spellings of its
    sounds (none when there would be more than ``_MAX_SPELLINGS``)."""
    if not any(letter in _SOUNDS for letter in word):
        return [word]
    options = [_SOUNDS.get(letter, (letter,)) for letter in word]
    if math.prod(map(len, options)) > _MAX_SPELLINGS:
        return []
    return ["".join(spelling) for spelling in itertools.product(*options)]


def _endings(lexicon: Lexicon) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return (*((suffix, ("",)) for suffix in lexicon.spelling_suffixes), *DERIVED_ENDINGS.get(lexicon.language, ()))


def _bases(word: str, endings: tuple[tuple[str, tuple[str, ...]], ...], depth: int) -> Iterator[str]:
    """The forms the word may come from, one or more endings away; a stem that lost its stress
    mark to the ending ("botón", "botoncito") is offered with it too."""
    for ending, replacements in endings:
        if not word.endswith(ending):
            continue
        for replacement in replacements:
            base = word[: -len(ending)] + replacement
            if len(base) < _MIN_STEM:
                continue
            yield base
            yield from _stressed(base)
            if depth > 1:
                yield from _bases(base, endings, depth - 1)


def _stressed(base: str) -> Iterator[str]:
    """The stem with its stress mark put back on any vowel ("teléfono" of "telefonillo"), or
    taken off where an ending put it ("indicar" of "indicárnoslo")."""
    plain = base.translate(_UNSTRESSED)
    if plain != base:
        yield plain
        return
    for i in range(len(base) - 1, -1, -1):
        if base[i] in "aeiou":
            yield base[:i] + base[i].translate(_STRESSED) + base[i + 1 :]


def _worth_checking(word: str, lexicon: Lexicon) -> bool:
    """Capitalised words are taken as names (of people, places, products) and left alone."""
    return len(word) > 1 and word.islower() and word not in lexicon.spelling_ignore
