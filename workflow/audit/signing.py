"""Ed25519 signatures that let someone outside the business check the audit trail.

The hash chain proves the events were not edited in place, but whoever controls the database
could rebuild or cut off the whole chain. A signature made with a key kept outside the
database closes that gap: checkpoints sign the chain head as it stood, and every export's
manifest signs the file it describes. Everything signed is RFC 8785 JSON, so a verifier in
any language gets the same bytes; keys are PEM files (PKCS #8 private, SubjectPublicKeyInfo
public) that OpenSSL and every Ed25519 library read.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from sqlalchemy import select
from sqlmodel import Session, col

from workflow.audit import canonical, chain
from workflow.audit.models import AuditCheckpoint, AuditEvent
from workflow.errors import InvalidInput, NotFound

CHECKPOINT_KIND = "tactful.audit-checkpoint.v1"


@dataclass(frozen=True)
class VerifyKey:
    """A public key and the short id that names it in manifests and checkpoints."""

    public: Ed25519PublicKey

    @property
    def key_id(self) -> str:
        raw = self.public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return hashlib.sha256(raw).hexdigest()[:16]

    def accepts(self, payload: Mapping[str, object], signature: str) -> bool:
        try:
            self.public.verify(base64.b64decode(signature, validate=True), _signed_bytes(payload))
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey

    @property
    def verify_key(self) -> VerifyKey:
        return VerifyKey(self.private.public_key())

    @property
    def key_id(self) -> str:
        return self.verify_key.key_id

    def sign(self, payload: Mapping[str, object]) -> str:
        return base64.b64encode(self.private.sign(_signed_bytes(payload))).decode("ascii")


def _signed_bytes(payload: Mapping[str, object]) -> bytes:
    return canonical.canonical_json(dict(payload)).encode("utf-8")


def public_key_path(private_path: Path) -> Path:
    return private_path.with_name(private_path.name + ".pub")


def generate_key(path: Path) -> SigningKey:
    """Write a new private key readable by its owner only, and its public key beside it."""
    key = SigningKey(Ed25519PrivateKey.generate())
    private_pem = key.private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = key.private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    for target in (path, public_key_path(path)):
        if target.exists():
            raise InvalidInput(f"{target} already exists; a signing key is never overwritten.")
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as private_file:
        private_file.write(private_pem)
    public_key_path(path).write_bytes(public_pem)
    return key


def _read_pem(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"No key file at {path}.") from None
    except OSError as error:
        raise InvalidInput(f"Cannot read the key file {path}: {error.strerror}.") from None


def load_signing_key(path: Path) -> SigningKey:
    try:
        private = serialization.load_pem_private_key(_read_pem(path), password=None)
    except (ValueError, TypeError):
        raise InvalidInput(f"{path} is not an unencrypted PEM private key.") from None
    if not isinstance(private, Ed25519PrivateKey):
        raise InvalidInput(f"{path} is not an Ed25519 key.")
    return SigningKey(private)


def load_verify_key(path: Path) -> VerifyKey:
    """A public key file; a private key file is accepted too, its public half is used."""
    pem = _read_pem(path)
    if b"PRIVATE KEY" in pem:
        return load_signing_key(path).verify_key
    try:
        public = serialization.load_pem_public_key(pem)
    except ValueError:
        raise InvalidInput(f"{path} is not a PEM public key.") from None
    if not isinstance(public, Ed25519PublicKey):
        raise InvalidInput(f"{path} is not an Ed25519 key.")
    return VerifyKey(public)


def key_exists(path: Path | None) -> bool:
    """Whether the installation has its signing key yet: a path with no file is where one goes."""
    return path is not None and path.exists()


def configured_key_path(path: Path | None) -> Path:
    """The configured private key's path (or its public half's, on a verifier's machine),
    or a refusal that says how to make one."""
    if path is None or not (path.exists() or public_key_path(path).exists()):
        raise InvalidInput(
            "No audit signing key is set up: create one with `tactful audit keygen PATH` "
            "and set TACTFUL_AUDIT_KEY=PATH, or with “Create the signing key” on the Audit trail page."
        )
    return path


def configured_signing_key(path: Path | None) -> SigningKey:
    return load_signing_key(configured_key_path(path))


def configured_verify_key(path: Path | None) -> VerifyKey:
    """The public half of the configured key: its .pub file, or derived from the key itself."""
    private_path = configured_key_path(path)
    public = public_key_path(private_path)
    return load_verify_key(public if public.exists() else private_path)


def sign_manifest(key: SigningKey, fields: Mapping[str, object]) -> dict[str, object]:
    """The manifest as written: its fields, the key id, and a signature over both."""
    unsigned = {**fields, "key_id": key.key_id}
    return {**unsigned, "signature": key.sign(unsigned)}


def manifest_signature_problem(manifest: Mapping[str, object], key: VerifyKey) -> str | None:
    """Why the manifest cannot be trusted, or None when the given key signed exactly it."""
    unsigned = {name: value for name, value in manifest.items() if name != "signature"}
    if manifest.get("key_id") != key.key_id:
        return f"the manifest names signing key {manifest.get('key_id')!r}, but the public key given is {key.key_id}"
    if not key.accepts(unsigned, str(manifest.get("signature", ""))):
        return "the manifest's signature does not verify: the manifest was altered after signing"
    return None


def _checkpoint_payload(checkpoint: AuditCheckpoint) -> dict[str, object]:
    return {
        "kind": CHECKPOINT_KIND,
        "seq": checkpoint.seq,
        "head_hash": checkpoint.head_hash,
        "at": chain.iso_utc(checkpoint.at),
        "key_id": checkpoint.key_id,
    }


def sign_checkpoint(session: Session, key: SigningKey, at: datetime, head: AuditEvent | None = None) -> AuditCheckpoint:
    """Sign the chain head (or the given event, the head an export saw) inside the caller's transaction."""
    head = head or chain.head(session)
    if head is None:
        raise InvalidInput("The audit trail is empty; there is no chain head to sign yet.")
    checkpoint = AuditCheckpoint(seq=head.seq, head_hash=head.hash, at=at, key_id=key.key_id, signature="")
    checkpoint.signature = key.sign(_checkpoint_payload(checkpoint))
    session.add(checkpoint)
    session.flush()
    return checkpoint


@dataclass(frozen=True)
class CheckpointReport:
    checkpoints: int
    latest: AuditCheckpoint | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    def __str__(self) -> str:
        if self.problem:
            return f"checkpoint check failed: {self.problem}"
        if self.latest is None:
            return "no signed checkpoint yet (run `tactful audit checkpoint`)"
        return (
            f"{self.checkpoints} signed checkpoints match the chain "
            f"(latest: seq {self.latest.seq}, signed {chain.iso_utc(self.latest.at)})"
        )


def checkpoint_problem(session: Session, checkpoint: AuditCheckpoint, key: VerifyKey) -> str | None:
    where = f"checkpoint of seq {checkpoint.seq} signed {chain.iso_utc(checkpoint.at)}"
    if checkpoint.key_id != key.key_id:
        return f"{where} was signed by key {checkpoint.key_id}, not by the configured key {key.key_id}"
    if not key.accepts(_checkpoint_payload(checkpoint), checkpoint.signature):
        return f"{where}: its signature does not verify (the checkpoint was altered or forged)"
    event = session.get(AuditEvent, checkpoint.seq)
    if event is None:
        return f"{where}: the chain no longer has that event (events were cut off the end)"
    if event.hash != checkpoint.head_hash:
        return f"{where}: the chain has a different event there (the chain was rebuilt)"
    return None


def check_checkpoints(session: Session, key: VerifyKey) -> CheckpointReport:
    """Every signed checkpoint must still be in the chain, so truncation and rebuilding show."""
    checkpoints = session.scalars(
        select(AuditCheckpoint).order_by(col(AuditCheckpoint.seq), col(AuditCheckpoint.id))
    ).all()
    for checkpoint in checkpoints:
        problem = checkpoint_problem(session, checkpoint, key)
        if problem:
            return CheckpointReport(len(checkpoints), checkpoint, problem)
    return CheckpointReport(len(checkpoints), checkpoints[-1] if checkpoints else None)
