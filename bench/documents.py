"""Median time to render the final letter, beside a bare docxtpl render of the same template
with the same values (the floor). Target: ours at most 1.3x the floor. Also the time to
convert that letter to PDF/A through LibreOffice, one letter on its own (`pdf_ms`), as an
approval does, and per letter in a batch (`pdf_batch_ms_per_letter`): ten letters approved at
once by two people, whose conversions queue on the converter's lock. The PDF figures have no
floor, and are left out (null) where LibreOffice is missing.

Beside them, in the same run, the persistent converter tactful does not use: unoserver, which
keeps one LibreOffice running and converts over UNO, so a letter skips LibreOffice's start.
Its server needs a Python that imports `uno` (Debian: python3-uno, for Debian's python3),
which the project's venv is not, so it is measured where it is installed apart, e.g.
`/usr/bin/python3 -m venv --system-site-packages /opt/unoserver && /opt/unoserver/bin/pip
install unoserver`, and named with --unoserver; the bench talks to it over XML-RPC from the
standard library. Reported: its start (`unoserver_start_ms`, until it answers), a letter
alone and in the batch, and how many times faster a letter is than today's conversion.

    .venv/bin/python bench/documents.py [--runs N] [--pdf-runs N] [--batch N] [--unoserver PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import xmlrpc.client
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

from docxtpl import DocxTemplate

from workflow.documents import DocumentKind, render_document
from workflow.documents.engine import shipped_template, template_values
from workflow.documents.fill import placed
from workflow.documents.pdf import LibreOffice, PdfConverter, PdfUnavailable, environment
from workflow.documents.samples import sample_context


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def pdf_ms(document: bytes, runs: int) -> float | None:
    """Median milliseconds to convert one letter, each conversion with its fresh profile."""
    try:
        return median_ms(lambda: LibreOffice()(document), runs)
    except PdfUnavailable as problem:
        print(problem)
        return None


def pdf_batch_ms(document: bytes, letters: int, convert: PdfConverter) -> float | None:
    """Wall milliseconds per letter when `letters` conversions are asked for by two threads at once."""
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda _: convert(document), range(letters)))
    except PdfUnavailable:
        return None
    return (time.perf_counter() - started) * 1000 / letters


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def unoserver(program: str) -> Iterator[tuple[PdfConverter, float]]:
    """A running unoserver with its own profile and tactful's fonts, as a converter, and the
    milliseconds it took to answer; stopped, LibreOffice with it, on leaving."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="tactful-unoserver-") as work:
        started = time.perf_counter()
        process = subprocess.Popen(
            [program, "--port", str(port), "--uno-port", str(free_port()), "--user-installation", work],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=environment(Path(work)),
        )
        try:
            server = xmlrpc.client.ServerProxy(f"http://127.0.0.1:{port}", allow_none=True)
            while True:
                try:
                    server.info()
                    break
                except OSError:
                    if process.poll() is not None or time.perf_counter() - started > 120:
                        raise PdfUnavailable(f"unoserver did not start ({program})") from None
                    time.sleep(0.2)
            answered = (time.perf_counter() - started) * 1000

            def convert(document: bytes) -> bytes:
                pdf = xmlrpc.client.ServerProxy(f"http://127.0.0.1:{port}", allow_none=True).convert(
                    None, xmlrpc.client.Binary(document), None, "pdf", "writer_pdf_Export", ["SelectPdfVersion=2"]
                )
                assert isinstance(pdf, xmlrpc.client.Binary) and pdf.data.startswith(b"%PDF-")
                return pdf.data

            yield convert, answered
        finally:  # unoserver 3.7 can hang in its own SIGTERM handler: the whole group goes at once
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def unoserver_figures(document: bytes, program: str | None, runs: int, letters: int) -> dict[str, float | None]:
    """unoserver's start, a letter alone and a letter in the batch; nulls where it is not installed."""
    figures: dict[str, float | None] = {"unoserver_start_ms": None, "unoserver_ms": None, "unoserver_batch_ms": None}
    if program is None:
        print("unoserver: not measured (no unoserver on PATH; see --unoserver)")
        return figures
    with unoserver(program) as (convert, answered):
        figures["unoserver_start_ms"] = round(answered, 1)
        figures["unoserver_ms"] = round(median_ms(lambda: convert(document), runs), 1)
        figures["unoserver_batch_ms"] = round(pdf_batch_ms(document, letters, convert) or 0, 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--pdf-runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--unoserver", default=shutil.which("unoserver"), help="unoserver's executable")
    arguments = parser.parse_args()
    runs = arguments.runs
    data = sample_context(DocumentKind.FINAL, "en")
    template = shipped_template(DocumentKind.FINAL, "en")

    def bare() -> bytes:
        doc = DocxTemplate(BytesIO(template.read_bytes()))
        doc.render(placed(template_values(data), doc), autoescape=True)
        out = BytesIO()
        doc.save(out)
        return out.getvalue()

    def ours() -> bytes:
        return render_document(DocumentKind.FINAL, data)

    floor_ms, ours_ms = [], []
    for _ in range(3):  # interleaved rounds, so drift in machine load hits both alike
        floor_ms.append(median_ms(bare, runs // 3))
        ours_ms.append(median_ms(ours, runs // 3))
    floor, mine = statistics.median(floor_ms), statistics.median(ours_ms)
    converted = pdf_ms(ours(), arguments.pdf_runs)
    batched = pdf_batch_ms(ours(), arguments.batch, LibreOffice()) if converted is not None else None
    persistent = unoserver_figures(ours(), arguments.unoserver, arguments.pdf_runs, arguments.batch)
    print(f"final letter: ours {mine:.1f} ms, bare docxtpl {floor:.1f} ms")
    print(f"PDF/A: {converted or 0:.0f} ms alone, {batched or 0:.0f} ms a letter in a batch of {arguments.batch}")
    if persistent["unoserver_ms"] is not None:
        print(
            f"unoserver: {persistent['unoserver_start_ms']:.0f} ms to start, then {persistent['unoserver_ms']:.0f} ms "
            f"alone, {persistent['unoserver_batch_ms']:.0f} ms a letter in the batch"
        )
    speedup = converted / persistent["unoserver_ms"] if converted and persistent["unoserver_ms"] else None
    print(
        json.dumps(
            {
                "bench": "documents",
                "ours": round(mine, 2),
                "floor": round(floor, 2),
                "ratio": round(mine / floor, 3),
                "unit": "ms",
                "runs": runs,
                "document": "final-en",
                "target_ratio": 1.3,
                "pdf_ms": None if converted is None else round(converted, 1),
                "pdf_runs": arguments.pdf_runs,
                "pdf_batch_ms_per_letter": None if batched is None else round(batched, 1),
                "pdf_batch_letters": arguments.batch,
                **persistent,
                "unoserver_speedup": None if speedup is None else round(speedup, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
