"""Word to PDF/A through LibreOffice: the durable copy of a final letter, the one that is
printed and e-mailed.

A .docx looks different in every word processor and every version of one; a PDF/A looks
the same in twenty years, with its fonts embedded (PDF/A requires it). LibreOffice is the
converter Debian has. What was learned running it headless:
- one user profile serves one process: a second conversion sharing it hands its work to
  the first or fails, so each conversion gets a fresh profile in a temporary folder;
- `soffice` is a launcher that starts `soffice.bin`: a timeout must kill the whole process
  group, or the child lingers holding the profile;
- it exits 0 when it could not convert, so success is the PDF file being there;
- two conversions at once on a small server only slow each other down, so one at a time
  (a process-wide lock);
- a character the letter's font lacks is drawn from whichever installed font fontconfig
  ranks first: Carlito has Cyrillic and Turkish letters but not the lira sign ₺, which came
  out in DejaVu Sans, a size too big. Lato, the design Carlito was made from, has it, so
  each conversion runs with a fontconfig file that names Lato as Carlito's fallback; the
  PDF embeds it like every other font.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MEDIA_TYPE = "application/pdf"

PDF_A_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
"""PDF/A-2b: archival PDF, every font embedded."""

SECONDS = 60.0
"""The longest one conversion may take; a one-page letter takes one or two seconds."""

SYSTEM_FONTS = Path("/etc/fonts/fonts.conf")

FALLBACK_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include>{system}</include>
  <alias binding="same"><family>Carlito</family><accept><family>Lato</family></accept></alias>
</fontconfig>
"""
"""The machine's font configuration, plus Lato (Debian: fonts-lato) right after Carlito."""

PdfConverter = Callable[[bytes], bytes]
"""Turns .docx bytes into PDF bytes, or raises `PdfUnavailable` saying why not."""

_one_at_a_time = threading.Lock()


class PdfUnavailable(Exception):
    """The PDF could not be made; the message is a sentence for a person."""


@dataclass(frozen=True)
class LibreOffice:
    """The converter an installation uses unless it is handed another (tests hand in a fast one)."""

    command: str = "soffice"
    seconds: float = SECONDS

    def __call__(self, document: bytes) -> bytes:
        program = shutil.which(self.command)
        if program is None:
            raise PdfUnavailable(
                "The PDF could not be made: LibreOffice is not installed on this server "
                "(Debian: apt-get install libreoffice-writer). The Word file is kept."
            )
        with _one_at_a_time, tempfile.TemporaryDirectory(prefix="tactful-pdf-") as work:
            folder = Path(work)
            source = folder / "letter.docx"
            source.write_bytes(document)
            output = _run(_argv(program, folder, source), self.seconds, environment(folder))
            pdf = folder / "letter.pdf"
            if not pdf.is_file():
                raise PdfUnavailable(
                    f"The PDF could not be made: LibreOffice did not convert the letter ({output.strip()[-200:]}). "
                    "The Word file is kept."
                )
            return pdf.read_bytes()


def _argv(program: str, folder: Path, source: Path) -> list[str]:
    return [
        program,
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        PDF_A_FILTER,
        "--outdir",
        str(folder),
        str(source),
    ]


def environment(folder: Path) -> dict[str, str]:
    """This process's environment with the fallback fonts, written into `folder`; unchanged
    on a machine without the usual fontconfig file, whose fonts are left as they are."""
    variables = dict(os.environ)
    if SYSTEM_FONTS.is_file():
        fonts = folder / "fonts.conf"
        fonts.write_text(FALLBACK_FONTS.format(system=SYSTEM_FONTS), encoding="utf-8")
        variables["FONTCONFIG_FILE"] = str(fonts)
    return variables


def _run(argv: list[str], seconds: float, variables: dict[str, str]) -> str:
    """The converter's output; on timeout its whole process group is killed."""
    process = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True, env=variables
    )
    try:
        output, _ = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfUnavailable(
            f"The PDF could not be made: LibreOffice took longer than {seconds:g} seconds. The Word file is kept."
        ) from None
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return output
