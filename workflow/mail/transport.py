"""How a message leaves: to an SMTP server, or into a folder of `.eml` files.

A sender answers with the server's reply when the message was taken (`Accepted`) or raises
`NotDelivered`, saying whether trying again may help: a 4xx reply, a refused or dropped
connection may pass; a 5xx reply to the sender, a recipient or the message will not.
The reply to DATA is kept ("250 2.0.0 Ok: queued as 4F2A"), as the proof the server took it.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from workflow.mail.settings import MailSettings, Security

TIMEOUT = 30.0
"""Seconds to wait for the mail server at each step."""


@dataclass(frozen=True)
class Accepted:
    reply: str


class NotDelivered(Exception):
    def __init__(self, reason: str, *, permanent: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


class Sender(Protocol):
    def send(self, message: EmailMessage) -> Accepted: ...


class Transport(Protocol):
    def connect(self) -> AbstractContextManager[Sender]:
        """An open way out for a batch of messages; `NotDelivered` if there is none now."""
        ...


def _reply(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(words.split())}"[:500]


def _check(code: int, text: bytes | str, *good: int) -> str:
    reply = _reply(code, text)
    if code not in good:
        raise NotDelivered(f"The mail server answered {reply}", permanent=500 <= code < 600)
    return reply


class SmtpSender:
    """One open connection; each message is MAIL, RCPT and DATA, so the reply to DATA is ours."""

    def __init__(self, smtp: smtplib.SMTP, envelope_sender: str) -> None:
        self._smtp = smtp
        self._from = envelope_sender

    def send(self, message: EmailMessage) -> Accepted:
        recipient = message["To"].addresses[0].addr_spec
        data = message.as_bytes()
        options = ["SMTPUTF8"] if message.policy.utf8 else []  # type: ignore[attr-defined]
        if options and not self._smtp.has_extn("smtputf8"):
            raise NotDelivered(
                f"The mail server does not take addresses with letters beyond ASCII (SMTPUTF8), such as {recipient}.",
                permanent=True,
            )
        try:
            _check(*self._smtp.mail(self._from, options), 250)
            _check(*self._smtp.rcpt(recipient), 250, 251)
            return Accepted(_check(*self._smtp.data(data), 250))
        except NotDelivered:
            self._smtp.rset()
            raise
        except (smtplib.SMTPException, OSError) as error:
            raise NotDelivered(f"The connection to the mail server failed: {error}", permanent=False) from error


class SmtpTransport:
    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings

    def _tls(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.settings.smtp_ca_file is not None:
            context.load_verify_locations(cafile=str(self.settings.smtp_ca_file))
        return context

    def _open(self) -> smtplib.SMTP:
        s = self.settings
        if s.smtp_security is Security.TLS:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.smtp_host, s.smtp_port, timeout=TIMEOUT, context=self._tls())
        else:
            smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=TIMEOUT)
        try:
            smtp.ehlo()
            if s.smtp_security is Security.STARTTLS:
                smtp.starttls(context=self._tls())
                smtp.ehlo()
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    @contextmanager
    def connect(self) -> Iterator[Sender]:
        try:
            smtp = self._open()
        except (smtplib.SMTPException, OSError) as error:
            where = f"{self.settings.smtp_host}:{self.settings.smtp_port}"
            raise NotDelivered(f"Could not reach the mail server at {where}: {error}", permanent=False) from error
        try:
            yield SmtpSender(smtp, self.settings.sender_address)
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()


class FolderSender:
    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def send(self, message: EmailMessage) -> Accepted:
        name = str(message["Message-ID"]).strip("<>").replace("/", "_") + ".eml"
        path = self._folder / name
        partial = path.with_suffix(".part")
        try:
            partial.write_bytes(message.as_bytes())
            partial.replace(path)
        except OSError as error:
            raise NotDelivered(f"Could not write {path}: {error}", permanent=False) from error
        return Accepted(f"written to {path}")


class FolderTransport:
    """The mail catcher of a fresh installation: each message a file to open in a mail program."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @contextmanager
    def connect(self) -> Iterator[Sender]:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise NotDelivered(f"Could not make the mail folder {self.folder}: {error}", permanent=False) from error
        yield FolderSender(self.folder)


def transport_for(settings: MailSettings) -> Transport:
    return SmtpTransport(settings) if settings.uses_smtp else FolderTransport(settings.folder)
