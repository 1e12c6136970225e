"""Administration use cases: the domain refuses non-administrators on its own, every change
is one audit event without secrets, and an administrator cannot lock themselves out."""
from __future__ import annotations

import json
from datetime import timedelta
from io import BytesIO

import docx

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD, World
from workflow import administration as admin
from workflow import users
from workflow.config import effective_company, effective_policy
from workflow.documents import DocumentKind
from workflow.errors import InvalidInput, NotFound, Refused
from workflow.models import AuditEvent, DocumentTemplate, User
from workflow.money import Money


def word_template(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def events(world: World) -> list[AuditEvent]:
    with world.wf.db.read() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def fresh(world: World, name: str) -> User:
    with world.wf.db.read() as session:
        return session.scalars(select(User).where(User.username == name)).one()


def test_creating_a_person_is_recorded_with_the_administrator_and_without_the_password(world: World) -> None:
    dan = world.people["dan"]
    gina = users.new_user("Gina", "a-long-secret-1", ["author", "peer_reviewer"], display_name="Gina Rossi")
    person = admin.create_user(world.wf, dan.id, gina)
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
        lambda: admin.create_user(world.wf, actor.id, users.new_user("gina", "a-long-secret-1", ["author"])),
        lambda: admin.disable_user(world.wf, actor.id, target.id),
        lambda: admin.enable_user(world.wf, actor.id, target.id),
        lambda: admin.reset_password(world.wf, actor.id, target.id, "a-long-secret-1"),
        lambda: admin.set_roles(world.wf, actor.id, target.id, ["admin"]),
        lambda: admin.change_policy(world.wf, actor.id, {"follow_up_days": 30}),
        lambda: admin.change_company(world.wf, actor.id, {"name": "Other Ltd"}),
    ]
    for attempt in attempts:
        with pytest.raises(Refused, match="Only an administrator can"):
            attempt()
    refused = [e for e in events(world) if e.outcome == "refused"]
    assert [e.actor for e in refused] == [name] * len(attempts)
    assert fresh(world, "ana").roles == "author" and fresh(world, "ana").active


def test_a_disabled_administrator_cannot_act(world: World) -> None:
    dan = world.people["dan"]
    second = admin.create_user(world.wf, dan.id, users.new_user("olga", "a-long-secret-1", ["admin"]))
    admin.disable_user(world.wf, second.id, dan.id)
    with pytest.raises(Refused, match="disabled"):
        admin.set_roles(world.wf, dan.id, world.people["ana"].id, ["admin"])


def test_disabling_and_resetting_end_the_persons_sessions(world: World) -> None:
    dan, ana = world.people["dan"], world.people["ana"]
    epoch = ana.session_epoch
    admin.reset_password(world.wf, dan.id, ana.id, "a-brand-new-one")
    assert fresh(world, "ana").session_epoch == epoch + 1
    assert users.password_matches(fresh(world, "ana"), "a-brand-new-one")
    admin.disable_user(world.wf, dan.id, ana.id)
    assert fresh(world, "ana").session_epoch == epoch + 2 and not fresh(world, "ana").active
    admin.enable_user(world.wf, dan.id, ana.id)
    assert fresh(world, "ana").active
    assert [e.action for e in events(world)[-3:]] == ["reset_password", "disable_user", "enable_user"]
    assert "a-brand-new-one" not in "".join(e.details for e in events(world))


def test_an_administrator_cannot_lock_themselves_out(world: World) -> None:
    dan = world.people["dan"]
    with pytest.raises(Refused, match="own account"):
        admin.disable_user(world.wf, dan.id, dan.id)
    with pytest.raises(Refused, match="own administrator role"):
        admin.set_roles(world.wf, dan.id, dan.id, ["author"])
    with pytest.raises(Refused, match="My password"):
        admin.reset_password(world.wf, dan.id, dan.id, "a-long-secret-1")
    admin.set_roles(world.wf, dan.id, dan.id, ["admin", "author"])
    assert fresh(world, "dan").role_set == {"admin", "author"} and fresh(world, "dan").active


def test_bad_input_is_refused_with_its_reason_and_changes_nothing(world: World) -> None:
    dan, ana = world.people["dan"], world.people["ana"]
    before = len(events(world))
    with pytest.raises(InvalidInput, match="at least 10 characters"):
        admin.reset_password(world.wf, dan.id, ana.id, "short")
    with pytest.raises(InvalidInput, match="Unknown role"):
        admin.set_roles(world.wf, dan.id, ana.id, ["boss"])
    with pytest.raises(InvalidInput, match="at least one role"):
        admin.set_roles(world.wf, dan.id, ana.id, [])
    with pytest.raises(InvalidInput, match="is taken"):
        admin.create_user(world.wf, dan.id, users.new_user("ana", "a-long-secret-1", ["author"]))
    with pytest.raises(InvalidInput, match="already enabled"):
        admin.enable_user(world.wf, dan.id, ana.id)
    with pytest.raises(NotFound):
        admin.disable_user(world.wf, dan.id, 9999)
    assert len(events(world)) == before


def test_changing_my_password_needs_the_current_one_and_ends_my_other_sessions(world: World) -> None:
    ana = world.people["ana"]
    with pytest.raises(Refused, match="current password is not right"):
        admin.change_password(world.wf, ana.id, "wrong-password", "a-brand-new-one")
    assert events(world)[-1].outcome == "refused"
    with pytest.raises(InvalidInput, match="must differ"):
        admin.change_password(world.wf, ana.id, PASSWORD, PASSWORD)
    changed = admin.change_password(world.wf, ana.id, PASSWORD, "a-brand-new-one")
    assert changed.session_epoch == ana.session_epoch + 1
    assert users.password_matches(fresh(world, "ana"), "a-brand-new-one")
    last = events(world)[-1]
    assert (last.action, last.actor, last.details) == ("change_password", "ana", "{}")


def test_policy_changes_are_validated_applied_together_and_recorded_with_before_and_after(world: World) -> None:
    dan = world.people["dan"]
    with pytest.raises(InvalidInput, match="whole number of days"):
        admin.change_policy(world.wf, dan.id, {"waiting_period": 60, "follow_up_days": "soon"})
    with pytest.raises(InvalidInput, match="should look like"):
        admin.change_policy(world.wf, dan.id, {"legal_thresholds": "USD 5"})
    with pytest.raises(InvalidInput, match="Unknown setting"):
        admin.change_policy(world.wf, dan.id, {"colour": "blue"})
    admin.change_policy(world.wf, dan.id, {
        "waiting_period": 3600, "follow_up_days": "30", "legal_thresholds": "usd=500,TRY=20000.00",
    })
    with world.wf.db.read() as session:
        policy = effective_policy(session, world.wf.config.policy)
    assert policy.waiting_period == timedelta(hours=1) and policy.follow_up_days == 30
    assert policy.legal_thresholds == {"USD": Money.parse("500", "USD"), "TRY": Money.parse("20000", "TRY")}
    assert json.loads(events(world)[-1].details) == {
        "waiting_period": {"from": 86400, "to": 3600},
        "follow_up_days": {"from": 90, "to": 30},
        "legal_thresholds": {"from": "EUR=1000.00,USD=1000.00", "to": "TRY=20000.00,USD=500.00"},
    }
    count = len(events(world))
    admin.change_policy(world.wf, dan.id, {"follow_up_days": 30})
    assert len(events(world)) == count, "saving the same values again records nothing"


def test_company_details_override_the_configuration(world: World) -> None:
    dan = world.people["dan"]
    with pytest.raises(InvalidInput, match="cannot be empty"):
        admin.change_company(world.wf, dan.id, {"name": "  "})
    with pytest.raises(InvalidInput, match="on one line"):
        admin.change_company(world.wf, dan.id, {"phone": "1\r\n2"})
    with pytest.raises(InvalidInput, match="not an e-mail address"):
        admin.change_company(world.wf, dan.id, {"email": "nobody"})
    admin.change_company(world.wf, dan.id, {"name": "Lumen Photo", "address": "2 Mill Lane\r\nLeeds"})
    with world.wf.db.read() as session:
        company = effective_company(session, world.wf.config.company)
    assert (company.name, company.address) == ("Lumen Photo", "2 Mill Lane\nLeeds")
    assert company.email == world.wf.config.company.email
    assert json.loads(events(world)[-1].details)["name"]["to"] == "Lumen Photo"


def test_a_template_is_validated_before_it_is_stored(world: World) -> None:
    dan = world.people["dan"]
    with pytest.raises(InvalidInput, match="letter.customer_nmae"):
        admin.upload_template(world.wf, dan.id, "final", "en", word_template("Dear {{ letter.customer_nmae }}"))
    with pytest.raises(InvalidInput, match="letter language"):
        admin.upload_template(world.wf, dan.id, "final", "xx", word_template("Hello"))
    with pytest.raises(InvalidInput, match="Unknown document kind"):
        admin.upload_template(world.wf, dan.id, "memo", "", word_template("Hello"))
    good = word_template("Dear {{ letter.customer_name }}")
    admin.upload_template(world.wf, dan.id, "final", "en", good)
    admin.upload_template(world.wf, dan.id, "peer-review", "es", word_template("Packet"))
    with world.wf.db.read() as session:
        assert admin.uploaded_template(session, DocumentKind.FINAL, "en") == good
        assert admin.uploaded_template(session, DocumentKind.FINAL, "es") is None
        assert admin.uploaded_template(session, DocumentKind.PEER_REVIEW, "bg") is not None
        assert session.scalars(select(DocumentTemplate.language)).all() == ["en", ""]
    assert [e.action for e in events(world)[-2:]] == ["upload_template", "upload_template"]
