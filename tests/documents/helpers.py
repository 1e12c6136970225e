"""Reading rendered documents back the way a reviewer's Word would."""

from __future__ import annotations

import hashlib
import zipfile
from io import BytesIO

import docx
from sqlmodel import Session

from tests.conftest import World
from workflow.documents.models import DocumentTemplate


def part_xml(raw: bytes) -> str:
    """Every XML part of the package, concatenated: what a search for leaked data must cover."""
    with zipfile.ZipFile(BytesIO(raw)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith((".xml", ".rels"))
        )


def visible_text(raw: bytes) -> str:
    """Body paragraphs, table cells, headers and footers, one paragraph a line."""
    document = docx.Document(BytesIO(raw))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    for section in document.sections:
        lines += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(lines)


def with_parts(
    raw: bytes, replace: dict[str, bytes | None] | None = None, add: dict[str, bytes] | None = None
) -> bytes:
    """A copy of a package with parts replaced, removed (None) or added."""
    replace, add = replace or {}, add or {}
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    target.writestr(info.filename, replace[info.filename])
            else:
                target.writestr(info, source.read(info))
        for name, data in add.items():
            target.writestr(name, data)
    return out.getvalue()


def read_part(raw: bytes, name: str) -> str:
    with zipfile.ZipFile(BytesIO(raw)) as archive:
        return archive.read(name).decode("utf-8")


def keep_unchecked_template(world: World, kind: str, language: str, content: bytes) -> None:
    """Store a template as an administrator's, without `validate_template`: one kept before
    the checks grew, or one that passed them and meets a letter they did not foresee."""

    def work(session: Session) -> None:
        session.add(
            DocumentTemplate(
                kind=kind,
                language=language,
                content=content,
                sha256=hashlib.sha256(content).hexdigest(),
                uploaded_by_id=world.people["dan"].id,
                uploaded_at=world.clock.now(),
            )
        )

    world.installation.db.write(work)
