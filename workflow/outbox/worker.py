"""The delivery worker: one loop that fires due jobs, hands events to their listeners and
sends the mail they made, until told to stop.

`tactful worker` runs it in its own process (one or many, on any number of machines);
`tactful run` runs it in a thread beside the development server, so a new installation
delivers mail with no set-up. Everything it knows is in the database, so workers can be
started, killed and restarted at any moment. Time comes from the installation's clock.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass, field

from workflow.installation import Installation
from workflow.mail.delivery import Delivery
from workflow.mail.transport import Transport, transport_for
from workflow.outbox.dispatch import handle_events
from workflow.outbox.schedule import run_due_jobs
from workflow.webhooks.delivery import deliver_webhooks

log = logging.getLogger(__name__)

IDLE_WAIT = 1.0
"""Seconds an idle worker waits before looking again: the most a new event waits for it."""


def worker_name() -> str:
    """How this process signs the rows it claims: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


@dataclass
class Worker:
    """`transport` is how mail leaves: by default the installation's (SMTP, or `.eml` files)."""

    installation: Installation
    name: str = field(default_factory=worker_name)
    transport: Transport | None = None

    def __post_init__(self) -> None:
        self.delivery = Delivery(
            self.installation, self.transport or transport_for(self.installation.config.mail), self.name
        )

    def tick(self) -> int:
        """One pass over everything due now: fire due jobs, hand events to their listeners,
        send the mail they wrote; how many things were done."""
        done = run_due_jobs(self.installation, self.name)
        done += handle_events(self.installation)
        done += self.delivery.run()
        done += deliver_webhooks(self.installation, self.name)
        return done

    def run_until_idle(self, most_passes: int = 100) -> int:
        """Pass until a pass finds nothing to do (what tests and `--once` want)."""
        total = 0
        for _ in range(most_passes):
            done = self.tick()
            total += done
            if not done:
                break
        return total

    def run(self, stop: threading.Event, idle_wait: float = IDLE_WAIT) -> None:
        """Loop until `stop` is set; a pass that fails is logged and the loop goes on."""
        while not stop.is_set():
            try:
                done = self.tick()
            except Exception:  # noqa: BLE001  (the database may be away for a moment; try again)
                log.exception("the delivery worker's pass failed; trying again")
                done = 0
            if not done:
                stop.wait(idle_wait)


def start_in_thread(installation: Installation) -> threading.Event:
    """Run a worker in a daemon thread of this process; set the returned event to stop it."""
    stop = threading.Event()
    threading.Thread(target=Worker(installation).run, args=(stop,), name="tactful-worker", daemon=True).start()
    return stop
