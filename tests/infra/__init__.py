"""Pytest helpers that give the suite real PostgreSQL, Chromium and LibreOffice."""
