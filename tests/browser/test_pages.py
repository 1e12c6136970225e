"""Every kind of page, signed in as each role, on the demo data (long names and order
references, letters in every state), at 1366, 1024 and 390 px: the page never scrolls
sideways, tables fit their cards or scroll inside a declared container, references and
badges stay on one line, and axe-core finds nothing serious or critical.

A picture of each is kept as test-output/screenshots/pages/ROLE-PAGE-WIDTH.png.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.browser.checks import WIDTHS, layout_problems, serious_violations
from tests.browser.conftest import DemoSite, Desk
from tests.conftest import typed_inputs
from tests.infra.browser import save_screenshot
from workflow.demo import PEOPLE
from workflow.letters.loading import current_version
from workflow.letters.models import Letter
from workflow.letters.services import fire
from workflow.people.accounts import create_user, new_user
from workflow.people.roles import Role

pytestmark = pytest.mark.browser

LONG_NAME = "Alexandra Konstantinidou-Whitfield"


@pytest.fixture(scope="module")
def site(demo_site: DemoSite) -> DemoSite:
    """The demo with a second version of the draft, so a comparison has something to show."""
    draft = demo_site.letters["draft"]
    with demo_site.installation.db.read() as session:
        body = current_version(session, session.get(Letter, draft)).body
    edited = body.replace("\n\n", "\n\nWe have read your message carefully.\n\n", 1)
    fire(demo_site.installation, "edit", draft, demo_site.people["ana"], typed_inputs("edit", body=edited))
    with demo_site.installation.db.read() as session:
        in_review = session.scalars(select(Letter.id).where(Letter.state == "peer_review").order_by(Letter.id)).all()
    comment = "The second paragraph blames the customer for the delay; say what happened instead."
    fire(
        demo_site.installation,
        "request_changes",
        in_review[-1],
        demo_site.people["ben"],
        typed_inputs("request_changes", comment=comment),
    )
    demo_site.letters["changes_requested"] = in_review[-1]
    return demo_site


@pytest.fixture(scope="module")
def desk(tab: Page, site: DemoSite) -> Desk:
    return Desk(tab, site.base, {person.username: person.password for person in PEOPLE})


def pages_of(site: DemoSite, who: str) -> dict[str, str]:
    """The kinds of page each person works on, by name."""
    letter = {state: f"/letters/{letter_id}" for state, letter_id in site.letters.items()}
    shared = {
        "my-work": "/",
        "letters": "/letters",
        "customers": "/customers",
        "customer-file": "/customers/file?" + urlencode({"name": LONG_NAME, "email": "alexandra@example.org"}),
        "search": "/letters?" + urlencode({"q": "order"}),
        "password": "/account/password",
        "my-email": "/account/notifications",
        "away": "/account/away",
    }
    own = {
        "ana": {
            "new-letter": "/letters/new",
            **{
                f"letter-{state}": letter[state]
                for state in ("draft", "changes_requested", "waiting", "approved", "sent", "withdrawn")
            },
            "compare": f"{letter['draft']}/compare?old=1&new=2",
        },
        "ben": {"letter-peer_review": letter["peer_review"]},
        "carla": {
            "letter-legal_review": letter["legal_review"],
            "audit": "/audit",
            "reports": "/reports",
            "clauses": "/admin/clauses",
        },
        "dan": {
            "admin-people": "/admin/",
            "admin-person": f"/admin/people/{site.people['ana']}",
            "admin-settings": "/admin/settings",
            "admin-templates": "/admin/templates",
            "admin-mail": "/admin/mail",
            "admin-due-dates": "/admin/due-dates",
            "admin-delegations": "/admin/delegations",
            "admin-api": "/admin/api",
            "audit": "/audit",
            "reports": "/reports",
            "clauses": "/admin/clauses",
            "admin-profiles": "/admin/profiles",
            "letter-archived": letter["archived"],
            "not-found": "/letters/999999",
        },
    }
    return {**shared, **own[who]}


def look_at(page: Page, name: str) -> list[str]:
    """The page as loaded, at every width: its layout problems, a picture at each width, and
    axe-core's serious findings at the widest and the narrowest (where the layout changes)."""
    problems = []
    for width, height in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        problems += [f"{name} at {width}px: {problem}" for problem in layout_problems(page, width)]
        save_screenshot(page, f"pages/{name}-{width}")
        if width in (max(WIDTHS), min(WIDTHS)):
            problems += [f"{name} at {width}px: {violation}" for violation in serious_violations(page)]
    return problems


@pytest.mark.parametrize("who", ["ana", "ben", "carla", "dan"])
def test_every_page_fits_every_width_and_passes_axe(desk: Desk, site: DemoSite, who: str):
    page = desk.as_person(who)
    problems = []
    for name, path in pages_of(site, who).items():
        page.goto(site.base + path)
        problems += look_at(page, f"{who}-{name}")
    assert not problems, "\n".join(problems)


def test_the_new_letter_form_with_its_errors_fits_and_passes_axe(desk: Desk, site: DemoSite):
    page = desk.as_person("ana")
    page.goto(site.base + "/letters/new")
    page.get_by_label("Customer value").fill("a lot")
    page.get_by_role("button", name="Create draft").click()
    expect(page.locator(".has-error").first).to_be_visible()
    problems = look_at(page, "ana-new-letter-errors")
    assert not problems, "\n".join(problems)


def test_the_header_is_one_line_at_1366_for_someone_with_every_role(desk: Desk, site: DemoSite):
    """The longest main menu there is (every role's pages) still leaves the header one line
    on a 1366 px laptop, and the person's own pages open from the menu under their name."""
    password = "every-role-password-1"
    create_user(
        site.installation, new_user("all", password, [role.value for role in Role], display_name="Maximilian Everyrole")
    )
    desk.passwords = {**desk.passwords, "all": password}
    page = desk.as_person("all")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.get_by_role("navigation", name="Main").get_by_role("link").count() == 8
    assert not layout_problems(page, 1366)
    save_screenshot(page, "pages/all-roles-header-1366")
    page.set_viewport_size({"width": 1024, "height": 768})
    measured_as_wide = layout_problems(page, 1366)
    assert any("header takes more than one line" in problem for problem in measured_as_wide), "the check sees a wrap"
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_text("Maximilian Everyrole").click()
    page.get_by_role("navigation", name="Your account").get_by_role("link", name="My e-mail").click()
    expect(page.get_by_role("heading", name="My e-mail")).to_be_visible()


def test_the_sign_in_page_fits_and_passes_axe(desk: Desk, site: DemoSite):
    if desk.page.get_by_role("button", name="Sign out").count():
        desk.sign_out()
    desk.open("/sign-in")
    problems = look_at(desk.page, "anyone-sign-in")
    assert not problems, "\n".join(problems)


def test_the_reports_csv_link_sits_on_the_show_buttons_line(desk: Desk, site: DemoSite):
    """The link beside the button of a form laid out in a row: its words on the button's
    line, not below it, at the laptop's width and the phone's."""
    page = desk.as_person("carla")
    page.goto(site.base + "/reports")
    button = page.get_by_role("button", name="Show", exact=True)
    link = page.get_by_role("link", name="Download as CSV")
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        shown, beside = button.bounding_box(), link.bounding_box()
        assert shown and beside
        middle = shown["y"] + shown["height"] / 2
        assert abs(beside["y"] + beside["height"] / 2 - middle) <= 1, f"at {width}px"
        assert beside["x"] > shown["x"] + shown["width"], f"at {width}px the link is beside the button"
        save_screenshot(page, f"pages/carla-reports-csv-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    fields = [page.get_by_label(name, exact=True).bounding_box() for name in ("From", "To", "Profile")]
    assert all(fields)
    assert len({round(box["y"]) for box in fields if box}) == 1, "the dates and the profile share one line"
    assert len({round(box["height"]) for box in fields if box}) == 1, "and one height"
