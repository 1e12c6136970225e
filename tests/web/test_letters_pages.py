"""The pages people read: the dashboard, the list, a letter, a comparison, a customer file."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.conftest import WAIT
from tests.documents.helpers import visible_text
from tests.web.conftest import text_of
from tests.web.test_letters_downloads import store
from workflow.letters.models import Letter


def _links(page) -> list[str]:
    return [a.get("href") for a in page.xpath("//main//a")]


def test_dashboard_shows_each_queue_with_counts_and_never_my_own_letters_to_review(world, sign_in):
    draft = world.letter()
    waiting = world.fire("finish_draft", world.letter(customer_name="Wanda Wait"), "ana")
    for_review = world.to_review(world.letter(customer_name="Rita Review"))
    own_for_review = world.to_review(world.letter(customer_name="Eve Own", author="eve"), author="eve")
    legal = world.fire("approve_tone", world.to_review(world.letter("5000.00", customer_name="Lena Legal")), "ben")

    ana = sign_in("ana").page("/")
    assert "My drafts 1" in text_of(ana, "//section[@id='queue-drafts']/h2")
    assert draft.reference in text_of(ana, "//section[@id='queue-drafts']")
    waiting_box = text_of(ana, "//section[@id='queue-waiting']")
    assert waiting.reference in waiting_box and "until" in waiting_box
    assert not ana.xpath("//section[@id='queue-peer']"), "an author alone has no review queue"

    eve = sign_in("eve").page("/")
    peer_box = text_of(eve, "//section[@id='queue-peer']")
    assert for_review.reference in peer_box and own_for_review.reference not in peer_box
    assert legal.reference in text_of(eve, "//section[@id='queue-legal']")


def test_dashboard_lists_letters_to_send_and_follow_ups_due(world, sign_in):
    approved = world.approved(world.letter())
    sent = world.sent(world.letter(customer_name="Sam Sent"))
    page = sign_in("ana").page("/")
    assert approved.reference in text_of(page, "//section[@id='queue-to_send']")
    assert sent.reference not in text_of(page, "//section[@id='queue-follow_ups']")

    world.clock.advance(timedelta(days=91))
    page = sign_in("ana").page("/")
    assert sent.reference in text_of(page, "//section[@id='queue-follow_ups']")


def test_letters_list_filters_searches_sorts_and_pages(world, sign_in):
    for index in range(55):
        world.letter(customer_name=f"Customer {index:02d}")
    euro = world.letter("2500.00", "EUR", customer_name="Élodie Euro", language="es", order_reference="ORD-77")
    by_eve = world.letter(customer_name="Eva Author", author="eve")
    ben = sign_in("ben")

    first = ben.page("/letters")
    assert "57 letters match" in text_of(first, "//main")
    assert len(first.xpath("//table[@class='letters']/tbody/tr")) == 50
    assert "/letters?page=2" in _links(first)
    assert len(ben.page("/letters?page=2").xpath("//table[@class='letters']/tbody/tr")) == 7

    assert euro.reference in text_of(ben.page("/letters?language=es"), "//table")
    assert "1 letter matches" in text_of(ben.page("/letters?currency=EUR&amount_min=2000&amount_max=3000"))
    assert "0 letters match" in text_of(ben.page("/letters?currency=USD&amount_min=2000"))
    assert "Give a currency" in text_of(ben.page("/letters?amount_min=10"))
    assert text_of(ben.page(f"/letters?author={world.people['eve'].id}"), "//tbody").count("TL-") == 1
    assert by_eve.reference in text_of(ben.page("/letters?q=eva"), "//tbody")
    assert euro.reference in text_of(ben.page(f"/letters?q={euro.reference.lower()}"), "//tbody")
    assert euro.reference in text_of(ben.page("/letters?q=ORD-77"), "//tbody")
    assert "0 letters match" in text_of(ben.page("/letters?state=sent"))

    by_customer = ben.page("/letters?sort=customer").xpath("//tbody/tr/td[2]")
    names = [cell.text_content() for cell in by_customer]
    assert names == sorted(names)


def test_new_letter_form_has_every_labelled_field(world, sign_in):
    page = sign_in("ana").page("/letters/new")
    shown = {" ".join(label.text_content().split()) for label in page.xpath("//label")}
    labels = {label.removesuffix(" (required)") for label in shown}
    assert {label for label in shown if label.endswith(" (required)")} == {
        "Customer name (required)",
        "Amount requested (required)",
        "Currency (required)",
        "Language (required)",
        "Customer's reason (required)",
    }
    for wanted in (
        "Customer name",
        "Customer email",
        "Form of address",
        "Postal address",
        "Order reference",
        "Amount requested",
        "Currency",
        "Language",
        "Customer's reason",
        "Concession",
        "Concession amount",
        "Internal notes",
    ):
        assert wanted in labels
    for label in page.xpath("//label[@for]"):
        assert page.xpath(f"//*[@id='{label.get('for')}']"), f"label {label.text_content()} points nowhere"
    assert "Reasons for refusal" in text_of(page, "//legend")
    assert page.xpath("//button[normalize-space()='Create draft']")


def test_new_letter_creates_a_draft_with_the_starter_text(world, sign_in):
    ana = sign_in("ana")
    response = ana.post(
        "/letters/new",
        {
            "customer_name": "Nora New",
            "amount": "120.00",
            "currency": "usd",
            "language": "en",
            "customer_reason": "Too late.",
            "reasons": ["delivered_on_time"],
            "concession": "none",
            "internal_notes": "Long-standing customer.",
        },
    )
    assert response.status_code == 302
    page = ana.page(response.headers["Location"])
    body = page.xpath("//textarea[@id='letter-text']")[0].text_content()
    assert "Thank you for your message" in body and "$120.00" in body
    assert "Long-standing customer" not in body
    assert "Draft" in text_of(page, "//p[@class='facts']")


def test_the_form_of_address_chosen_greets_the_customer_in_the_documents(world, sign_in):
    ana = sign_in("ana")
    typed = {
        "customer_name": "María García López",
        "form_of_address": "ms",
        "amount": "120.00",
        "currency": "EUR",
        "language": "es",
        "customer_reason": "Llegó tarde.",
        "reasons": ["delivered_on_time"],
        "concession": "none",
    }
    location = ana.post("/letters/new", typed).headers["Location"]
    assert "Ms María García López" in text_of(ana.page(location), "//section[contains(@class, 'decision')]")
    draft = visible_text(ana.get(f"{location}/documents/draft").data)
    assert "Estimada Sra. García López:" in draft and "/a" not in draft


def test_a_form_of_address_not_offered_is_named(world, sign_in):
    response = sign_in("ana").post(
        "/letters/new",
        {
            "customer_name": "Kept Name",
            "form_of_address": "sir",
            "amount": "12.00",
            "currency": "USD",
            "language": "en",
            "customer_reason": "Late.",
            "reasons": ["delivered_on_time"],
            "concession": "none",
        },
    )
    assert response.status_code == 422
    assert "Form of address" in response.get_data(as_text=True) and "not one of the choices" in response.get_data(
        as_text=True
    )


def test_new_letter_names_every_problem_and_keeps_what_was_typed(world, sign_in):
    response = sign_in("ana").post(
        "/letters/new",
        {"customer_name": "Kept Name", "amount": "12.345", "currency": "USD", "language": "en", "concession": "none"},
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "at most 2 digits" in text and "Kept Name" in text
    assert "Customer&#39;s reason is required" in text or "Customer's reason is required" in text


def test_only_authors_may_start_a_letter(world, sign_in):
    assert sign_in("ben").get("/letters/new").status_code == 403


def test_letter_page_marks_findings_and_internal_data(world, sign_in):
    letter = world.letter(internal_notes="Customer for six years.")
    ana = sign_in("ana")
    ana.act(letter, "edit", body="Dear Mary,\n\nObviously you did not read the policy. It was your fault.\n\nRegards")
    page = ana.page(f"/letters/{letter.id}")
    marks = page.xpath("//div[@class='letter-text']/mark")
    assert marks and all(m.get("title") for m in marks)
    assert any("Obviously" in m.text_content() for m in marks)
    assert "Must resolve" in text_of(page, "//aside[contains(@class,'findings')]")
    assert "Customer for six years." in text_of(page, "//div[@class='internal']")
    assert "Internal" in text_of(page, "//div[@class='internal']")


def test_letter_page_shows_only_the_actions_allowed_and_says_why_not(world, sign_in):
    letter = world.to_review(world.letter())
    ana = sign_in("ana").page(f"/letters/{letter.id}")
    buttons = [b.text_content() for b in ana.xpath("//section[contains(@class,'actions')]//button")]
    assert buttons == ["Withdraw"]
    assert "You wrote this letter, so someone else must review it." in text_of(ana, "//dl[@class='refused']")

    ben = sign_in("ben").page(f"/letters/{letter.id}")
    buttons = [b.text_content() for b in ben.xpath("//section[contains(@class,'actions')]//button")]
    assert buttons == ["Submit review"]
    decisions = ben.xpath("//form[@id='review']//input[@name='decision']")
    assert [d.get("value") for d in decisions] == ["approve_tone", "escalate_to_legal", "request_changes"]
    assert [text_of(ben, f"//label[@for='{d.get('id')}']") for d in decisions] == [
        "Approve tone",
        "Escalate to legal",
        "Request changes",
    ]
    assert "Only the letter's author or an administrator" in text_of(ben, "//dl[@class='refused']")


def test_every_action_form_carries_the_revision_seen(world, sign_in):
    letter = world.letter()
    page = sign_in("ana").page(f"/letters/{letter.id}")
    forms = page.xpath("//form[contains(@class,'action') or @id='review']")
    assert forms
    for form in forms:
        assert form.xpath(".//input[@name='revision']/@value") == [str(letter.revision)]
        assert form.xpath(".//input[@name='csrf_token']")


def test_versions_compare_as_a_readable_diff(world, sign_in):
    letter = world.letter()
    ana = sign_in("ana")
    for when in ("on time", "early"):
        ana.act(letter, "edit", body=f"Dear Mary,\n\nWe delivered it {when}, as agreed.\n\nKind regards")
    page = ana.page(f"/letters/{letter.id}/compare?old=2&new=3")
    assert text_of(page, "//div[contains(@class,'diff')]/del") == "on time"
    assert text_of(page, "//div[contains(@class,'diff')]/ins") == "early"
    ana.page(f"/letters/{letter.id}/compare?old=1&new=9", status=404)
    other = world.letter()
    ana.page(f"/letters/{other.id}/compare?old=1&new=2", status=404)


def test_timeline_and_review_comments_come_from_the_record(world, sign_in):
    letter = world.fire("request_changes", world.to_review(world.letter()), "ben", comment="Too cold in tone.")
    page = sign_in("carla").page(f"/letters/{letter.id}")
    assert "Too cold in tone." in text_of(page, "//ul[@class='comments']")
    timeline = text_of(page, "//ol[@class='timeline']")
    assert "finished the draft of version 1" in timeline and "asked for changes to version 1" in timeline


def test_waiting_letter_shows_when_the_wait_ends(world, sign_in):
    letter = world.fire("finish_draft", world.letter(), "ana")
    page = sign_in("ana").page(f"/letters/{letter.id}")
    ends = (world.clock.now() + WAIT).strftime("%H:%M")
    assert "Waiting period ends" in text_of(page, "//p[@class='facts']") and ends in text_of(
        page, "//p[@class='facts']"
    )


def test_unknown_letters_are_not_found(world, sign_in):
    ana = sign_in("ana")
    assert ana.get("/letters/999").status_code == 404
    assert ana.act(Letter(id=999), "finish_draft", revision=1).status_code == 404


def test_customer_file_lists_every_letter_to_that_customer(world, sign_in):
    first = world.sent(world.letter(customer_name="Fay File"))
    second = world.letter(customer_name="Fay File")
    world.letter(customer_name="Someone Else")
    ben = sign_in("ben")
    found = ben.page("/customers?q=fay")
    assert "/customers/file?name=Fay+File&email=mary@example.org" in _links(found)
    page = ben.page("/customers/file?name=Fay+File&email=mary@example.org")
    text = text_of(page)
    assert first.reference in text and second.reference in text and "Someone Else" not in text


def test_two_customers_of_one_name_with_different_emails_have_two_files(world, sign_in):
    """Told apart by e-mail as well as name: one John Smith never reads the other's file."""
    first = world.letter(customer_name="John Smith", customer_email="john@one.example")
    second = world.letter(customer_name="John Smith", customer_email="john@two.example")
    ben = sign_in("ben")
    links = _links(ben.page("/customers?q=john"))
    assert "/customers/file?name=John+Smith&email=john@one.example" in links
    assert "/customers/file?name=John+Smith&email=john@two.example" in links
    text = text_of(ben.page("/customers/file?name=John+Smith&email=john@two.example"), "//main")
    assert second.reference in text and first.reference not in text
    letter_page = ben.page(f"/letters/{first.id}")
    assert "/customers/file?name=John+Smith&email=john@one.example" in _links(letter_page)


def test_the_customer_file_lists_only_the_final_letter_as_sent(world, sign_in):
    """The lawyer's handed-back working copy carries internal notes: it is internal, never "sent"."""
    sent = world.sent(world.letter(customer_name="Sid Sent"))
    approved = world.approved(world.letter(customer_name="Sid Sent"))
    store(world, sent, b"PK final", "final", "final.docx")
    store(world, sent, b"%PDF final", "final-pdf", "final.pdf", "application/pdf")
    store(world, sent, b"PK lawyer", "upload", "lawyer-edits.docx")
    store(world, approved, b"PK not yet sent", "final", "unsent.docx")
    page = sign_in("ben").page("/customers/file?name=Sid+Sent&email=mary@example.org")
    sent_card, approved_card = (f"//section[@id='letter-{letter.id}']" for letter in (sent, approved))
    assert text_of(page, f"{sent_card}//ul[contains(@class, 'sent')]").count("final.") == 2
    assert "Final letter (PDF)" in text_of(page, f"{sent_card}//ul[contains(@class, 'sent')]")
    internal = text_of(page, f"{sent_card}//ul[contains(@class, 'internal')]")
    assert "lawyer-edits.docx" in internal and "handed-back working copy" in internal and "final" not in internal
    assert not page.xpath(f"{approved_card}//ul[contains(@class, 'sent')]")
    assert "unsent.docx" in text_of(page, f"{approved_card}//ul[contains(@class, 'internal')]")


def test_a_customer_file_without_an_email_is_found_by_name(world, sign_in):
    letter = world.letter(customer_name="Nell Nomail", customer_email="")
    page = sign_in("ben").page("/customers/file?name=Nell+Nomail")
    assert letter.reference in text_of(page, "//main") and "no e-mail" in text_of(page, "//h1")


def test_pages_require_sign_in(app, world):
    client = app.test_client()
    for url in ("/", "/letters", "/letters/new", "/customers", "/customers/file?name=x"):
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_letter_page_lists_ten_findings_per_kind_and_counts_the_rest(world, sign_in):
    """Hundreds of findings of one kind are named once with a count; the text still marks each."""
    shouts = " ".join(f"THIS IS FINAL NUMBER {n}!!!" for n in range(40))
    letter = world.fire("edit", world.letter(), "ana", body=f"Thank you for your order. {shouts}")
    page = sign_in("ana").page(f"/letters/{letter.id}")
    listed = page.xpath("//ol[@class='finding-list']/li[contains(@class, 'sev-')]")
    categories = [text_of(item, ".//span[@class='cat']") for item in listed]
    assert categories.count("shouting") == 10
    more = text_of(page, "//ol[@class='finding-list']/li[contains(@class, 'more')]")
    assert re.fullmatch(r"and \d+ more shouting findings, marked in the text", more)
    assert len(page.xpath("//div[@class='letter-text']/mark")) > 10


def test_a_phone_names_each_letter_cell_it_shows_and_no_empty_one(world, sign_in):
    """On a phone the table's cells are named by their data-label: the amount is named, and
    a letter with nothing due has no "Due:" left standing before the next cell."""
    world.letter(customer_name="Nora Nodue")
    page = sign_in("ana").page("/letters")
    [row] = page.xpath("//table[@class='letters']/tbody/tr")
    assert row.xpath("td[@class='num']/@data-label") == ["Amount"]
    assert row.xpath("td[@class='due-cell']/@data-label") == []


def test_the_header_keeps_the_work_in_the_menu_and_the_person_s_own_pages_under_their_name(world, sign_in):
    page = sign_in("ana").page("/")
    assert page.xpath("//nav[@aria-label='Main']/a/text()") == ["My work", "Letters", "New letter", "Customers"]
    menu = page.xpath("//header//details[@class='account-menu']")[0]
    assert menu.xpath("string(summary)") == "Your account: ana"
    assert menu.xpath(".//nav[@aria-label='Your account']/a/@href") == [
        "/account/away",
        "/account/notifications",
        "/account/password",
    ]
