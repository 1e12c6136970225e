"""What the browser suite measures on every page: layout from the element boxes the browser
laid out (not pixels by eye), and accessibility with axe-core.

axe-core comes inside the axe-playwright-python wheel (axe.min.js) and is injected into the
page by Playwright, so nothing is fetched at run time and the page's CSP is untouched.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.infra.browser import SCREENSHOTS

WIDTHS = {1366: 900, 1024: 768, 390: 844}
"""The widths people use (a common laptop, a small laptop or tablet, a phone) and a height for each."""

WIDE = 1366
"""At this width the letter tables, due and deadline columns included, fit their cards
without scrolling; narrower, they may scroll inside their card."""

PAGES = SCREENSHOTS / "pages"
"""Where the page pictures go: test-output/screenshots/pages/ROLE-PAGE-WIDTH.png (git ignores it)."""


_LAYOUT = """(wide) => {
  const problems = [];
  const page = document.scrollingElement;
  if (page.scrollWidth > page.clientWidth + 1) {
    const wide = [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > page.clientWidth + 1 && !e.closest('.table-scroll'))
      .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
    problems.push(`the page scrolls sideways: ${page.scrollWidth}px of content in ${page.clientWidth}px (${wide})`);
  }
  const name = (e) => (e.closest('[id]') || {}).id || e.className || e.tagName.toLowerCase();
  for (const table of document.querySelectorAll('table')) {
    const card = table.closest('.card');
    if (!card) { problems.push(`a table (${name(table)}) is not inside a card`); continue; }
    const scroller = table.closest('.table-scroll');
    const shown = scroller && card.contains(scroller) ? scroller : table;
    const box = shown.getBoundingClientRect(), edge = card.getBoundingClientRect();
    if (box.left < edge.left - 0.5 || box.right > edge.right + 0.5) {
      const sizes = `${Math.round(box.width)}px in ${Math.round(edge.width)}px`;
      problems.push(`a table (${name(table)}) overflows its card: ${sizes}`);
    }
    if (wide && scroller && table.matches('table.letters') && scroller.scrollWidth > scroller.clientWidth + 1) {
      problems.push(`a letter table (${name(table)}) needs ${scroller.scrollWidth}px in ${scroller.clientWidth}px`);
    }
  }
  if (wide) {
    const parts = 'header.top .brand, header.top .main-nav a, header.top summary, header.top button';
    const items = [...document.querySelectorAll(parts)];
    const boxes = items.map(e => e.getBoundingClientRect()).filter(b => b.height > 0);
    const tallest = Math.max(...boxes.map(b => b.height));
    const spread = Math.max(...boxes.map(b => b.bottom)) - Math.min(...boxes.map(b => b.top));
    if (boxes.length && spread > tallest * 1.5) {
      const sizes = `${Math.round(spread)}px for items ${Math.round(tallest)}px tall`;
      problems.push(`the header takes more than one line: ${sizes}`);
    }
  }
  const lines = (e) => {
    const range = document.createRange();
    range.selectNodeContents(e);
    return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom))).size;
  };
  for (const e of document.querySelectorAll('.ref, .state, .nowrap')) {
    const count = lines(e);
    if (count > 1) problems.push(`“${e.textContent.trim()}” wraps onto ${count} lines`);
  }
  return problems;
}"""


def layout_problems(page: Page, width: int) -> list[str]:
    """What is laid out wrong at this width: the page scrolling sideways, a table wider than
    its card (unless inside a declared scroll container, `.table-scroll`, which must itself
    fit), a letter table that needs scrolling at 1366 px, a reference or badge that wraps.
    Measured once the page has loaded with its stylesheet: a click that starts a navigation
    returns before the new page is laid out, and an unstyled header wraps."""
    page.wait_for_load_state("load")
    return list(page.evaluate(_LAYOUT, width >= WIDE))


_AXE = Axe()


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is, one line each."""
    results = _AXE.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target'][0]) for n in v['nodes'][:4])}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
