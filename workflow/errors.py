"""The errors the domain raises. Each carries a sentence a user can read as it is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class WorkflowError(Exception):
    """Base of every refusal: the message is shown to the user unchanged."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class InvalidInput(WorkflowError):
    """Input that cannot be accepted (bad amount, missing field, unknown language).

    `fields` names the problem of each input it is about (by the input's name), so a form
    can show each one at its field as well as all of them together in `message`."""

    def __init__(self, message: str, fields: Mapping[str, Sequence[str]] | None = None) -> None:
        super().__init__(message)
        self.fields: dict[str, list[str]] = {name: list(problems) for name, problems in (fields or {}).items()}


class Refused(WorkflowError):
    """A trigger that the rules do not allow now, for this person, on this letter."""


class StaleVersion(WorkflowError):
    """The letter changed after the caller last saw it."""


class NotFound(WorkflowError):
    """No such letter, version, user or document."""
