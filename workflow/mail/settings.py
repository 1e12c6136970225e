"""How this installation sends mail, read from the environment.

Without `TACTFUL_SMTP_HOST` every message is written as an `.eml` file under the instance
folder, so `make run` shows its mail with no set-up; with it, messages go to that server.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from enum import StrEnum
from pathlib import Path

from workflow.errors import InvalidInput


class Security(StrEnum):
    """How the connection to the mail server is protected."""

    STARTTLS = "starttls"
    TLS = "tls"
    NONE = "none"


@dataclass(frozen=True)
class MailSettings:
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_security: Security = Security.STARTTLS
    smtp_ca_file: Path | None = None
    """A CA bundle to trust besides the system's (a company's own mail server certificate)."""
    sender: str = "tactful <tactful@localhost>"
    folder: Path = Path("instance/mail")
    base_url: str = "http://127.0.0.1:5000"
    digest_hour: int = 8
    """The hour (UTC) at which daily digests go out."""

    @property
    def uses_smtp(self) -> bool:
        return bool(self.smtp_host)

    @property
    def sender_address(self) -> str:
        return parseaddr(self.sender)[1]

    @property
    def domain(self) -> str:
        """The right-hand side of every Message-ID this installation makes."""
        return self.sender_address.rpartition("@")[2] or "localhost"

    def link(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    @classmethod
    def from_mapping(cls, values: Mapping[str, object], *, default_folder: Path) -> MailSettings:
        """From Flask-style keys (`SMTP_HOST`, …, the `TACTFUL_` prefix removed)."""
        security = str(values.get("SMTP_SECURITY", Security.STARTTLS.value)).strip().lower()
        if security not in {s.value for s in Security}:
            raise InvalidInput(f"TACTFUL_SMTP_SECURITY must be starttls, tls or none, not “{security}”.")
        sender = str(values.get("MAIL_FROM", cls.sender))
        if "@" not in parseaddr(sender)[1]:
            raise InvalidInput(f"TACTFUL_MAIL_FROM must be an e-mail address, not “{sender}”.")
        ca_file = values.get("SMTP_CA_FILE")
        return cls(
            smtp_host=str(values.get("SMTP_HOST", "")).strip(),
            smtp_port=_number(values.get("SMTP_PORT", 465 if security == Security.TLS else 587), "TACTFUL_SMTP_PORT"),
            smtp_username=str(values.get("SMTP_USERNAME", "")),
            smtp_password=str(values.get("SMTP_PASSWORD", "")),
            smtp_security=Security(security),
            smtp_ca_file=Path(str(ca_file)) if ca_file else None,
            sender=sender,
            folder=Path(str(values.get("MAIL_FOLDER") or default_folder)),
            base_url=str(values.get("BASE_URL", cls.base_url)),
            digest_hour=_number(values.get("DIGEST_HOUR", cls.digest_hour), "TACTFUL_DIGEST_HOUR", most=23),
        )


def _number(value: object, name: str, most: int = 65535) -> int:
    try:
        number = int(str(value))
    except ValueError:
        raise InvalidInput(f"{name} must be a whole number, not “{value}”.") from None
    if not 0 <= number <= most:
        raise InvalidInput(f"{name} must be between 0 and {most}, not {number}.")
    return number
