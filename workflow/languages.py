"""The languages letters are written in; every room that offers or checks a language asks here."""

from __future__ import annotations

LANGUAGES: dict[str, str] = {"en": "English", "es": "Español", "bg": "Български", "tr": "Türkçe"}
