"""Letters per second through the tone check, spelling on, one core (English unless asked);
the cold start of `tactful tone FILE`; the load time and memory of the four dictionaries;
the time to check one 200 KB text.

Letters of about 300 words are drawn from the sentences of the labelled evaluation set (clean
and risky ones) with varied names, amounts and order references, so the word cache sees new
words as a server would. A share of letters carries one fresh typo, which costs a suggestion
search under the per-letter deadline. About half the pool's sentences are risky, far more than
a real draft holds, so the figure is pessimistic. The pool repeats its sentences, so nothing
the check keeps between letters is keyed on a sentence: its caches hold words (the model's word
table and pairs of neighbouring words, spelling verdicts and suggestions) and chunks between
white space (the tokens read from them), and every sentence of every letter is scored and its
cues read again. The dictionary is loaded before timing. Rates are measured in CPU time of this
one process, which is what "per second on one core" means and keeps other work on a shared
machine out of the figure; wall-clock rates are reported beside them. The floor is one pass of
a single precompiled regex over the same letters: the least any check that reads every
character must cost. `adversarial_200kb_cpu_seconds` is one check of 200 KB of hostile text
(odd words, runs without spaces, stacked marks, repeated risky phrases): the check's work is
bounded per word and per run, so it stays about a second at most.

The cold start is the wall time of the installed `tactful tone FILE --lang LANG` on one
letter, a new process each time (the best of three, so a neighbour's burst on a shared
machine does not count; all three are printed). The dictionaries are loaded in a fresh
process too, so their time and RSS growth are theirs alone (each language's rules are compiled
before the clock starts); then, from that process's start, all four languages are made ready
to check (rules, models, dictionaries and a first check each), as a server does at start.

Targets (issue 13, item 8): 500 letters/s, cold start under 1.5 s, the four dictionaries
under 2 s and 100 MB together, a 200 KB text under 1 s.

Run: .venv/bin/python bench/tone_speed.py [LETTERS] [TYPO_SHARE] [LANGUAGE]
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workflow.letters.starter import PHRASES
from workflow.money import Money
from workflow.tone import check, lexicon_for
from workflow.tone.spelling import speller_for

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "tone" / "eval"
WORDS_PER_LETTER = 300
FLOOR_PATTERN = re.compile(r"\b(?:obviously|guarantee|fault)\b")
BIG_TEXT_BYTES = 200_000
COLD_STARTS = 3
DICTIONARIES = ("en", "es", "bg", "tr")
# Run in a fresh interpreter: RSS before and after loading the four dictionaries, and the time;
# then the same from the start for all four languages ready (rules, models, dictionaries, a check each).
LOAD_PROBE = """
import json, time
from workflow.tone import check, lexicon_for
from workflow.tone.spelling import speller_for

def rss_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024

first, begun = rss_mb(), time.perf_counter()
names = [lexicon_for(language).dictionary for language in {languages!r}]
before, started = rss_mb(), time.perf_counter()
loaded = [speller_for(name) is not None for name in names]
seconds, grown = time.perf_counter() - started, rss_mb() - before
for language in {languages!r}:
    check("Thank you for your order.", language)
print(json.dumps({{
    "seconds": seconds, "rss_mb": grown, "all": all(loaded),
    "ready_seconds": time.perf_counter() - begun, "ready_rss_mb": rss_mb() - first,
}}))
"""


def sentence_pool(language: str) -> list[str]:
    paths = sorted(EVAL.glob(f"{language}*.json"))
    items = [item for path in paths for item in json.loads(path.read_text(encoding="utf-8"))]
    return [item["text"] for item in items if item["kind"] == "sentence" and "spelling" not in item["expect"]]


def with_typo(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    long_words = [i for i, w in enumerate(words) if w.isalpha() and w.islower() and len(w) > 5]
    if not long_words:
        return sentence
    i = rng.choice(long_words)
    j = rng.randrange(len(words[i]) - 1)
    word = words[i]
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


def letter(pool: list[str], rng: random.Random, typo: bool, language: str) -> str:
    body: list[str] = []
    while sum(len(s.split()) for s in body) < WORDS_PER_LETTER - 30:
        body.append(rng.choice(pool))
    if typo:
        body[-1] = with_typo(body[-1], rng)
    phrases = PHRASES[language]
    amount = Money(rng.choice(["USD", "EUR", "BGN", "TRY"]), rng.randrange(5_000, 500_000)).format(language)
    request = phrases.request_with_reference.format(amount=amount, reference=f"AB-{rng.randrange(10_000, 99_999)}")
    return "\n\n".join(
        [
            phrases.thanks.format(company="Brightside"),
            request + " " + " ".join(body),
            phrases.questions,
            phrases.hope,
        ]
    )


def rates(run: Callable[[str], object], letters: list[str]) -> tuple[float, float]:
    """Letters per second of CPU time and of wall-clock time."""
    cpu, wall = time.process_time(), time.perf_counter()
    for text in letters:
        run(text)
    return len(letters) / (time.process_time() - cpu), len(letters) / (time.perf_counter() - wall)


def cold_starts(text: str, language: str) -> list[float]:
    """Wall seconds of `tactful tone FILE` in new processes, as a team's pre-commit hook runs it."""
    tactful = Path(sys.executable).with_name("tactful")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "letter.txt"
        path.write_text(text, encoding="utf-8")
        seconds = []
        for _ in range(COLD_STARTS):
            started = time.perf_counter()
            finished = subprocess.run([str(tactful), "tone", str(path), "--lang", language], capture_output=True)
            seconds.append(time.perf_counter() - started)
            if finished.returncode not in (0, 1):
                raise SystemExit(f"tactful tone failed: {finished.stderr.decode(errors='replace')}")
    return seconds


def dictionaries_load() -> dict[str, float]:
    """Seconds and RSS growth (MB) of loading the four dictionaries in a fresh process, and of
    making all four languages ready to check (their rules, models and dictionaries)."""
    probe = LOAD_PROBE.format(languages=DICTIONARIES)
    result = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True).stdout)
    if not result["all"]:
        raise SystemExit("A dictionary is missing: run scripts/system-packages.sh run as root.")
    return result


def big_text(pool: list[str], rng: random.Random, language: str) -> str:
    letters: list[str] = []
    while sum(len(text.encode()) for text in letters) < BIG_TEXT_BYTES:
        letters.append(letter(pool, rng, rng.random() < 0.2, language))
    return "\n\n".join(letters)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    typo_share = float(sys.argv[2]) if len(sys.argv) > 2 else 0.05
    language = sys.argv[3] if len(sys.argv) > 3 else "en"
    rng = random.Random(4)
    pool = sentence_pool(language)
    letters = [letter(pool, rng, rng.random() < typo_share, language) for _ in range(count)]
    words = sum(len(text.split()) for text in letters) / count

    starts = cold_starts(letters[0], language)
    loading = dictionaries_load()
    speller_for(lexicon_for(language).dictionary)
    big = big_text(pool, random.Random(5), language)
    started = time.perf_counter()
    check(big, language)
    big_seconds = time.perf_counter() - started

    ours, ours_wall = rates(lambda text: check(text, language), letters)
    floor, floor_wall = rates(FLOOR_PATTERN.findall, letters)
    sys.path.insert(0, str(ROOT))
    from tests.tone.hostile import hostile_text

    hostile = hostile_text(200_000)
    started = time.process_time()
    check(hostile, language)
    hostile_seconds = time.process_time() - started

    print(f"{count} letters of {words:.0f} words, {typo_share:.0%} with a fresh typo: {ours:.0f} letters/s")
    print(f"cold start of tactful tone FILE --lang {language}: {', '.join(f'{s:.2f}' for s in starts)} s")
    print(f"four dictionaries ({', '.join(DICTIONARIES)}): {loading['seconds']:.2f} s, {loading['rss_mb']:.0f} MB RSS")
    print(f"four languages ready: {loading['ready_seconds']:.2f} s, {loading['ready_rss_mb']:.0f} MB RSS")
    print(f"one text of {len(big.encode()) // 1000} KB: {big_seconds:.2f} s")
    print(
        json.dumps(
            {
                "bench": "tone_speed",
                "ours": round(ours, 1),
                "floor": round(floor, 1),
                "ratio": round(ours / floor, 4),
                "unit": "letters/s",
                "cold_start_s": round(min(starts), 2),
                "dictionaries_load_s": round(loading["seconds"], 2),
                "dictionaries_rss_mb": round(loading["rss_mb"], 1),
                "languages_ready_s": round(loading["ready_seconds"], 2),
                "languages_ready_rss_mb": round(loading["ready_rss_mb"], 1),
                "big_text_s": round(big_seconds, 2),
                "big_text_kb": len(big.encode()) // 1000,
                "floor_what": "one pass of a single precompiled regex (three words) over the same letters",
                "language": language,
                "spelling": True,
                "letters": count,
                "words_per_letter": round(words),
                "typo_share": typo_share,
                "clock": "process CPU time",
                "ours_wall": round(ours_wall, 1),
                "floor_wall": round(floor_wall, 1),
                "target": 500,
                "adversarial_200kb_cpu_seconds": round(hostile_seconds, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
