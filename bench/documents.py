"""Median time to render the final letter, beside a bare docxtpl render of the same template
with the same values (the floor). Target: ours at most 1.3x the floor. Also the time to
convert that letter to PDF/A through LibreOffice, one letter on its own (`pdf_ms`), as an
approval does, and per letter in a batch (`pdf_batch_ms_per_letter`): ten letters approved at
once by two people, whose conversions queue on the converter's lock. The PDF figures have no
floor, and are left out (null) where LibreOffice is missing.

    .venv/bin/python bench/documents.py [--runs N] [--pdf-runs N] [--batch N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

from docxtpl import DocxTemplate

from workflow.documents import DocumentKind, render_document
from workflow.documents.engine import shipped_template, template_values
from workflow.documents.fill import placed
from workflow.documents.pdf import LibreOffice, PdfUnavailable
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


def pdf_batch_ms(document: bytes, letters: int) -> float | None:
    """Wall milliseconds per letter when `letters` conversions are asked for by two threads at once."""
    convert = LibreOffice()
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda _: convert(document), range(letters)))
    except PdfUnavailable:
        return None
    return (time.perf_counter() - started) * 1000 / letters


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--pdf-runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=10)
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
    batched = pdf_batch_ms(ours(), arguments.batch) if converted is not None else None
    print(f"final letter: ours {mine:.1f} ms, bare docxtpl {floor:.1f} ms")
    print(f"PDF/A: {converted or 0:.0f} ms alone, {batched or 0:.0f} ms a letter in a batch of {arguments.batch}")
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
            }
        )
    )


if __name__ == "__main__":
    main()
