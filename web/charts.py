"""Bar charts drawn on the server as SVG: no script, so the pages keep their strict CSP.

The browser lays the text out, not us, so every width here is an upper bound: each character
is measured at the width of a wide sans-serif's (DejaVu Sans, the widest of the page's
fonts), a label that does not fit its column wraps onto a second line, and one that still
does not fit is cut with an ellipsis and keeps its whole text as a tooltip. The viewBox holds
every label, bar and value, so the chart scales down on a phone without losing anything."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

FONT = 13
"""The charts' font size in px (style.css sets the same on `.chart`)."""
LINE = 16
WIDTH = 420
LABEL_MAX = 170
"""The widest the label column gets; a longer label wraps, then is cut."""
GAP = 6
LINES = 2

_NARROW = set("fijlrtI.,:;'!|()[] ")
_WIDE = set("mwMW@%—")


def text_width(text: str) -> float:
    """An upper bound of `text`'s width in px at FONT: DejaVu Sans's wider glyphs rounded up
    (most are 0.55–0.65 em; capitals and m, w up to 0.92 em)."""
    ems = 0.0
    for char in text:
        if char in _NARROW:
            ems += 0.4
        elif char in _WIDE:
            ems += 0.95
        elif char.isupper() or char.isdigit():
            ems += 0.75
        else:
            ems += 0.64
    return ems * FONT


@dataclass(frozen=True)
class Label:
    lines: tuple[str, ...]
    cut: bool


def fit_label(label: str, width: float) -> Label:
    """`label` in at most LINES lines of at most `width` px, words kept whole where they fit;
    a line that still does not fit ends in "…"."""
    lines: list[str] = []
    words = label.split()
    while words and len(lines) < LINES:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines[-1] = " ".join([lines[-1], *words])
    fitted = tuple(_cut(line, width) for line in lines)
    return Label(fitted, fitted != tuple(lines))


def _cut(line: str, width: float) -> str:
    if text_width(line) <= width:
        return line
    while line and text_width(line + "…") > width:
        line = line[:-1].rstrip()
    return line + "…"


def bar_chart(title: str, bars: Sequence[tuple[str, float, str]]) -> Markup:
    """Horizontal bars (label, value, value as shown), scaled to the largest; the title and
    every value are text in the SVG, so a screen reader and a printout have them too."""
    label_width = min(max((text_width(label) for label, _, _ in bars), default=0), LABEL_MAX)
    value_width = max((text_width(shown) for _, _, shown in bars), default=0)
    room = WIDTH - label_width - value_width - 3 * GAP
    largest = max((value for _, value, _ in bars), default=0) or 1
    rows, y = [], 0
    for label, value, shown in bars:
        fitted = fit_label(label, label_width)
        height = max(len(fitted.lines) * LINE + 6, 22)
        middle = y + height / 2
        first = middle - (len(fitted.lines) - 1) * LINE / 2 + FONT * 0.35
        spans = "".join(
            f'<tspan x="{label_width:.0f}" y="{first + n * LINE:.1f}">{escape(line)}</tspan>'
            for n, line in enumerate(fitted.lines)
        )
        tip = f"<title>{escape(label)}</title>" if fitted.cut else ""
        length = round(room * value / largest)
        bar_x = label_width + GAP
        rows.append(
            f'<g>{tip}<text text-anchor="end">{spans}</text>'
            f'<rect x="{bar_x:.0f}" y="{middle - 8:.1f}" width="{length}" height="16" class="bar"></rect>'
            f'<text x="{bar_x + length + GAP:.0f}" y="{middle + FONT * 0.35:.1f}">{escape(shown)}</text></g>'
        )
        y += height
    return Markup(
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {y + 4}" width="{WIDTH}" height="{y + 4}" '
        f'font-size="{FONT}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{"".join(rows)}</svg>'
    )
