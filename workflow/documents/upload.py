"""The gate every Word file handed back passes before any parser sees it, and the letter
text read from it afterwards.

A .docx is a zip of XML parts, so a hostile one can be a zip bomb, climb out of its folder
with "../", carry macros, ActiveX or embedded programs, fetch outside resources when
opened, or abuse XML entities. Each check refuses with its own sentence, so the reviewer
knows what to fix. The zip's directory is read before anything is decompressed: a 1 MB
file declaring a 1 GiB part is refused in microseconds. Tracked changes and comments are
refused too, because python-docx silently drops text inside tracked insertions: the
reviewer must accept or reject them first, so the text we store is the text they saw.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from xml.etree.ElementTree import Element, ParseError

import docx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from docx.oxml.ns import qn

from workflow.documents.fill import BODY_BOOKMARK
from workflow.errors import InvalidInput

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PARTS = 1000
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_XML_BYTES = 16 * 1024 * 1024
MAX_RATIO = 200
RATIO_CHECKED_FROM = 1024 * 1024

CONTENT_TYPES = "[Content_Types].xml"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAINS = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
TRACKED = frozenset(
    _W + name
    for name in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
    )
)
COMMENTS = frozenset(_W + name for name in ("comment", "commentReference", "commentRangeStart"))
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class _Part:
    name: str
    root: Element


def read_upload(raw: bytes, filename: str) -> str:
    """The letter text of an uploaded .docx, after every check of the gate passed.

    The text is the part of the document marked as the letter body when the file is one of
    ours (a draft copy or a packet, edited); otherwise every paragraph of the document.
    Paragraphs are separated by a blank line, line breaks kept: the way letters are stored.
    """
    check_package(raw, filename)
    text = _letter_text(raw)
    if not text.strip():
        raise InvalidInput("The document holds no letter text.")
    return text


def check_package(raw: bytes, filename: str) -> None:
    """Refuse, with a sentence saying why, anything but a plain Word document."""
    _check_name_and_size(raw, filename)
    try:
        archive = zipfile.ZipFile(BytesIO(raw))
    except zipfile.BadZipFile:
        raise InvalidInput(
            f"“{filename}” is not a Word .docx file (it is not a zip archive). Save it from Word as "
            "Word Document (.docx) and upload it again."
        ) from None
    with archive:
        entries = archive.infolist()
        _check_directory(entries)
        _check_members(entries)
        xml = sorted((e for e in entries if _is_xml(e)), key=lambda e: e.filename != CONTENT_TYPES)
        parts = _xml_parts(archive, xml)
        _check_content_types(next(parts, None))
        for part in parts:
            _check_part(part)


def _check_name_and_size(raw: bytes, filename: str) -> None:
    lower = filename.lower()
    if lower.endswith((".docm", ".dotm")):
        raise InvalidInput(
            f"“{filename}” is a macro-enabled Word file. Save it as Word Document (.docx), without macros, "
            "and upload that."
        )
    if not lower.endswith(".docx"):
        raise InvalidInput(f"Only Word documents (.docx) can be uploaded; “{filename}” is not one.")
    if len(raw) > MAX_UPLOAD_BYTES:
        raise InvalidInput(f"The file is {_mb(len(raw))}; uploads are limited to {_mb(MAX_UPLOAD_BYTES)}.")
    if not raw:
        raise InvalidInput("The file is empty.")


def _check_directory(entries: list[zipfile.ZipInfo]) -> None:
    """Everything knowable from the zip's directory, before a byte is decompressed."""
    if len(entries) > MAX_PARTS:
        raise InvalidInput(f"The document has {len(entries)} parts, more than the {MAX_PARTS} a Word document needs.")
    for entry in entries:
        if _escapes(entry.filename):
            raise InvalidInput(
                f"The document contains a part named “{entry.filename}”, which points outside the document; "
                "it was refused."
            )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise InvalidInput(
            f"The document would unpack to {_mb(unpacked)}, more than the {_mb(MAX_UNPACKED_BYTES)} allowed; "
            "it looks like a zip bomb and was refused."
        )
    xml = sum(entry.file_size for entry in entries if _is_xml(entry))
    if xml > MAX_XML_BYTES:
        raise InvalidInput(
            f"The document's text and layout parts unpack to {_mb(xml)}, more than the {_mb(MAX_XML_BYTES)} "
            "a letter needs; it was refused."
        )
    for entry in entries:
        if entry.file_size >= RATIO_CHECKED_FROM and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            ratio = entry.file_size // max(entry.compress_size, 1)
            raise InvalidInput(
                f"The part “{entry.filename}” is compressed {ratio}:1, far beyond what a real document reaches; "
                "it looks like a zip bomb and was refused."
            )


def _escapes(name: str) -> bool:
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or "\\" in name or "\x00" in name:
        return True
    return ".." in name.split("/")


def _xml_parts(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> Iterator[_Part]:
    """Each XML part in turn, parsed by defusedxml: no DTDs, no entities, no external references."""
    for entry in entries:
        data = _read_bounded(archive, entry)
        try:
            yield _Part(entry.filename, fromstring(data, forbid_dtd=True))
        except DefusedXmlException:
            raise InvalidInput(
                f"The part “{entry.filename}” declares a DTD or XML entities, which a Word document never "
                "needs; it was refused."
            ) from None
        except ParseError:
            raise InvalidInput(f"The part “{entry.filename}” is not well-formed XML; the file is damaged.") from None


def _is_xml(entry: zipfile.ZipInfo) -> bool:
    return not entry.is_dir() and entry.filename.lower().endswith((".xml", ".rels"))


def _read_bounded(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """A part's bytes, never more than its declared size: the directory cannot lie to us."""
    try:
        with archive.open(entry) as stream:
            data = stream.read(entry.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise InvalidInput(
            f"The part “{entry.filename}” cannot be unpacked; the file is damaged or encrypted."
        ) from None
    if len(data) > entry.file_size:
        raise InvalidInput(f"The part “{entry.filename}” is larger than the zip directory says; it was refused.")
    return data


def _check_content_types(first: _Part | None) -> None:
    if first is None or first.name != CONTENT_TYPES:
        raise InvalidInput("The file is a zip archive but not a Word document: it has no [Content_Types].xml.")
    declared = [e.get("ContentType", "") for e in first.root if e.tag in (_CT + "Override", _CT + "Default")]
    if any(t in MACRO_MAINS for t in declared):
        raise InvalidInput(
            "The document is a macro-enabled Word document (.docm content type). Save it as Word Document "
            "(.docx), without macros, and upload that."
        )
    if "application/vnd.ms-office.vbaProject" in declared:
        raise _macros()
    if WORD_MAIN not in declared:
        main = next((t for t in declared if t.endswith(".main+xml")), "none")
        raise InvalidInput(f"The file is not a Word document: its main part has content type “{main}”.")


def _check_members(entries: list[zipfile.ZipInfo]) -> None:
    for entry in entries:
        name = entry.filename.lower()
        if posixpath.basename(name) in ("vbaproject.bin", "vbadata.xml"):
            raise _macros()
        if "/activex/" in f"/{name}":
            raise _activex()
        if "/embeddings/" in f"/{name}":
            raise _embedded(entry.filename)


def _check_part(part: _Part) -> None:
    if part.name.endswith(".rels"):
        _check_relationships(part)
        return
    for element in part.root.iter():
        if element.tag in TRACKED:
            raise InvalidInput(
                "The document has tracked changes. Accept or reject every change in Word (Review → Accept / "
                "Reject), save, and upload it again."
            )
        if element.tag in COMMENTS:
            raise InvalidInput(
                "The document has comments. Resolve them and delete every comment in Word (Review → Delete → "
                "Delete All Comments), save, and upload it again."
            )


def _check_relationships(part: _Part) -> None:
    for rel in part.root.iter(_REL + "Relationship"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if rel.get("TargetMode", "").lower() == "external":
            raise InvalidInput(
                f"The document refers to an outside resource ({kind}: “{rel.get('Target', '')}”). Remove external "
                "links, linked pictures and attached templates, and upload it again."
            )
        if kind == "vbaProject":
            raise _macros()
        if kind == "control":
            raise _activex()
        if kind in ("oleObject", "package", "aFChunk"):
            raise _embedded(rel.get("Target", ""))


def _macros() -> InvalidInput:
    return InvalidInput(
        "The document contains macros (vbaProject.bin), which are never accepted. Save it as Word Document "
        "(.docx), without macros, and upload that."
    )


def _activex() -> InvalidInput:
    return InvalidInput(
        "The document contains ActiveX controls, which are never accepted; remove them and upload again."
    )


def _embedded(name: str) -> InvalidInput:
    return InvalidInput(
        f"The document contains an embedded object (“{name}”); embedded files and objects are not accepted. "
        "Remove it and upload again."
    )


def _letter_text(raw: bytes) -> str:
    try:
        document = docx.Document(BytesIO(raw))
    except Exception as error:  # python-docx raises many types for a package it cannot follow
        raise InvalidInput(f"The file cannot be read as a Word document ({error}).") from None
    body = document.element.body
    paragraphs = _bookmarked_paragraphs(body) or list(body.iter(qn("w:p")))
    return "\n\n".join(p.text for p in paragraphs)


def _bookmarked_paragraphs(body) -> list:
    """The paragraphs from the letter-body bookmark's start to its end, in document order."""
    collected: list = []
    current = None
    bookmark_id = None
    for element in body.iter(qn("w:p"), qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
        if element.tag == qn("w:p"):
            current = element
            if bookmark_id is not None:
                collected.append(element)
        elif element.tag == qn("w:bookmarkStart") and element.get(qn("w:name")) == BODY_BOOKMARK:
            bookmark_id = element.get(qn("w:id"))
            if current is not None and element.getparent() is current:
                collected.append(current)
        elif element.tag == qn("w:bookmarkEnd") and bookmark_id is not None and element.get(qn("w:id")) == bookmark_id:
            return collected
    return collected


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
