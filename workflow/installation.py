"""One installation of tactful as the use cases see it: its database, configuration, clock
and PDF converter.

Every use case takes one, so tests hand in a manual clock, another database or a fast
converter without patching.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workflow.clock import Clock, SystemClock
from workflow.documents.pdf import LibreOffice, PdfConverter
from workflow.settings.config import Config
from workflow.storage.db import Database


@dataclass
class Installation:
    """What every use case needs: the database, the time, the configuration, and the
    converter that makes the PDF of a final letter."""

    db: Database
    config: Config
    clock: Clock = field(default_factory=SystemClock)
    pdf: PdfConverter = field(default_factory=LibreOffice)
