"""An outgoing mail row as the bytes an SMTP server receives.

The same row always gives the same message: its Message-ID and Date come from the row, so a
message sent again after a crash is the same message, which mail programs show once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from workflow.mail.models import OutgoingMail
from workflow.mail.settings import MailSettings


@dataclass(frozen=True)
class Attachment:
    filename: str
    media_type: str
    content: bytes


def build_message(mail: OutgoingMail, settings: MailSettings, attachment: Attachment | None = None) -> EmailMessage:
    """An address with letters beyond ASCII (ayşe@…) makes an SMTPUTF8 message, which the
    server must accept (the transport asks it); every other message is plain 7-bit SMTP."""
    message = EmailMessage(policy=policy.SMTP.clone(utf8=not mail.to_address.isascii()))
    message["Message-ID"] = mail.message_id
    message["Date"] = format_datetime(mail.created_at)
    message["From"] = settings.sender
    local, _, domain = mail.to_address.rpartition("@")
    message["To"] = Address(mail.to_name, username=local, domain=domain)
    if mail.reply_to:
        message["Reply-To"] = mail.reply_to
    message["Subject"] = mail.subject
    message["Content-Language"] = mail.language
    if mail.recipient_id is not None:
        message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    if attachment is not None:
        maintype, _, subtype = attachment.media_type.partition("/")
        message.add_attachment(attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename)
    _fixed_boundaries(message)
    return message


def _fixed_boundaries(message: EmailMessage) -> None:
    """MIME boundaries are random by default; these come from the Message-ID, so the bytes
    of a message sent again are the bytes sent before."""
    seed = hashlib.sha256(str(message["Message-ID"]).encode()).hexdigest()[:32]
    for number, part in enumerate(message.walk()):
        if part.is_multipart():
            part.set_boundary(f"==tactful-{seed}-{number}==")
