"""A notice as the text and HTML of an e-mail in its reader's language.

Every value that comes from a person (a customer's name, a comment, the letter's text) is
escaped in the HTML; the plain text carries the same words.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from babel.dates import format_datetime

from workflow.mail.outgoing import Content
from workflow.mail.settings import MailSettings
from workflow.notifications.texts import FRAMES, NOTICES

ACCOUNT_PATH = "/account/notifications"


@dataclass(frozen=True)
class Told:
    """What a notice is about, already read from the database."""

    kind: str
    language: str
    reader: str
    reference: str = ""
    customer: str = ""
    amount: str = ""
    actor: str = ""
    link: str = ""
    quote: str = ""
    due_at: datetime | None = None
    version: int | None = None
    letter_text: str = ""


def when(moment: datetime, language: str) -> str:
    """A due time in words a reader of `language` reads, in UTC like every time in tactful."""
    return format_datetime(moment, "d MMMM y, HH:mm", tzinfo=UTC, locale=language) + " UTC"


@dataclass(frozen=True)
class Part:
    """One block of a message: a paragraph, a labelled quote, a link or the letter's text."""

    text: str
    label: str = ""
    link: str = ""
    preformatted: bool = False

    def plain(self) -> str:
        if self.label:
            quoted = "\n".join(f"> {line}" if line else ">" for line in self.text.splitlines())
            return f"{self.label}:\n{quoted}"
        return self.text

    def markup(self) -> str:
        text = html.escape(self.text)
        if self.link:
            text = text.replace(
                html.escape(self.link), f'<a href="{html.escape(self.link)}">{html.escape(self.link)}</a>'
            )
        if self.preformatted:
            return f'<p><strong>{html.escape(self.label)}</strong></p><pre style="white-space: pre-wrap">{text}</pre>'
        if self.label:
            return f"<p><strong>{html.escape(self.label)}</strong></p><blockquote>{text}</blockquote>"
        return f"<p>{text}</p>"


def notice_parts(told: Told) -> tuple[str, list[Part]]:
    """The subject and the blocks of one notice, without greeting or footer."""
    words = NOTICES[told.kind][told.language]
    frame = FRAMES[told.language]
    values = {
        "reference": told.reference,
        "customer": told.customer,
        "amount": told.amount,
        "actor": told.actor,
        "due": when(told.due_at, told.language) if told.due_at else "",
    }
    parts = [Part(words.body.format(**values))]
    if told.quote:
        parts.append(Part(told.quote, label=words.quote_label or frame.comment))
    if told.due_at:
        parts.append(Part(frame.due.format(due=values["due"])))
    if words.with_text and told.letter_text:
        parts.append(Part(told.letter_text, label=frame.letter_text.format(version=told.version), preformatted=True))
    if told.link:
        parts.append(Part(frame.open_letter.format(link=told.link), link=told.link))
    return words.subject.format(**values), parts


def held_notice(told: Told) -> Content:
    """A notice's own blocks, without greeting or footer: what a digest gathers, and what a
    notice sent on its own wraps."""
    subject, parts = notice_parts(told)
    return Content(subject, "\n\n".join(p.plain() for p in parts), "".join(p.markup() for p in parts))


def _framed(subject: str, language: str, reader: str, middle: Content, footer: str, settings: MailSettings) -> Content:
    frame = FRAMES[language]
    account = settings.link(ACCOUNT_PATH)
    greeting, ending = Part(frame.greeting.format(name=reader)), Part(footer.format(account=account), link=account)
    return Content(
        subject=subject,
        text=f"{greeting.plain()}\n\n{middle.text.strip()}\n\n{ending.plain()}\n",
        html=f"<!doctype html><html><body>{greeting.markup()}{middle.html}{ending.markup()}</body></html>",
    )


def notice_message(told: Told, settings: MailSettings) -> Content:
    """A notice sent on its own."""
    own = held_notice(told)
    footer = FRAMES[told.language].footer_each
    return _framed(own.subject, told.language, told.reader, own, footer, settings)


def digest_message(language: str, reader: str, held: Sequence[Content], settings: MailSettings) -> Content:
    """One e-mail with every held notice, each under its subject."""
    frame = FRAMES[language]
    middle = Content(
        subject=frame.digest_subject.format(count=len(held)),
        text="\n\n".join([frame.digest_intro, *(f"## {n.subject}\n\n{n.text.strip()}" for n in held)]),
        html=Part(frame.digest_intro).markup() + "".join(f"<h3>{html.escape(n.subject)}</h3>{n.html}" for n in held),
    )
    return _framed(middle.subject, language, reader, middle, frame.footer_digest, settings)
