"""The tables of people and of sign-in attempts."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from workflow.people.roles import Role
from workflow.storage.types import UTCDateTime


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True, index=True)
    display_name: str = Field(max_length=200)
    title: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=320)
    phone: str = Field(default="", max_length=64)
    roles: str = Field(default="", max_length=200)
    password_hash: str = Field(max_length=200)
    active: bool = True
    session_epoch: int = 0
    language: str = Field(default="en", max_length=2, sa_column_kwargs={"server_default": "en"})
    """The language of the e-mails this person gets."""
    notify: str = Field(default="each", max_length=10, sa_column_kwargs={"server_default": "each"})
    """`each`: an e-mail for every event; `digest`: one a day (`workflow.notifications.preferences`)."""
    created_at: datetime = Field(sa_type=UTCDateTime)

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r) for r in self.roles.split())

    def has_role(self, role: Role) -> bool:
        return role in self.role_set

    def end_sessions(self) -> None:
        """Every cookie that names the old epoch stops working at its next request."""
        self.session_epoch += 1


class LoginAttempt(SQLModel, table=True):
    """Sign-in attempts, kept in the database so the limit holds across server processes."""

    __tablename__ = "login_attempts"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, index=True)
    address: str = Field(max_length=64, index=True)
    success: bool
    at: datetime = Field(sa_type=UTCDateTime, index=True)
