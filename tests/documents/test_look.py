"""How the demo's documents look on paper: the final letter on one page, the record sheet on
two at most, and a picture of each document kind's first page for a reviewer to look at
(kept under test-output/documents, which git ignores)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.infra.libreoffice import docx_to_pdf, pdf_text
from workflow.demo import load_demo
from workflow.documents import DocumentKind, kinds_for_state
from workflow.documents.downloads import render_stage
from workflow.installation import Installation
from workflow.letters.models import Letter

pytestmark = pytest.mark.slow

PICTURES = Path(__file__).resolve().parents[2] / "test-output" / "documents"


A4 = "(A4)"
SHA256_LINE = re.compile(r"^(SHA-256 |Letter \((Word|PDF/A)\) SHA-256 )?[0-9a-f]{64}$")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def pdf_info(pdf: Path, field: str) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True, timeout=60).stdout
    return next(line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith(f"{field}:"))


def pages(pdf: Path) -> int:
    return int(pdf_info(pdf, "Pages"))


def embedded_fonts(pdf: Path) -> list[str]:
    """The fonts the PDF uses, each line of `pdffonts` below its header: name … emb sub uni."""
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True, timeout=60).stdout
    return listing.splitlines()[2:]


def first_page_picture(pdf: Path, name: str) -> None:
    PICTURES.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(PICTURES / name)],
        check=True,
        timeout=60,
    )


def demo_pdfs(installation: Installation, out: Path) -> dict[tuple[str, DocumentKind], Path]:
    """Every document each demo letter offers at its stage, as PDF, by (reference, kind)."""
    load_demo(installation)
    documents: dict[tuple[str, DocumentKind], Path] = {}
    with installation.db.read() as session:
        letters = session.scalars(select(Letter).order_by(Letter.id)).all()
        for letter in letters:
            for kind in [*kinds_for_state(letter.state), DocumentKind.FINAL]:
                if (letter.reference, kind) in documents or letter.state == "withdrawn":
                    continue
                path = out / f"{letter.reference} {kind.value} {letter.state}.docx"
                path.write_bytes(render_stage(installation, session, letter, kind).content)
                documents[(letter.reference, kind)] = path
    return {key: docx_to_pdf(path) for key, path in documents.items()}


def test_the_demo_letters_look_like_a_careful_firms(installation: Installation, tmp_path: Path):
    pdfs = demo_pdfs(installation, tmp_path)
    pictured: set[DocumentKind] = set()
    for (reference, kind), pdf in sorted(pdfs.items()):
        if kind not in pictured or kind is DocumentKind.FINAL:
            first_page_picture(pdf, pdf.stem)
            pictured.add(kind)
        fonts = embedded_fonts(pdf)
        assert fonts and all(" yes " in line for line in fonts), f"{pdf.name}: fonts not all embedded\n{fonts}"
        assert any("+Carlito " in line for line in fonts), f"{pdf.name} is not set in Carlito: {fonts}"
        assert pdf_info(pdf, "Page size").endswith(A4), f"{pdf.name} is not on A4"
        text = pdf_text(pdf)
        if kind is DocumentKind.FINAL:
            assert pages(pdf) == 1, f"{reference}'s final letter runs to {pages(pdf)} pages"
        else:
            assert "(s)" not in text, f"{pdf.name} writes a plural as “(s)”"
            assert any(SHA256_LINE.match(line.strip()) for line in text.splitlines()), f"{pdf.name} wraps its hashes"
        assert not ISO_DATE.search(text), f"{pdf.name} writes a date as {ISO_DATE.search(text)}, not in words"
    archived = next(pdf for (_, kind), pdf in pdfs.items() if kind is DocumentKind.RECORD and "archived" in pdf.name)
    assert pages(archived) <= 2, f"the record sheet of {archived.name} runs to {pages(archived)} pages"
    assert pictured == set(DocumentKind)
