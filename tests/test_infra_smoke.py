"""The test infrastructure itself works on this machine: real PostgreSQL,
Chromium through pytest-playwright, and LibreOffice with pdftotext."""

from __future__ import annotations

import socket
import tempfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import docx
import pytest
import sqlalchemy
from playwright.sync_api import Page

from tests.infra.browser import save_screenshot
from tests.infra.libreoffice import docx_to_pdf, pdf_text
from tests.infra.pgserver import ENV_URL, postgres_server

# Cyrillic and Turkish letters prove the fonts are there, not just the tools.
GREETING = "Уважаеми клиенте, İade talebiniz için teşekkürler"


def test_postgres_server_answers_and_is_gone_afterwards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_URL, raising=False)
    with postgres_server() as url:
        engine = sqlalchemy.create_engine(url)
        with engine.connect() as connection:
            assert connection.execute(sqlalchemy.text("select current_database(), 6 * 7")).one() == ("tactful_test", 42)
        engine.dispose()
        port = sqlalchemy.make_url(url).port
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_postgres_server_cleans_up_when_the_run_is_interrupted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_URL, raising=False)
    folders = Path(tempfile.gettempdir()).glob
    before = set(folders("tactful-pg-*"))
    with pytest.raises(KeyboardInterrupt), postgres_server() as url:
        port = sqlalchemy.make_url(url).port
        assert set(folders("tactful-pg-*")) - before
        raise KeyboardInterrupt
    assert not set(folders("tactful-pg-*")) - before
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_postgres_server_uses_the_given_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_URL, "postgresql+psycopg://someone@db.example/elsewhere")
    with postgres_server() as url:
        assert url == "postgresql+psycopg://someone@db.example/elsewhere"


@pytest.fixture
def local_site() -> Iterator[str]:
    class Greeting(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = f"<!doctype html><meta charset=utf-8><h1>{GREETING}</h1>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Greeting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_chromium_renders_a_local_page(page: Page, local_site: str) -> None:
    page.goto(local_site)
    assert page.inner_text("h1") == GREETING
    screenshot = save_screenshot(page, "infra-smoke")
    assert screenshot.read_bytes().startswith(b"\x89PNG")


def test_docx_converts_to_pdf_with_its_text(tmp_path: Path) -> None:
    letter = docx.Document()
    letter.add_paragraph(GREETING)
    source = tmp_path / "letter.docx"
    letter.save(source)
    pdf = docx_to_pdf(source)
    assert pdf == tmp_path / "letter.pdf"
    assert GREETING in pdf_text(pdf)
