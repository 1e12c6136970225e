"""Every letter queue in the order of the complaint clock or of the due times: soonest first,
letters without one last, ties by the letter's id; the links that change the order keep the
page's other filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from lxml import html

from tests.conftest import World, decision
from tests.web.conftest import Person
from workflow.law.deadlines import deadline_words
from workflow.letters.decision import ComplaintChannel
from workflow.letters.models import Letter
from workflow.letters.queries import Sort, dashboard
from workflow.letters.services import create_holding_response, create_letter
from workflow.people.directory import load_user

RECEIVED = datetime(2026, 3, 2, 10, tzinfo=UTC)


def complaint(world: World, days_later: int | None) -> Letter:
    """A letter under UK general (56 days) received `days_later` days after RECEIVED, with
    its starter text (which makes the statements the profile requires); None: a letter under
    no profile, so with no deadline."""
    if days_later is None:
        return world.letter()
    received = RECEIVED + timedelta(days=days_later)
    made = decision(profile="uk_general", complaint_received_at=received, complaint_channel=ComplaintChannel.EMAIL)
    return create_letter(world.installation, made, world.people["ana"].id, None)


def references(page: html.HtmlElement, queue: str = "") -> list[str]:
    scope = f"//section[@id='queue-{queue}']" if queue else "//main"
    return [a.text_content() for a in page.xpath(f"{scope}//table[@class='letters']//td[@class='ref']/a")]


def test_the_letters_list_sorts_by_legal_deadline_nulls_last_and_ties_by_id(
    world: World, sign_in: Callable[[str], Person]
) -> None:
    made = [complaint(world, d) for d in (None, 20, 5, None, 5, 30)]
    sent = world.approved(complaint(world, 1))
    sent = world.fire("send", sent, "ana", channel="first_class_mail", sent_on=world.clock.now().date())
    ref = {i: letter.reference for i, letter in enumerate(made)}
    page = sign_in("ana").page("/letters?sort=deadline")
    # 5 days (two letters: by id), 20, 30; then the letters with no deadline running: the two
    # under no profile and the one already sent, by id.
    assert references(page) == [ref[2], ref[4], ref[1], ref[5], ref[0], ref[3], sent.reference]


def test_the_sort_links_keep_the_other_filters_and_start_from_the_first_page(
    world: World, sign_in: Callable[[str], Person]
) -> None:
    for days in (3, 1, None):
        complaint(world, days)
    page = sign_in("ana").page("/letters?state=draft&language=en&sort=newest&page=1&q=Mary")
    links = {a.text_content(): a.get("href") for a in page.xpath("//p[contains(@class, 'sort-links')]/a")}
    assert set(links) == {Sort.DUE.label, Sort.DEADLINE.label}
    asked = parse_qs(urlsplit(links[Sort.DEADLINE.label]).query)
    assert asked == {"state": ["draft"], "language": ["en"], "q": ["Mary"], "sort": ["deadline"]}
    assert page.xpath("//p[contains(@class, 'sort-links')]/strong")[0].text_content() == Sort.NEWEST.label


def test_my_work_orders_every_queue_by_deadline_or_by_due_time(world: World, sign_in: Callable[[str], Person]) -> None:
    """Submitted an hour apart, the first is due first; received later, its deadline is later."""
    early, late = complaint(world, 10), complaint(world, 0)
    for letter in (early, late):
        world.to_review(letter)
        world.clock.advance(timedelta(hours=1))
    ben = sign_in("ben")
    assert references(ben.page("/?sort=due"), "peer") == [early.reference, late.reference]
    assert references(ben.page("/?sort=deadline"), "peer") == [late.reference, early.reference]
    assert references(ben.page("/"), "peer") == [early.reference, late.reference]  # the queue's own: due
    home = ben.page("/?sort=deadline")
    assert home.xpath("//p[contains(@class, 'sort-links')]/strong")[0].text_content() == Sort.DEADLINE.label
    [more] = [a.get("href") for a in home.xpath("//a[@href]") if a.get("href") == "/?sort=due"]
    assert more
    with world.installation.db.read() as session:
        queues = dashboard(session, load_user(session, world.people["ben"].id), RECEIVED.date(), sort=Sort.DEADLINE)
    assert [r.reference for r in next(q for q in queues if q.key == "peer").rows] == [late.reference, early.reference]


def test_my_work_ignores_an_order_it_does_not_know(world: World, sign_in: Callable[[str], Person]) -> None:
    letter = world.to_review(complaint(world, 0))
    page = sign_in("ben").page("/?sort=customer")
    assert references(page, "peer") == [letter.reference]
    assert page.xpath("//p[contains(@class, 'sort-links')]/strong")[0].text_content() == "Each queue's own order"


def test_a_sent_holding_response_moves_its_letter_to_the_longer_deadline_in_my_work_and_the_list(
    world: World, sign_in: Callable[[str], Person]
) -> None:
    """Under UK payment services (15 business days, 35 once a holding response has gone): the
    letter whose holding response was sent shows and sorts by the longer deadline; the one
    whose holding response is still a draft keeps the first, past by now."""
    world.clock.set(RECEIVED + timedelta(days=1))
    made = decision(
        profile="uk_payment_services", complaint_received_at=RECEIVED, complaint_channel=ComplaintChannel.EMAIL
    )
    held, drafted = (create_letter(world.installation, made, world.people["ana"].id, None) for _ in range(2))
    between = complaint(world, -10)  # UK general from 20 February: between the two deadlines
    for letter, send in ((held, True), (drafted, False)):
        holding = create_holding_response(world.installation, letter.id, world.people["ana"].id)
        if send:
            world.sent(holding)
    assert held.deadline_at and held.deadline_extended_at and between.deadline_at
    assert held.deadline_at < between.deadline_at < held.deadline_extended_at
    world.clock.set(held.deadline_at + timedelta(days=2))
    finals = {held.reference, drafted.reference, between.reference}
    ana = sign_in("ana")
    for page, queue in ((ana.page("/letters?sort=deadline"), ""), (ana.page("/?sort=deadline"), "drafts")):
        assert [r for r in references(page, queue) if r in finals] == [
            drafted.reference,
            between.reference,
            held.reference,
        ]
        shown = {r: deadline_shown(page, r) for r in finals}
        now = world.clock.now()
        assert shown == {
            held.reference: deadline_words(held.deadline_extended_at, now),
            drafted.reference: deadline_words(drafted.deadline_at, now),
            between.reference: deadline_words(between.deadline_at, now),
        }
        assert shown[held.reference].startswith("final answer due in")
        assert shown[drafted.reference].startswith("past deadline by")


def deadline_shown(page: html.HtmlElement, reference: str) -> str:
    """The legal deadline in words on the row of `reference`."""
    [cell] = page.xpath(
        f"//tr[td[@class='ref']/a[text()='{reference}']]/td[@class='due-cell']/span[contains(@class, 'note')]"
    )
    return cell.text_content()
