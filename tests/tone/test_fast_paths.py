"""The tone check's fast paths give what their plain definitions give, on every evaluation
text, the corpus and hostile text: tokens read chunk by chunk from a cache, regexes whose
look-behind follows their first character, and learned findings explained from what scoring
found rather than by featurising the sentence again. Whole checks before and after a speed
change are compared by tests/tone/findings_dump.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from tests.tone.hostile import hostile_text
from workflow.languages import LANGUAGES
from workflow.tone import chunks, corpus, cue_words, spelling, style, text
from workflow.tone import model as model_module
from workflow.tone.chunks import ChunkTokens
from workflow.tone.features import words_of
from workflow.tone.model import Model, model_for

EVAL = Path(__file__).parent / "eval"
ODD = ["", " ", "a", "don't  it’s", "x.\n\n y", "e-mail a@b.c d:e f/g", "ÇAĞ İŞ ıi", "\x1cw\x1fw\u2028x", "a" * 100]


def texts(language: str) -> list[str]:
    items = [item["text"] for path in sorted(EVAL.glob(f"{language}*.json")) for item in json.loads(path.read_text())]
    return items + [example.text for example in corpus.load(language)[::5]] + ODD + [hostile_text(20_000)]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_tokens_read_chunk_by_chunk_are_the_tokenisers(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunks, "CHUNK_CACHE_LIMIT", 500)
    for find in (words_of, spelling._TOKEN.findall):
        cached = ChunkTokens(find)
        for subject in texts(language) * 2:
            folded = text.fold(subject, language)
            assert cached.tokens(folded) == find(folded), subject[:80]
            assert cached.distinct(subject) == set(find(subject)), subject[:80]


PLAIN = {
    "sentence ends": (text._SENTENCE_END, r"(?<![.!?…])[.!?…]+[\"'»”“)\]]*(?=\s|$)|\n[ \t]*\n"),
    "capitals": (style._CAPITALS, f"(?<![\\w-])[{style._UPPER}]{{2,}}(?![\\w-])"),
    "cue capitals": (cue_words._CAPITALS, rf"\b[{cue_words._UPPER}]{{4,}}\b"),
}


@pytest.mark.parametrize("name", list(PLAIN))
def test_a_regex_that_looks_behind_after_its_first_character_matches_as_the_plain_one(name: str) -> None:
    fast, plain = PLAIN[name]
    for language in LANGUAGES:
        for subject in texts(language):
            assert [m.span() for m in fast.finditer(subject)] == [m.span() for m in re.finditer(plain, subject)]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_unknown_words_sought_where_they_occur_are_the_scans_tokens(language: str) -> None:
    inside_words = "zq 3 km " + "zq" * 600 + " zq."
    for subject in [*texts(language), inside_words]:
        words = sorted(set(spelling._TOKEN.findall(subject)))
        for unknown in ({*words[::7][:20]}, {*words[1::3][:20]}, set(words)):
            shorthand = {match.start() for match in spelling._SHORTHAND.finditer(subject)}
            plain = [m.span() for m in spelling._TOKEN.finditer(subject) if m.group() in unknown]
            plain = [span for span in plain if span[0] not in shorthand]
            assert [m.span() for m in spelling.unknown_matches(subject, unknown)] == plain, subject[:80]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_cue_groups_tried_at_their_cues_are_found_as_a_scan_finds_them(language: str) -> None:
    reader = cue_words.CueReader(language)
    endings = [(name, re.compile(pattern)) for name, pattern in cue_words._ENDINGS[language].items()]
    for subject in texts(language):
        folded = text.fold(subject, language)
        starts = re.finditer(cue_words.word_starts(language), folded)
        plain = {match.lastgroup for match in starts if match.lastgroup}
        plain |= {name for name, pattern in endings if pattern.search(folded)}
        assert reader.present(folded) == plain, subject[:80]
        stacked = re.search(r"!{2,}|\?!|!\?", subject) is not None
        assert ("q:exclamations" in cue_words.cue_features(folded, subject, language)) == stacked


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_what_scoring_keeps_for_explanations_is_what_the_featuriser_reads(language: str) -> None:
    model = model_for(language)
    given = [(text.fold(subject, language), subject) for subject in texts(language)[:400]]
    scored = model.score(given)
    for i, (folded, original) in enumerate(given):
        features = model.featuriser.sentence(folded, original)
        assert scored.tokens[i] == features.tokens
        assert scored.spans(i) == features.spans
        assert scored.pair_rows[i] == [model.rows.get(pair) for pair in features.pairs]
        assert set(scored.cues[i]) <= set(features.cues)


def test_a_full_cache_of_word_pairs_starts_again_and_scores_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    given = [(text.fold(subject, "tr"), subject) for subject in texts("tr")[:300]]
    expected = model_for("tr").score(given)
    monkeypatch.setattr(model_module, "PAIR_CACHE_LIMIT", 20)
    fresh = Model(json.loads((Path(model_module.__file__).parent / "model_data" / "tr.json").read_text()))
    again = [fresh.score(given[start : start + 7]) for start in range(0, len(given), 7)]
    np.testing.assert_array_equal(np.vstack([scored.confidence for scored in again]), expected.confidence)
    assert [rows for scored in again for rows in scored.pair_rows] == expected.pair_rows
