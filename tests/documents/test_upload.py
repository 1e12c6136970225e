"""The upload gate: every hostile or unsuitable file is refused, quickly, with its own sentence."""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Callable
from io import BytesIO

import pytest

from tests.documents.helpers import read_part, with_parts
from workflow.documents import DocumentKind, read_upload, render_document
from workflow.documents.samples import SAMPLE_BODIES, sample_context
from workflow.errors import InvalidInput

GIB = 1024 * 1024 * 1024
MIB = 1024 * 1024
DOC = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"


@pytest.fixture(scope="module")
def good() -> bytes:
    return render_document(DocumentKind.DRAFT, sample_context(DocumentKind.DRAFT))


@pytest.fixture(scope="module")
def zip_bomb(good: bytes) -> bytes:
    """A real document plus one part that unpacks to 1 GiB of zeros (about 1 MB on disk)."""
    out = BytesIO(good)
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/image9.png", "w", force_zip64=True) as part,
    ):
        chunk = bytes(MIB)
        for _ in range(GIB // MIB):
            part.write(chunk)
    return out.getvalue()


def _in_body(raw: bytes, fragment: str) -> bytes:
    xml = read_part(raw, DOC)
    return with_parts(raw, {DOC: xml.replace("<w:body>", f"<w:body>{fragment}", 1).encode()})


def _relationship(raw: bytes, rel: str) -> bytes:
    xml = read_part(raw, RELS)
    return with_parts(raw, {RELS: xml.replace("</Relationships>", f"{rel}</Relationships>").encode()})


def _main_type(raw: bytes, content_type: str) -> bytes:
    xml = read_part(raw, TYPES)
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    return with_parts(raw, {TYPES: xml.replace(main, content_type).encode()})


def _repeated(size: int) -> bytes:
    """Data that deflates about 60:1: under the ratio limit, over the size limits."""
    block = os.urandom(1024).hex().encode()[:1024]
    return (block * (size // len(block) + 1))[:size]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HOSTILE: dict[str, tuple[Callable[[bytes], bytes], str, str]] = {
    "not a zip": (lambda g: b"%PDF-1.7\n" + bytes(100), "x.docx", "not a zip archive"),
    "over 10 MB": (lambda g: os.urandom(10 * MIB + 1), "x.docx", "limited to 10.0 MB"),
    "not .docx": (lambda g: g, "letter.pdf", "Only Word documents (.docx)"),
    ".docm name": (lambda g: g, "letter.docm", "macro-enabled Word file"),
    "parent name": (lambda g: with_parts(g, add={"../../etc/evil.xml": b"<a/>"}), "x.docx", "“../../etc/evil.xml”"),
    "absolute name": (lambda g: with_parts(g, add={"/etc/evil.xml": b"<a/>"}), "x.docx", "“/etc/evil.xml”"),
    "too many parts": (
        lambda g: with_parts(g, add={f"customXml/i{i}.bin": b"" for i in range(1001)}),
        "x.docx",
        "1000 a Word document needs",
    ),
    "compression ratio": (
        lambda g: with_parts(g, add={"word/media/image8.png": bytes(40 * MIB)}),
        "x.docx",
        "compressed",
    ),
    "huge xml": (
        lambda g: with_parts(g, add={"word/big.xml": _repeated(20 * MIB)}),
        "x.docx",
        "text and layout parts unpack to",
    ),
    "no content types": (lambda g: with_parts(g, {TYPES: None}), "x.docx", "no [Content_Types].xml"),
    "wrong content type": (
        lambda g: _main_type(g, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        "x.docx",
        "its main part has content type",
    ),
    "docm content type": (
        lambda g: _main_type(g, "application/vnd.ms-word.document.macroEnabled.main+xml"),
        "x.docx",
        "macro-enabled Word document (.docm content type)",
    ),
    "vbaProject.bin": (
        lambda g: with_parts(g, add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
        "x.docx",
        "contains macros (vbaProject.bin)",
    ),
    "ActiveX": (lambda g: with_parts(g, add={"word/activeX/activeX1.xml": b"<ax/>"}), "x.docx", "ActiveX"),
    "embedded object": (
        lambda g: with_parts(g, add={"word/embeddings/oleObject1.bin": b"\xd0\xcf"}),
        "x.docx",
        "embedded object (“word/embeddings/oleObject1.bin”)",
    ),
    "oleObject relationship": (
        lambda g: _relationship(
            g,
            '<Relationship Id="rId99" Type="http://schemas.openxml'
            'formats.org/officeDocument/2006/relationships/oleObject"'
            ' Target="embeddings/x.bin"/>',
        ),
        "x.docx",
        "embedded object (“embeddings/x.bin”)",
    ),
    "external relationship": (
        lambda g: _relationship(
            g,
            '<Relationship Id="rId98" Type="http://schemas.openxml'
            'formats.org/officeDocument/2006/relationships/image" '
            'Target="http://tracker.example/p.png" '
            'TargetMode="External"/>',
        ),
        "x.docx",
        "outside resource (image: “http://tracker.example/p.png”)",
    ),
    "entity expansion": (
        lambda g: with_parts(g, {DOC: b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'}),
        "x.docx",
        "declares a DTD or XML entities",
    ),
    "broken xml": (lambda g: with_parts(g, {DOC: b"<w:document"}), "x.docx", "not well-formed XML"),
    "tracked changes": (
        lambda g: _in_body(
            g,
            '<w:p><w:ins w:id="1" w:author="L" w:date="2026-01-01T00:00:00Z">'
            "<w:r><w:t>secret</w:t></w:r></w:ins></w:p>",
        ),
        "x.docx",
        "has tracked changes. Accept or reject",
    ),
    "comments": (
        lambda g: _in_body(g, '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>x</w:t></w:r></w:p>'),
        "x.docx",
        "has comments",
    ),
    "no text": (
        lambda g: with_parts(g, {DOC: f"<w:document {W}><w:body><w:p/></w:body></w:document>".encode()}),
        "x.docx",
        "holds no letter text",
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_each_hostile_upload_is_refused_quickly_with_its_own_message(case: str, good: bytes):
    make, filename, expected = HOSTILE[case]
    raw = make(good)
    started = time.process_time()  # CPU time: other test runs sharing the machine do not count
    with pytest.raises(InvalidInput) as refused:
        read_upload(raw, filename)
    assert time.process_time() - started < 1.0
    assert expected in refused.value.message


def test_every_refusal_says_something_different(good: bytes):
    messages = set()
    for make, filename, _ in HOSTILE.values():
        with pytest.raises(InvalidInput) as refused:
            read_upload(make(good), filename)
        messages.add(refused.value.message)
    assert len(messages) == len(HOSTILE)


def test_a_one_megabyte_file_holding_a_gibibyte_is_refused_from_the_directory(zip_bomb: bytes):
    assert len(zip_bomb) < 2 * MIB
    started = time.process_time()
    with pytest.raises(InvalidInput, match="zip bomb"):
        read_upload(zip_bomb, "bomb.docx")
    assert time.process_time() - started < 0.1


def _central_entry(raw: bytes, name: str) -> int:
    position = raw.find(b"PK\x01\x02")
    while (
        raw[position + 46 : position + 46 + int.from_bytes(raw[position + 28 : position + 30], "little")]
        != name.encode()
    ):
        position = raw.find(b"PK\x01\x02", position + 4)
    return position


def test_a_directory_that_understates_a_part_is_refused(good: bytes):
    """document.xml declared as 100 bytes: reading stops there and the checksum gives it away."""
    patched = bytearray(good)
    local = zipfile.ZipFile(BytesIO(good)).getinfo(DOC).header_offset
    for offset in (local + 22, _central_entry(good, DOC) + 24):
        patched[offset : offset + 4] = (100).to_bytes(4, "little")
    with pytest.raises(InvalidInput, match="cannot be unpacked; the file is damaged"):
        read_upload(bytes(patched), "x.docx")


@pytest.mark.parametrize("language", SAMPLE_BODIES)
def test_a_clean_edited_copy_gives_the_letter_text(language: str):
    raw = render_document(DocumentKind.DRAFT, sample_context(DocumentKind.DRAFT, language))
    assert read_upload(raw, "Edited copy.DOCX") == SAMPLE_BODIES[language]


def test_a_plain_document_without_our_bookmark_gives_all_its_paragraphs():
    import docx

    document = docx.Document()
    document.add_paragraph("First & <one>")
    document.add_paragraph("Second")
    out = BytesIO()
    document.save(out)
    assert read_upload(out.getvalue(), "plain.docx") == "First & <one>\n\nSecond"
