"""The comparison document: real Word tracked changes for exactly the changed words."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime
from io import BytesIO

import docx
import pytest
from docx.oxml.ns import qn

from workflow.documents import compare_versions
from workflow.documents.diff import word_diff
from workflow.documents.samples import SAMPLE_BODIES

WHEN = datetime(2026, 3, 7, 10, 30, tzinfo=UTC)


def _body(old: str, new: str):
    raw = compare_versions(old, new, title="TL-2026-00001: version 1 → version 2", author="Lex & Co", when=WHEN)
    return docx.Document(BytesIO(raw)).element.body


def _marked(body, tag: str) -> list[str]:
    text = "w:delText" if tag == "w:del" else "w:t"
    return [
        "".join(t.text for t in mark.iter(qn(text)))
        for mark in body.iter(qn(tag))
        if mark.getparent().tag != qn("w:rPr")
    ]


def _resolve(body, keep: str) -> str:
    """The text Word shows after Accept All (keep="ins") or Reject All (keep="del")."""
    body = copy.deepcopy(body)
    drop = "w:del" if keep == "ins" else "w:ins"
    paragraphs = list(body.iter(qn("w:p")))[2:]  # after the heading and the explanation
    lines: list[str] = []
    joined = False
    for p in paragraphs:
        for mark in list(p.iter(qn(drop))):
            if mark.getparent().tag != qn("w:rPr"):
                mark.getparent().remove(mark)
        text = "".join(
            t.text or "" if t.tag != qn("w:tab") else "\t" for t in p.iter(qn("w:t"), qn("w:delText"), qn("w:tab"))
        )
        lines[-1:] = [lines[-1] + text] if joined else lines[-1:] + [text]
        joined = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn(drop)}") is not None
    return "\n".join(lines)


def test_changed_words_are_exactly_the_insertions_and_deletions():
    body = _body("We cannot refund the full amount today.", "We cannot refund the balance today, sorry.")
    assert _marked(body, "w:del") == ["full amount"]
    assert _marked(body, "w:ins") == ["balance", ", sorry"]


def test_marks_carry_author_date_and_unique_ids():
    body = _body("one two three", "one 2 three four")
    marks = list(body.iter(qn("w:ins"))) + list(body.iter(qn("w:del")))
    assert {m.get(qn("w:author")) for m in marks} == {"Lex & Co"}
    assert {m.get(qn("w:date")) for m in marks} == {"2026-03-07T10:30:00Z"}
    ids = [m.get(qn("w:id")) for m in marks]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("a b c", "a x c"),
        ("first\n\nsecond", "first\n\nnew middle\n\nsecond"),
        ("one paragraph\n\nanother one", "one paragraph another one"),
        ("tab\there & <there>", 'tab\tthere & "everywhere"'),
        ("", "all new"),
        ("all gone", ""),
        *[
            (SAMPLE_BODIES[lang], SAMPLE_BODIES[lang].replace("12", "21").replace("\n\n", "\n", 1) + " P.S.")
            for lang in SAMPLE_BODIES
        ],
    ],
)
def test_accept_all_gives_the_new_text_and_reject_all_the_old(old: str, new: str):
    body = _body(old, new)
    assert _resolve(body, "ins") == new
    assert _resolve(body, "del") == old


def test_unchanged_versions_have_no_marks():
    body = _body(SAMPLE_BODIES["bg"], SAMPLE_BODIES["bg"])
    assert not list(body.iter(qn("w:ins"))) and not list(body.iter(qn("w:del")))


def test_word_diff_pieces_rebuild_both_texts():
    old, new = SAMPLE_BODIES["es"], re.sub(r"reserva", "compra", SAMPLE_BODIES["es"])
    pieces = word_diff(old, new)
    assert "".join(p.old for p in pieces) == old and "".join(p.new for p in pieces) == new
