"""How a person wants to hear: the language of their e-mails, and every event or a digest."""

from __future__ import annotations

from enum import StrEnum

from sqlmodel import Session

from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import write_recorded
from workflow.errors import InvalidInput
from workflow.installation import Installation
from workflow.languages import LANGUAGES
from workflow.people.directory import load_user


class Notify(StrEnum):
    EACH = "each"
    DIGEST = "digest"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {Notify.EACH: "An e-mail for each event", Notify.DIGEST: "One daily digest"}


def change_preferences(
    installation: Installation, user_id: int, language: str, notify: str, origin: Origin | None = None
) -> None:
    """A person's own choice, recorded in the audit trail with what changed."""
    if language not in LANGUAGES:
        raise InvalidInput(f"Choose one of the languages: {', '.join(LANGUAGES.values())}.")
    if notify not in {n.value for n in Notify}:
        raise InvalidInput("Choose an e-mail for each event, or one daily digest.")

    def work(session: Session) -> None:
        user = load_user(session, user_id)
        before = {"language": user.language, "notify": user.notify}
        user.language, user.notify = language, notify
        session.add(user)
        chain.append(
            session,
            actor=actor_of(user, origin),
            action=Action.CHANGE_PREFERENCES,
            at=installation.clock.now(),
            details={"before": before, "after": {"language": language, "notify": notify}},
        )

    write_recorded(installation, Action.CHANGE_PREFERENCES, user_id, origin, work)
