"""The Reports page's SVG charts keep every label, bar and value inside their viewBox: long
labels wrap, then are cut with their whole text as a tooltip."""

from __future__ import annotations

from lxml import etree

from web.charts import FONT, LABEL_MAX, LINES, WIDTH, bar_chart, fit_label, text_width
from workflow.letters.decision import Reason

SVG = "{http://www.w3.org/2000/svg}"
LONG = "A reason with a name far longer than any column of a chart could ever hold in two lines"


def drawn(bars: list[tuple[str, float, str]]) -> etree._Element:
    return etree.fromstring(str(bar_chart("Refusals by reason", bars)).encode())


def test_every_shipped_reason_is_shown_whole() -> None:
    svg = drawn([(r.label, n, str(n)) for n, r in enumerate(Reason, start=1)])
    shown = [" ".join(t.text for t in text.iter(f"{SVG}tspan")) for text in svg.iter(f"{SVG}text")]
    assert [s for s in shown if s and not s.isdigit()] == [r.label for r in Reason]
    assert not [t for t in svg.iter(f"{SVG}title") if t.getparent().tag == f"{SVG}g"]


def test_a_label_too_long_for_two_lines_is_cut_and_kept_as_a_tooltip() -> None:
    svg = drawn([(LONG, 5, "5"), ("Other", 1, "1")])
    [group] = [g for g in svg.iter(f"{SVG}g") if g.find(f"{SVG}title") is not None]
    assert group.find(f"{SVG}title").text == LONG
    lines = [t.text for t in group.iter(f"{SVG}tspan")]
    assert len(lines) == LINES and lines[-1].endswith("…")
    assert all(text_width(line) <= LABEL_MAX for line in lines)


def test_everything_drawn_is_inside_the_view_box() -> None:
    svg = drawn([(LONG, 10, "10,000.0 h"), ("Draft", 3, "3.0 h"), ("Approved", 0, "—")])
    _, _, width, height = (float(n) for n in svg.get("viewBox").split())
    assert width == WIDTH
    for text in svg.iter(f"{SVG}text"):
        for span in list(text.iter(f"{SVG}tspan")) or [text]:
            x, y, words = float(span.get("x")), float(span.get("y")), span.text
            left, right = (x - text_width(words), x) if text.get("text-anchor") == "end" else (x, x + text_width(words))
            assert left >= 0 and right <= width and FONT * 0.7 <= y <= height, (words, left, right, y)
    for bar in svg.iter(f"{SVG}rect"):
        assert float(bar.get("x")) + float(bar.get("width")) <= width
        assert float(bar.get("y")) + float(bar.get("height")) <= height


def test_a_single_word_longer_than_the_column_is_cut() -> None:
    fitted = fit_label("Supercalifragilisticexpialidocious", 100)
    assert fitted.cut and fitted.lines[0].endswith("…") and text_width(fitted.lines[0]) <= 100
