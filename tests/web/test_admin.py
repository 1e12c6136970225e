"""The administration pages as an administrator uses them: every change goes through the
domain, says what happened in words, and keeps what was typed when it is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from io import BytesIO

from lxml import html
from sqlalchemy import select

from tests.conftest import World, shown_fields, word_file
from tests.documents.helpers import visible_text
from tests.web.conftest import Person, state_of, text_of
from workflow.audit.models import AuditEvent
from workflow.documents.models import DocumentTemplate
from workflow.money import Money
from workflow.people import passwords
from workflow.people.models import User
from workflow.settings.effective import effective_company, effective_policy
from workflow.tone import check


def person_named(world: World, username: str) -> User | None:
    with world.installation.db.read() as session:
        return session.scalars(select(User).where(User.username == username)).first()


def last_event(world: World) -> AuditEvent:
    with world.installation.db.read() as session:
        return session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()


def alert(page: html.HtmlElement) -> str:
    return text_of(page, "//*[@role='alert']")


def flashes(page: html.HtmlElement) -> str:
    return text_of(page, "//*[contains(@class, 'flash')]")


def test_the_people_page_lists_everyone_with_roles_and_state_in_words(world: World, sign_in: Callable[[str], Person]):
    page = sign_in("dan").page("/admin/")
    rows = [" ".join(row.text_content().split()) for row in page.xpath("//table/tbody/tr")]
    assert "eve eve Author, Peer reviewer, Legal reviewer Active" in rows
    labels = {label.text_content().strip() for label in page.xpath("//label")}
    assert {"Username", "Full name", "Initial password", "Author", "Admin"} <= labels


def test_an_administrator_adds_a_person_who_can_then_sign_in(world: World, sign_in: Callable[[str], Person]):
    dan = sign_in("dan")
    dan.get("/admin/")
    response = dan.post(
        "/admin/people",
        {
            "username": "Gina",
            "display_name": "Gina Rossi",
            "roles": ["author", "peer_reviewer"],
            "password": "a-long-secret-1",
        },
    )
    assert response.status_code == 302
    page = dan.page("/admin/")
    assert "the new person can sign in now" in flashes(page) and "Gina Rossi" in text_of(page, "//table")
    gina = person_named(world, "gina")
    assert gina.role_set == {"author", "peer_reviewer"} and passwords.password_matches(gina, "a-long-secret-1")
    assert (last_event(world).action, last_event(world).actor) == ("create_user", "dan")


def test_a_refused_new_person_keeps_what_was_typed_except_the_password(world: World, sign_in: Callable[[str], Person]):
    dan = sign_in("dan")
    dan.get("/admin/")
    response = dan.post(
        "/admin/people",
        {
            "username": "gina",
            "display_name": "Gina Rossi",
            "roles": ["author"],
            "password": "short",
        },
    )
    assert response.status_code == 400
    page = html.fromstring(response.get_data(as_text=True))
    assert "at least 10 characters" in alert(page)
    assert page.xpath("//input[@name='display_name']/@value") == ["Gina Rossi"]
    assert page.xpath("//input[@name='password']/@value") in ([], [""])
    assert person_named(world, "gina") is None


def test_roles_disable_enable_and_reset_from_the_persons_page(world: World, sign_in: Callable[[str], Person]):
    dan = sign_in("dan")
    ana = world.people["ana"]
    page = dan.page(f"/admin/people/{ana.id}")
    assert page.xpath("//button[normalize-space()='Disable account']")
    dan.post(f"/admin/people/{ana.id}/roles", {"roles": ["author", "peer_reviewer"]})
    assert person_named(world, "ana").role_set == {"author", "peer_reviewer"}
    dan.post(f"/admin/people/{ana.id}/disable")
    page = dan.page(f"/admin/people/{ana.id}")
    assert "Account disabled" in flashes(page) and "Disabled" in text_of(page, "//span[contains(@class,'state')]")
    assert not person_named(world, "ana").active
    dan.post(f"/admin/people/{ana.id}/enable")
    dan.post(f"/admin/people/{ana.id}/password", {"password": "a-brand-new-one"})
    assert passwords.password_matches(person_named(world, "ana"), "a-brand-new-one")
    assert person_named(world, "ana").active


def test_an_administrator_is_told_why_they_cannot_lock_themselves_out(world: World, sign_in: Callable[[str], Person]):
    dan = sign_in("dan")
    me = world.people["dan"].id
    dan.get(f"/admin/people/{me}")
    dan.post(f"/admin/people/{me}/roles", {"roles": ["author"]})
    assert "cannot remove your own administrator role" in alert(dan.page(f"/admin/people/{me}"))
    dan.post(f"/admin/people/{me}/disable")
    assert "cannot disable your own account" in alert(dan.page(f"/admin/people/{me}"))
    assert person_named(world, "dan").role_set == {"admin"} and person_named(world, "dan").active


def test_policy_settings_are_saved_from_the_form(world: World, sign_in: Callable[[str], Person]):
    dan = sign_in("dan")
    page = dan.page("/admin/settings")
    assert page.xpath("//input[@name='threshold-USD']/@value") == ["1000.00"]
    assert page.xpath("//input[@name='waiting_period']/@value") == ["24h"]
    response = dan.post(
        "/admin/settings/policy",
        {
            "waiting_period": "90m",
            "follow_up_days": "30",
            "threshold-USD": "500",
            "threshold-EUR": "",
            "new_currency": "try",
            "new_amount": "20000",
        },
    )
    assert response.status_code == 302
    with world.installation.db.read() as session:
        policy = effective_policy(session, world.installation.config.policy)
    assert policy.waiting_period == timedelta(minutes=90) and policy.follow_up_days == 30
    assert policy.legal_thresholds == {"USD": Money.parse("500", "USD"), "TRY": Money.parse("20000", "TRY")}
    assert dan.page("/admin/settings").xpath("//input[@name='threshold-TRY']/@value") == ["20000.00"]


def test_a_refused_policy_changes_nothing_and_shows_what_was_typed(world: World, sign_in: Callable[[str], Person]):
    dan = sign_in("dan")
    dan.get("/admin/settings")
    response = dan.post(
        "/admin/settings/policy",
        {
            "waiting_period": "90m",
            "follow_up_days": "30",
            "threshold-USD": "lots",
        },
    )
    assert response.status_code == 400
    page = html.fromstring(response.get_data(as_text=True))
    assert alert(page) and page.xpath("//input[@name='threshold-USD']/@value") == ["lots"]
    assert page.xpath("//input[@name='waiting_period']/@value") == ["90m"]
    with world.installation.db.read() as session:
        assert effective_policy(session, world.installation.config.policy) == world.installation.config.policy


def test_company_details_are_saved_and_shown(world: World, sign_in: Callable[[str], Person]):
    dan = sign_in("dan")
    dan.get("/admin/settings")
    dan.post(
        "/admin/settings/company",
        {
            "name": "Lumen Photo",
            "address": "2 Mill Lane\r\nLeeds",
            "phone": "+44 113 0000",
            "email": "hi@lumen.example",
        },
    )
    with world.installation.db.read() as session:
        company = effective_company(session, world.installation.config.company)
    assert (company.name, company.address, company.email) == ("Lumen Photo", "2 Mill Lane\nLeeds", "hi@lumen.example")
    assert dan.page("/admin/settings").xpath("//input[@name='name']/@value") == ["Lumen Photo"]


def test_a_template_with_an_unknown_field_is_refused_by_name_and_a_good_one_is_stored(
    world: World, sign_in: Callable[[str], Person]
):
    dan = sign_in("dan")
    dan.get("/admin/templates")
    bad = word_file("Dear {{ letter.customer_nmae }}")
    response = dan.post("/admin/templates", {"kind": "final", "language": "en", "document": (BytesIO(bad), "bad.docx")})
    assert response.status_code == 400
    assert "letter.customer_nmae" in response.get_data(as_text=True)
    good = word_file("Dear {{ letter.customer_name }}", *shown_fields("final"))
    response = dan.post("/admin/templates", {"kind": "final", "language": "en", "document": (BytesIO(good), "ok.docx")})
    assert response.status_code == 302
    page = dan.page("/admin/templates")
    assert "Template checked and saved" in flashes(page) and "Final letter" in text_of(page, "//table")
    with world.installation.db.read() as session:
        assert session.get(DocumentTemplate, ("final", "en")).content == good


def test_everyone_changes_their_own_password_and_a_wrong_current_one_is_refused(
    world: World, sign_in: Callable[[str], Person]
):
    ben = sign_in("ben")
    ben.get("/account/password")
    response = ben.post(
        "/account/password", {"current": "not-it", "new": "a-brand-new-one", "repeat": "a-brand-new-one"}
    )
    assert response.status_code == 400 and "current password is not right" in response.get_data(as_text=True)
    response = ben.post("/account/password", {"current": "x", "new": "a-brand-new-one", "repeat": "something-else"})
    assert "not the same" in response.get_data(as_text=True)
    assert not passwords.password_matches(person_named(world, "ben"), "a-brand-new-one")


RISKY = "Dear Mary,\n\nObviously the parcel came late. It was your fault. Please use the zorbly app.\n\nRegards"


def test_tone_settings_are_saved_audited_and_applied_where_reviewers_look(
    world: World, sign_in: Callable[[str], Person]
):
    letter = world.letter()
    world.fire("edit", letter, "ana", body=RISKY)
    obviously = next(f.rule for f in check(RISKY, "en").findings if f.text == "Obviously")
    dan = sign_in("dan")
    dan.get("/admin/settings")
    response = dan.post(
        "/admin/settings/tone",
        {"rules_off": f"{obviously}\n", "allowed_words": "Zorbly", "severity-blame": "warning"},
    )
    assert response.status_code == 302
    event = last_event(world)
    assert (event.action, event.actor) == ("change_tone_settings", "dan")
    details = json.loads(event.details)
    assert details["rules_off"] == {"from": [], "to": [obviously]}
    assert details["severities"] == {"from": {}, "to": {"blame": "warning"}}
    page = dan.page("/admin/settings")
    assert text_of(page, "//textarea[@name='allowed_words']") == "zorbly"
    assert page.xpath("//select[@name='severity-blame']/option[@selected]/@value") == ["warning"]

    applied = "Organisation settings: 1 rule off, 1 allowed word, blame lowered to warning"
    shown = sign_in("ana").page(f"/letters/{letter.id}")
    panel = text_of(shown, "//aside[contains(@class,'findings')]")
    assert f"{applied}; 2 findings left out by them." in panel and "Must resolve" not in panel
    assert not [m for m in shown.xpath("//div[@class='letter-text']/mark") if "Obviously" in m.text_content()]

    letter = world.to_review(letter)
    ben = sign_in("ben")
    assert applied in visible_text(ben.get(f"/letters/{letter.id}/documents/peer-review").data)
    assert ben.act(letter, "approve_tone").status_code == 302, "no error is left to acknowledge"
    assert state_of(world, letter) != "peer_review"


def test_a_refused_tone_setting_changes_nothing_and_keeps_what_was_typed(
    world: World, sign_in: Callable[[str], Person]
):
    dan = sign_in("dan")
    dan.get("/admin/settings")
    before = last_event(world).seq
    response = dan.post("/admin/settings/tone", {"rules_off": "obviously", "allowed_words": "Zorbly"})
    assert response.status_code == 400
    page = html.fromstring(response.data)
    assert "“obviously” is not a rule name" in alert(page)
    assert text_of(page, "//textarea[@name='rules_off']") == "obviously"
    assert last_event(world).seq == before
    dan.post("/admin/settings/tone", {"allowed_words": "Zorbly"})
    dan.post("/admin/settings/tone", {"allowed_words": "zorbly\n"})
    assert last_event(world).seq == before + 1, "saving the same settings again records nothing"


def test_a_person_s_page_keeps_the_people_tab_marked(world, sign_in):
    page = sign_in("dan").page(f"/admin/people/{world.people['ana'].id}")
    assert page.xpath("//nav[@aria-label='Administration']/a[@aria-current]/text()") == ["People"]
    assert page.xpath("//nav[@aria-label='Administration']/a[@aria-current]/@aria-current") == ["true"]
