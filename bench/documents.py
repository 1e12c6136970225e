"""Median time to render the final letter, beside a bare docxtpl render of the same template
with the same values (the floor). Target: ours at most 1.3x the floor.

    .venv/bin/python bench/documents.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from io import BytesIO

from docxtpl import DocxTemplate

from workflow.documents import DocumentKind, render_document
from workflow.documents.engine import shipped_template, template_values
from workflow.documents.fill import placed
from workflow.documents.samples import sample_context


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=60)
    runs = parser.parse_args().runs
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
    print(f"final letter: ours {mine:.1f} ms, bare docxtpl {floor:.1f} ms")
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
            }
        )
    )


if __name__ == "__main__":
    main()
