"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives.

It answers like a real server: 250 with a queue id for a message it took, a 5xx for a
recipient it refuses, a 4xx while it is told to be busy; with a certificate it speaks
STARTTLS or implicit TLS. `on_data` runs inside the DATA command, after the server has the
message and before it answers: the test that kills a worker mid-delivery uses it.
"""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass
class Received:
    envelope_from: str
    envelope_to: list[str]
    message: EmailMessage
    raw: bytes

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])


@dataclass
class Handler:
    refuse: set[str] = field(default_factory=set)
    busy_for: int = 0
    on_data: Callable[[Received], None] | None = None
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            if self.busy_for > 0:
                self.busy_for -= 1
                return "451 4.3.0 Try again later"
            got = Received(
                envelope.mail_from,
                list(envelope.rcpt_tos),
                message_from_bytes(envelope.original_content, policy=policy.default),  # type: ignore[arg-type]
                envelope.original_content,
            )
            self.received.append(got)
            number = len(self.received)
        if self.on_data is not None:
            self.on_data(got)
        return f"250 2.0.0 Ok: queued as TEST{number:05d}"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [r.message_id for r in self.received]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context


def self_signed(folder: Path) -> Certificate:
    """A certificate for 127.0.0.1 that only a client told to trust it (its CA file) accepts."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tactful test mail server")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    paths = Certificate(folder / "smtp-cert.pem", folder / "smtp-key.pem")
    paths.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths.key.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return paths


@contextmanager
def smtp_server(
    handler: Handler | None = None,
    *,
    starttls: Certificate | None = None,
    implicit_tls: Certificate | None = None,
    smtputf8: bool = False,
) -> Iterator[tuple[Handler, int]]:
    """Serve on a free port of 127.0.0.1 until the block ends; yields the handler and the port."""
    handler = handler or Handler()
    port = free_port()
    options: dict[str, Any] = {"enable_SMTPUTF8": smtputf8}
    if starttls is not None:
        options |= {"tls_context": starttls.server_context(), "require_starttls": True}
    if implicit_tls is not None:
        options |= {"ssl_context": implicit_tls.server_context()}
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
