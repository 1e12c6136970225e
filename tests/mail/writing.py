"""Messages written straight into the outgoing mail, as a listener would write them."""

from __future__ import annotations

import html

from sqlmodel import Session

from tests.conftest import World
from workflow.mail.models import OutgoingMail
from workflow.mail.outgoing import Content, Recipient, queue_mail


def written(world: World, *addresses: str, kind: str = "test", subject: str = "Hello") -> list[OutgoingMail]:
    """One message to each address, in one transaction; the rows, with their ids."""

    def work(session: Session) -> list[OutgoingMail]:
        rows = [
            queue_mail(
                session,
                world.installation.config.mail,
                world.clock.now(),
                kind=kind,
                to=Recipient(address, f"Reader {n}", "en"),
                content=Content(subject, f"Plain words for reader {n} <{n}>.\n", html.escape(f"<p>Reader {n}</p>")),
            )
            for n, address in enumerate(addresses)
        ]
        session.flush()
        return rows

    return world.installation.db.write(work)
