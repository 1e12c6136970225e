"""Administration use cases: the domain refuses non-administrators on its own, every change
is one audit event without secrets, and an administrator cannot lock themselves out."""

from __future__ import annotations

import json
from datetime import timedelta
from io import BytesIO

import docx
import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD, World, shown_fields
from workflow.audit.models import AuditEvent
from workflow.documents import DocumentKind, template_store
from workflow.documents.models import DocumentTemplate
from workflow.errors import InvalidInput, NotFound, Refused
from workflow.money import Money
from workflow.people import accounts, administration, passwords
from workflow.people.models import User
from workflow.settings import changes
from workflow.settings.effective import effective_company, effective_policy


def word_template(text: str, kind: str = "final") -> bytes:
    document = docx.Document()
    for paragraph in (text, *shown_fields(kind)):
        document.add_paragraph(paragraph)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def events(world: World) -> list[AuditEvent]:
    with world.installation.db.read() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def fresh(world: World, name: str) -> User:
    with world.installation.db.read() as session:
        return session.scalars(select(User).where(User.username == name)).one()


def test_creating_a_person_is_recorded_with_the_administrator_and_without_the_password(world: World) -> None:
    dan = world.people["dan"]
    gina = accounts.new_user("Gina", "a-long-secret-1", ["author", "peer_reviewer"], display_name="Gina Rossi")
    person = accounts.create_user(world.installation, gina, admin_id=dan.id)
    assert person.username == "gina" and person.role_set == {"author", "peer_reviewer"}
    last = events(world)[-1]
    assert (last.action, last.actor, last.actor_roles) == ("create_user", "dan", "admin")
    assert json.loads(last.details) == {"user": "gina", "roles": "author peer_reviewer"}
    assert "a-long-secret-1" not in last.details and person.password_hash not in last.details


@pytest.mark.parametrize("name", ["ana", "ben", "carla", "eve", "finn"])
def test_only_an_administrator_may_administer_and_a_refusal_is_recorded(world: World, name: str) -> None:
    actor = world.people[name]
    target = world.people["ana"]
    attempts = [
        lambda: accounts.create_user(
            world.installation, accounts.new_user("gina", "a-long-secret-1", ["author"]), admin_id=actor.id
        ),
        lambda: administration.disable_user(world.installation, actor.id, target.id),
        lambda: administration.enable_user(world.installation, actor.id, target.id),
        lambda: administration.reset_password(world.installation, actor.id, target.id, "a-long-secret-1"),
        lambda: administration.set_roles(world.installation, actor.id, target.id, ["admin"]),
        lambda: changes.change_policy(world.installation, actor.id, {"follow_up_days": 30}),
        lambda: changes.change_company(world.installation, actor.id, {"name": "Other Ltd"}),
    ]
    for attempt in attempts:
        with pytest.raises(Refused, match="Only an administrator can"):
            attempt()
    refused = [e for e in events(world) if e.outcome == "refused"]
    assert [e.actor for e in refused] == [name] * len(attempts)
    assert fresh(world, "ana").roles == "author" and fresh(world, "ana").active


def test_a_disabled_administrator_cannot_act(world: World) -> None:
    dan = world.people["dan"]
    second = accounts.create_user(
        world.installation, accounts.new_user("olga", "a-long-secret-1", ["admin"]), admin_id=dan.id
    )
    administration.disable_user(world.installation, second.id, dan.id)
    with pytest.raises(Refused, match="disabled"):
        administration.set_roles(world.installation, dan.id, world.people["ana"].id, ["admin"])


def test_disabling_and_resetting_end_the_persons_sessions(world: World) -> None:
    dan, ana = world.people["dan"], world.people["ana"]
    epoch = ana.session_epoch
    administration.reset_password(world.installation, dan.id, ana.id, "a-brand-new-one")
    assert fresh(world, "ana").session_epoch == epoch + 1
    assert passwords.password_matches(fresh(world, "ana"), "a-brand-new-one")
    administration.disable_user(world.installation, dan.id, ana.id)
    assert fresh(world, "ana").session_epoch == epoch + 2 and not fresh(world, "ana").active
    administration.enable_user(world.installation, dan.id, ana.id)
    assert fresh(world, "ana").active
    assert [e.action for e in events(world)[-3:]] == ["reset_password", "disable_user", "enable_user"]
    assert "a-brand-new-one" not in "".join(e.details for e in events(world))


def test_an_administrator_cannot_lock_themselves_out(world: World) -> None:
    dan = world.people["dan"]
    with pytest.raises(Refused, match="own account"):
        administration.disable_user(world.installation, dan.id, dan.id)
    with pytest.raises(Refused, match="own administrator role"):
        administration.set_roles(world.installation, dan.id, dan.id, ["author"])
    with pytest.raises(Refused, match="My password"):
        administration.reset_password(world.installation, dan.id, dan.id, "a-long-secret-1")
    administration.set_roles(world.installation, dan.id, dan.id, ["admin", "author"])
    assert fresh(world, "dan").role_set == {"admin", "author"} and fresh(world, "dan").active


def test_bad_input_is_refused_with_its_reason_and_changes_nothing_but_the_record(world: World) -> None:
    dan, ana = world.people["dan"], world.people["ana"]
    before = len(events(world))
    with pytest.raises(InvalidInput, match="at least 10 characters"):
        administration.reset_password(world.installation, dan.id, ana.id, "short")
    with pytest.raises(InvalidInput, match="Unknown role"):
        administration.set_roles(world.installation, dan.id, ana.id, ["boss"])
    with pytest.raises(InvalidInput, match="at least one role"):
        administration.set_roles(world.installation, dan.id, ana.id, [])
    with pytest.raises(InvalidInput, match="is taken"):
        accounts.create_user(
            world.installation, accounts.new_user("ana", "a-long-secret-1", ["author"]), admin_id=dan.id
        )
    with pytest.raises(InvalidInput, match="already enabled"):
        administration.enable_user(world.installation, dan.id, ana.id)
    with pytest.raises(NotFound):
        administration.disable_user(world.installation, dan.id, 9999)
    refused = events(world)[before:]
    assert [(e.action, e.outcome) for e in refused] == [
        ("reset_password", "refused"),
        ("set_roles", "refused"),
        ("set_roles", "refused"),
        ("create_user", "refused"),
        ("enable_user", "refused"),
    ]
    assert "Unknown role" in refused[1].comment and "is taken" in refused[3].comment
    assert all("short" not in e.comment + (e.details or "") for e in refused), "a password never reaches the trail"


def test_changing_my_password_needs_the_current_one_and_ends_my_other_sessions(world: World) -> None:
    ana = world.people["ana"]
    with pytest.raises(Refused, match="current password is not right"):
        passwords.change_password(world.installation, ana.id, "wrong-password", "a-brand-new-one")
    assert events(world)[-1].outcome == "refused"
    with pytest.raises(InvalidInput, match="must differ"):
        passwords.change_password(world.installation, ana.id, PASSWORD, PASSWORD)
    changed = passwords.change_password(world.installation, ana.id, PASSWORD, "a-brand-new-one")
    assert changed.session_epoch == ana.session_epoch + 1
    assert passwords.password_matches(fresh(world, "ana"), "a-brand-new-one")
    last = events(world)[-1]
    assert (last.action, last.actor, last.details) == ("change_password", "ana", "{}")


def test_policy_changes_are_validated_applied_together_and_recorded_with_before_and_after(world: World) -> None:
    dan = world.people["dan"]
    with pytest.raises(InvalidInput, match="whole number of days"):
        changes.change_policy(world.installation, dan.id, {"waiting_period": 60, "follow_up_days": "soon"})
    with pytest.raises(InvalidInput, match="should look like"):
        changes.change_policy(world.installation, dan.id, {"legal_thresholds": "USD 5"})
    with pytest.raises(InvalidInput, match="Unknown setting"):
        changes.change_policy(world.installation, dan.id, {"colour": "blue"})
    changes.change_policy(
        world.installation,
        dan.id,
        {
            "waiting_period": 3600,
            "follow_up_days": "30",
            "legal_thresholds": "usd=500,TRY=20000.00",
        },
    )
    with world.installation.db.read() as session:
        policy = effective_policy(session, world.installation.config.policy)
    assert policy.waiting_period == timedelta(hours=1) and policy.follow_up_days == 30
    assert policy.legal_thresholds == {"USD": Money.parse("500", "USD"), "TRY": Money.parse("20000", "TRY")}
    assert json.loads(events(world)[-1].details) == {
        "waiting_period": {"from": 86400, "to": 3600},
        "waiting_letters": {"rule": changes.WAITING_LETTERS_RULE, "moved": []},
        "follow_up_days": {"from": 90, "to": 30},
        "legal_thresholds": {"from": "EUR=1000.00,USD=1000.00", "to": "TRY=20000.00,USD=500.00"},
    }
    count = len(events(world))
    changes.change_policy(world.installation, dan.id, {"follow_up_days": 30})
    assert len(events(world)) == count, "saving the same values again records nothing"


def test_company_details_override_the_configuration(world: World) -> None:
    dan = world.people["dan"]
    with pytest.raises(InvalidInput, match="cannot be empty"):
        changes.change_company(world.installation, dan.id, {"name": "  "})
    with pytest.raises(InvalidInput, match="on one line"):
        changes.change_company(world.installation, dan.id, {"phone": "1\r\n2"})
    with pytest.raises(InvalidInput, match="not an e-mail address"):
        changes.change_company(world.installation, dan.id, {"email": "nobody"})
    changes.change_company(world.installation, dan.id, {"name": "Lumen Photo", "address": "2 Mill Lane\r\nLeeds"})
    with world.installation.db.read() as session:
        company = effective_company(session, world.installation.config.company)
    assert (company.name, company.address) == ("Lumen Photo", "2 Mill Lane\nLeeds")
    assert company.email == world.installation.config.company.email
    assert json.loads(events(world)[-1].details)["name"]["to"] == "Lumen Photo"


def test_a_template_is_validated_before_it_is_stored(world: World) -> None:
    dan = world.people["dan"]
    with pytest.raises(InvalidInput, match="letter.customer_nmae"):
        template_store.upload_template(
            world.installation, dan.id, "final", "en", word_template("Dear {{ letter.customer_nmae }}")
        )
    with pytest.raises(InvalidInput, match="letter language"):
        template_store.upload_template(world.installation, dan.id, "final", "xx", word_template("Hello"))
    with pytest.raises(InvalidInput, match="Unknown document kind"):
        template_store.upload_template(world.installation, dan.id, "memo", "", word_template("Hello"))
    good = word_template("Dear {{ letter.customer_name }}")
    template_store.upload_template(world.installation, dan.id, "final", "en", good)
    template_store.upload_template(
        world.installation, dan.id, "peer-review", "es", word_template("Packet", "peer-review")
    )
    with world.installation.db.read() as session:
        assert template_store.uploaded_template(session, DocumentKind.FINAL, "en") == good
        assert template_store.uploaded_template(session, DocumentKind.FINAL, "es") is None
        assert template_store.uploaded_template(session, DocumentKind.PEER_REVIEW, "bg") is not None
        assert session.scalars(select(DocumentTemplate.language)).all() == ["en", ""]
    assert [e.action for e in events(world)[-2:]] == ["upload_template", "upload_template"]


def test_a_person_s_details_are_stored_without_control_characters() -> None:
    """The same text on SQLite and PostgreSQL, which refuses NUL (issue 12, item 11)."""
    person = accounts.new_user("gina", "a-long-secret-1", ["author"], display_name="Gina\x00 Rossi", title="\x1bLead")
    assert (person.display_name, person.title) == ("Gina Rossi", "Lead")


def test_a_person_the_administrator_cannot_add_is_a_refusal_on_the_record(world: World) -> None:
    dan = world.people["dan"]
    before = len(events(world))
    with pytest.raises(InvalidInput, match="A username is"):
        accounts.add_person(world.installation, dan.id, "Not A Name!", "a-long-secret-1", ["author"])
    with pytest.raises(InvalidInput, match="at least 10 characters"):
        accounts.add_person(world.installation, dan.id, "erin", "short", ["author"])
    refused = events(world)[before:]
    assert [(e.action, e.outcome, e.actor) for e in refused] == [("create_user", "refused", "dan")] * 2
    added = accounts.add_person(world.installation, dan.id, "erin", "a-long-secret-1", ["author"], title="Agent")
    assert added.title == "Agent" and events(world)[-1].outcome == "ok"
