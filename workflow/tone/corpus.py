"""The labelled corpus the learned layer is built from, and its fixed split.

``corpus/<language>.jsonl`` holds sentences and ``corpus/<language>-letters.jsonl`` whole
letters, one JSON object a line: ``text``, ``labels`` (phrase categories, empty when clean),
``topic``, for letters ``concession_offered``, and ``source`` (``round3`` …) on sentences first
written blind for an evaluation round and learned once it was run. Each item's split follows from the
SHA-256 of its normalised text, 70 % train, 15 % development, 15 % test, so adding lines
never moves an old one to another split and the test split is never seen while building.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"

Split = Literal["train", "dev", "test"]
Kind = Literal["sentence", "letter"]
_TRAIN_PERCENT = 70
_DEV_PERCENT = 15


@dataclass(frozen=True)
class Example:
    text: str
    labels: frozenset[str]
    kind: Kind
    topic: str = ""
    concession_offered: bool = False
    source: str = ""

    @property
    def blind(self) -> bool:
        """Written by someone who saw neither the corpus nor the model: the closest the corpus
        comes to the letters the check has not seen."""
        return self.source.startswith("round")

    @property
    def split(self) -> Split:
        return split_of(self.text)


def split_of(text: str) -> Split:
    normalised = " ".join(text.split()).casefold()
    bucket = int.from_bytes(hashlib.sha256(normalised.encode("utf-8")).digest()[:8], "big") % 100
    if bucket < _TRAIN_PERCENT:
        return "train"
    return "dev" if bucket < _TRAIN_PERCENT + _DEV_PERCENT else "test"


def load(language: str, folder: Path = CORPUS_DIR) -> list[Example]:
    """Every sentence and letter of a language, in file order; missing files are an empty corpus."""
    return [*_read(folder / f"{language}.jsonl", "sentence"), *_read(folder / f"{language}-letters.jsonl", "letter")]


def _read(path: Path, kind: Kind) -> list[Example]:
    if not path.is_file():
        return []
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        examples.append(
            Example(
                text=item["text"],
                labels=frozenset(item.get("labels", ())),
                kind=kind,
                topic=item.get("topic", ""),
                concession_offered=bool(item.get("concession_offered", False)),
                source=item.get("source", ""),
            )
        )
    return examples
