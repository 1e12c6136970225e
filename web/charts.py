"""Bar charts drawn on the server as SVG: no script, so the pages keep their strict CSP."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

ROW = 22
LABEL = 190
WIDTH = 520


def bar_chart(title: str, bars: Sequence[tuple[str, float, str]]) -> Markup:
    """Horizontal bars (label, value, value as shown), scaled to the largest; the title and
    every value are text in the SVG, so a screen reader and a printout have them too."""
    largest = max((value for _, value, _ in bars), default=0) or 1
    height = ROW * len(bars) + 8
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for row, (label, value, shown) in enumerate(bars):
        y = 4 + row * ROW
        length = round((WIDTH - LABEL - 60) * value / largest)
        parts.append(
            f'<text x="{LABEL - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL}" y="{y + 2}" width="{length}" height="{ROW - 6}" class="bar"></rect>'
            f'<text x="{LABEL + length + 4}" y="{y + 14}">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
