"""Who did something and from where, as the audit trail names them at that moment."""

from __future__ import annotations

from dataclasses import dataclass

from workflow.people.models import User


@dataclass(frozen=True)
class Actor:
    """Who did something, as the audit trail records them at that moment."""

    name: str
    roles: str = ""
    address: str = ""
    request_id: str = ""
    via: str = ""
    """The API token the person or service acted through ("token 7, Zendesk"), if any."""


SYSTEM = Actor("system")


@dataclass(frozen=True)
class Origin:
    """Where a request came from, for the audit trail."""

    address: str = ""
    request_id: str = ""
    via: str = ""

    @property
    def through_api(self) -> bool:
        """A request through an API token: its caller has keys and ETags, not a page."""
        return bool(self.via)


def actor_of(user: User | None, origin: Origin | None) -> Actor:
    """How the audit trail names a person (or nobody signed in) and where they were."""
    origin = origin or Origin()
    if user is None:
        return Actor("anonymous", "", origin.address, origin.request_id, origin.via)
    return Actor(user.username, user.roles, origin.address, origin.request_id, origin.via)
