"""Every finding of the tone check on every evaluation item, corpus sentence and letter, and on
bench-style letters with typos, as JSON; and the comparison of two such dumps. A change meant
to make the check faster, not different, is proved by dumping with the code before it and
after it and comparing: every field must be equal, the learned layer's confidences within 1e-9.

    PYTHONPATH=/path/to/old/checkout .venv/bin/python tests/tone/findings_dump.py dump old.json
    .venv/bin/python tests/tone/findings_dump.py dump new.json
    .venv/bin/python tests/tone/findings_dump.py compare old.json new.json

The suggestion search runs without its per-letter deadline here, so the dump does not depend on
how busy the machine is; the bench letters are made as ``bench/tone_speed.py`` makes them.
"""

from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "tests" / "tone" / "eval"
LANGUAGE_CODES = ("en", "es", "bg", "tr")
BENCH_LETTERS = 300
TOLERANCE = 1e-9


def _texts(language: str) -> list[dict]:
    """Evaluation items, then corpus sentences and letters, each with how it is checked."""
    from workflow.tone import corpus

    items = [
        {
            "text": item["text"],
            "internal": item.get("internal", []),
            "concession": bool(item.get("concession_offered", False)),
        }
        for path in sorted(EVAL.glob(f"{language}*.json"))
        for item in json.loads(path.read_text(encoding="utf-8"))
    ]
    items += [
        {"text": example.text, "internal": [], "concession": example.concession_offered}
        for example in corpus.load(language)
    ]
    return items


def _bench_letters(language: str) -> list[dict]:
    sys.path.insert(0, str(ROOT / "bench"))
    import tone_speed

    rng = random.Random(7)
    pool = tone_speed.sentence_pool(language)
    letters = [tone_speed.letter(pool, rng, rng.random() < 0.5, language) for _ in range(BENCH_LETTERS)]
    return [{"text": text, "internal": [], "concession": False} for text in letters]


def dump() -> dict:
    import workflow
    from workflow.tone import check, spelling
    from workflow.tone.model import model_for
    from workflow.tone.text import fold, sentences, trimmed

    spelling.SUGGESTION_BUDGET_SECONDS = 3600.0
    found: dict[str, list] = {}
    confidences: dict[str, list] = {}
    for language in LANGUAGE_CODES:
        items = _texts(language) + _bench_letters(language)
        found[language] = [
            [
                {**finding.to_json(), "anchor": finding.anchor}
                for finding in check(
                    item["text"], language, internal_texts=item["internal"], concession_offered=item["concession"]
                ).findings
            ]
            for item in items
        ]
        model = model_for(language)
        pieces = []
        for item in items:
            text = item["text"]
            folded = fold(text, language)
            for start, end in (trimmed(text, *span) for span in sentences(text)):
                if start < end:
                    pieces.append((folded[start:end], text[start:end]))
        confidences[language] = model.score(pieces).confidence.tolist()
    return {"code": workflow.__file__, "findings": found, "confidences": confidences}


def compare(old: dict, new: dict) -> list[str]:
    """What differs, in words; empty when the dumps agree."""
    problems: list[str] = []
    for language in LANGUAGE_CODES:
        before, after = old["findings"][language], new["findings"][language]
        if len(before) != len(after):
            problems.append(f"{language}: {len(before)} items before, {len(after)} after")
            continue
        problems += [
            f"{language} item {i}: {a} != {b}" for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b
        ]
        for i, (a, b) in enumerate(zip(old["confidences"][language], new["confidences"][language], strict=True)):
            if any(not math.isclose(x, y, rel_tol=0, abs_tol=TOLERANCE) for x, y in zip(a, b, strict=True)):
                problems.append(f"{language} confidence {i}: {a} != {b}")
    return problems


def main() -> None:
    command, *paths = sys.argv[1:]
    if command == "dump":
        Path(paths[0]).write_text(json.dumps(dump(), ensure_ascii=False), encoding="utf-8")
        return
    old, new = (json.loads(Path(path).read_text(encoding="utf-8")) for path in paths)
    problems = compare(old, new)
    findings = sum(len(item) for language in LANGUAGE_CODES for item in new["findings"][language])
    items = sum(len(new["findings"][language]) for language in LANGUAGE_CODES)
    print(f"{old['code']} vs {new['code']}: {items} texts, {findings} findings, {len(problems)} differences")
    for problem in problems[:20]:
        print(problem)
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
