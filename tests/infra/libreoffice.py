"""Turn letters into PDF the way a recipient will see them, and read them back."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from pathlib import Path

from workflow.documents.pdf import environment


def docx_to_pdf(path: Path, out_dir: Path | None = None, timeout: float = 120) -> Path:
    """Convert with LibreOffice; return the PDF written beside `path` or into `out_dir`."""
    out_dir = out_dir or path.parent
    pdf = out_dir / f"{path.stem}.pdf"
    pdf.unlink(missing_ok=True)
    # A private profile per call: LibreOffice lets one profile serve one process,
    # so parallel or back-to-back conversions would otherwise hand off or collide.
    with tempfile.TemporaryDirectory(prefix="tactful-lo-") as profile:
        output = _run_in_own_group(
            [
                "soffice",
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(path),
            ],
            timeout,
            environment(Path(profile)),
        )
    # soffice exits 0 even when it could not convert.
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice wrote no {pdf}:\n{output}")
    return pdf


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext extracts it, in reading order."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout


def _run_in_own_group(argv: list[str], timeout: float, variables: dict[str, str]) -> str:
    # soffice is a launcher that starts soffice.bin: on timeout or Ctrl-C the
    # whole process group has to go, or soffice.bin lingers holding the profile.
    process = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True, env=variables
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return output
