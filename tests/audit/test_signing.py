"""The audit key: written for its owner only, never overwritten, read back as it was."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from workflow.audit import signing
from workflow.errors import InvalidInput, NotFound


def test_keygen_writes_an_owner_only_private_key_and_a_public_key(tmp_path: Path) -> None:
    path = tmp_path / "audit.key"
    key = signing.generate_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert b"BEGIN PRIVATE KEY" in path.read_bytes()
    assert b"BEGIN PUBLIC KEY" in signing.public_key_path(path).read_bytes()
    assert signing.load_signing_key(path).key_id == key.key_id
    assert signing.load_verify_key(signing.public_key_path(path)).key_id == key.key_id
    assert len(key.key_id) == 16 and int(key.key_id, 16) >= 0


def test_keygen_never_overwrites_a_key(tmp_path: Path) -> None:
    path = tmp_path / "audit.key"
    original = signing.generate_key(path)
    with pytest.raises(InvalidInput, match="never overwritten"):
        signing.generate_key(path)
    assert signing.load_signing_key(path).key_id == original.key_id


def test_a_signature_covers_every_field(tmp_path: Path) -> None:
    key = signing.generate_key(tmp_path / "audit.key")
    manifest = signing.sign_manifest(key, {"events": 3, "sha256": "ab" * 32})
    assert signing.manifest_signature_problem(manifest, key.verify_key) is None
    assert "does not verify" in signing.manifest_signature_problem({**manifest, "events": 2}, key.verify_key)
    assert "does not verify" in signing.manifest_signature_problem({**manifest, "signature": "!!"}, key.verify_key)


def test_unreadable_keys_are_readable_errors(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="No key file"):
        signing.load_signing_key(tmp_path / "missing.key")
    junk = tmp_path / "junk.key"
    junk.write_text("not a key")
    with pytest.raises(InvalidInput, match="not an unencrypted PEM private key"):
        signing.load_signing_key(junk)
    with pytest.raises(InvalidInput, match="not a PEM public key"):
        signing.load_verify_key(junk)
