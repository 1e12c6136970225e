"""Trying a rule only at its cues must find exactly what trying it everywhere finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workflow.tone import lexicon_for
from workflow.tone.cues import CuedPattern, CueIndex, Words
from workflow.tone.text import fold

EVAL = Path(__file__).parent / "eval"


def texts(language: str) -> list[str]:
    return [item["text"] for path in sorted(EVAL.glob(f"{language}*.json")) for item in json.loads(path.read_text())]


def starts_everywhere(pattern: CuedPattern, folded: str) -> set[int]:
    return {i for i in range(len(folded) + 1) if pattern.pattern.match(folded, i)}


def every_pattern(language: str) -> list[CuedPattern]:
    lexicon = lexicon_for(language)
    return [rule.pattern for rule in lexicon.phrases] + [
        lexicon.thanks,
        lexicon.availability,
        lexicon.refusal,
        lexicon.reasons,
        lexicon.concession,
        lexicon.goodwill,
        lexicon.no_fault,
    ]


@pytest.mark.parametrize("language", ["en", "es", "bg", "tr"])
def test_cued_matches_equal_exhaustive_matches_on_the_evaluation_set(language: str) -> None:
    lexicon = lexicon_for(language)
    everything = every_pattern(language)
    patterns = [pattern for pattern in everything if pattern.cues is not None]
    assert len(patterns) >= len(everything) - 2
    for text in texts(language):
        folded = fold(text, language)
        searched, indexed = Words(folded), Words(folded, lexicon.cue_index)
        for pattern in patterns:
            everywhere = starts_everywhere(pattern, folded)
            assert {m.start() for m in pattern.finditer(searched)} == everywhere, (pattern.pattern.pattern, text)
            assert {m.start() for m in pattern.finditer(indexed)} == everywhere, (pattern.pattern.pattern, text)


@pytest.mark.parametrize("language", ["en", "es", "bg", "tr"])
def test_patterns_without_cues_find_what_a_scan_finds_on_the_evaluation_set(language: str) -> None:
    lexicon = lexicon_for(language)
    patterns = [pattern for pattern in every_pattern(language) if pattern.cues is None]
    assert patterns and all(pattern.required for pattern in patterns)
    for text in texts(language):
        folded = fold(text, language)
        indexed = Words(folded, lexicon.cue_index)
        for pattern in patterns:
            found = [m.span() for m in pattern.finditer(indexed)]
            assert found == [m.span() for m in pattern.pattern.finditer(folded)], (pattern.pattern.pattern, text)


def test_a_pattern_without_cues_is_scanned_only_where_a_string_every_match_holds_occurs() -> None:
    pattern = CuedPattern(r"\b\w+(?:meniz|manız) gerekirdi\b|\b\w+(?:meliydiniz|malıydınız)\b")
    assert pattern.required == {"meniz gerekirdi", "manız gerekirdi", "meliydiniz", "malıydınız"}
    index = CueIndex([pattern])
    assert [m.group() for m in pattern.finditer(Words("bize yazmanız gerekirdi", index))] == ["yazmanız gerekirdi"]
    assert not list(pattern.finditer(Words("bize yazmanız gerekmezdi", index)))


def test_cues_are_literal_beginnings_of_every_alternative() -> None:
    pattern = CuedPattern(r"\bwe(?: hereby)? admit\b|\b(?:our|my) (?:fault|error)\b")
    assert pattern.cues == ("my error", "my fault", "our error", "our fault", "we admit", "we hereby admit")


def test_a_pattern_without_a_literal_beginning_is_scanned() -> None:
    pattern = CuedPattern(r"\b\w+(?:meniz|manız) gerekirdi\b")
    assert pattern.cues is None
    assert [m.group() for m in pattern.finditer(Words("bize yazmanız gerekirdi"))] == ["yazmanız gerekirdi"]
