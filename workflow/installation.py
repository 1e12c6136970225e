"""One installation of tactful as the use cases see it: its database, configuration and clock.

Every use case takes one, so tests hand in a manual clock or another database without patching.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workflow.clock import Clock, SystemClock
from workflow.settings.config import Config
from workflow.storage.db import Database


@dataclass
class Installation:
    """What every use case needs: the database, the time, the configuration."""

    db: Database
    config: Config
    clock: Clock = field(default_factory=SystemClock)
