"""Point pytest-playwright at Debian's Chromium.

Playwright's own browser download cannot reach its host here, so its `page`
fixture launches /usr/bin/chromium instead (installed by
scripts/system-packages.sh test). The node driver Playwright talks to ships
inside the playwright wheel, so nothing is fetched at run time. Import
`browser_type_launch_args` into conftest.py to override the plugin's fixture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

CHROMIUM = Path("/usr/bin/chromium")
# The network is closed: without these Chromium keeps trying to reach Google's
# hosts (sync, updates, field trials) and logs every refusal. Root needs --no-sandbox.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """The plugin's launch options (--headed, --slowmo) plus Debian's Chromium."""
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


def save_screenshot(page: Page, name: str) -> Path:
    """Keep a picture of what the test saw, for a person to look at afterwards."""
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, full_page=True)
    return path
