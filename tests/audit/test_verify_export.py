"""`verify_export` accepts a true export and refuses every kind of tampering, saying why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import World
from workflow.audit import actors, canonical, chain, signing
from workflow.audit.export import (
    ExportFilters,
    file_sha256,
    manifest_path,
    verify_export,
    write_export,
)
from workflow.audit.models import AuditCheckpoint, AuditEvent

CLERK = actors.Actor("cli:auditor", address="command line")


def export(world: World, key: signing.SigningKey, tmp_path: Path, fmt: str = "jsonl", **filters) -> Path:
    path = tmp_path / f"audit.{fmt}"
    write_export(world.installation, fmt, ExportFilters(**filters), path, key, CLERK)
    return path


def problems(path: Path, key: signing.SigningKey) -> str:
    check = verify_export(path, key.verify_key)
    assert not check.ok
    return str(check)


def rewrite_lines(path: Path, change) -> None:
    lines = path.read_bytes().split(b"\n")[:-1]
    path.write_bytes(b"\n".join(change(lines)) + b"\n")


def test_a_true_export_verifies(history: World, key: signing.SigningKey, tmp_path: Path) -> None:
    for fmt in ("jsonl", "csv"):
        path = export(history, key, tmp_path, fmt)
        check = verify_export(path, key.verify_key)
        assert check.ok, str(check)
        assert check.manifest["sha256"] == file_sha256(path)


def test_the_manifest_states_what_was_exported(history: World, key: signing.SigningKey, tmp_path: Path) -> None:
    with history.installation.db.read() as session:
        head = chain.head(session)
    path = export(history, key, tmp_path, "jsonl", actor="ben")
    manifest = json.loads(manifest_path(path).read_text())
    ben = [line for line in path.read_text().split("\n")[:-1]]
    assert manifest["filters"] == {"actor": "ben"}
    assert manifest["events"] == len(ben) and manifest["contiguous"] is False
    assert (manifest["first_seq"], manifest["last_seq"]) == (json.loads(ben[0])["seq"], json.loads(ben[-1])["seq"])
    assert manifest["chain_head"] == {"seq": head.seq, "hash": head.hash}
    assert manifest["key_id"] == key.key_id and manifest["sha256"] == file_sha256(path)


def test_every_export_is_recorded_and_checkpointed(history: World, key: signing.SigningKey, tmp_path: Path) -> None:
    path = export(history, key, tmp_path, "csv", actor="ben")
    manifest = json.loads(manifest_path(path).read_text())
    with history.installation.db.read() as session:
        event = chain.head(session)
        checkpoint = session.scalars(select(AuditCheckpoint)).one()
        assert signing.check_checkpoints(session, key.verify_key).ok
    details = json.loads(event.details)
    assert (event.action, event.actor) == ("export_audit", "cli:auditor")
    assert details["sha256"] == manifest["sha256"] and details["filters"] == {"actor": "ben"}
    assert (details["first_seq"], details["last_seq"]) == (manifest["first_seq"], manifest["last_seq"])
    assert (checkpoint.seq, checkpoint.head_hash) == (manifest["chain_head"]["seq"], manifest["chain_head"]["hash"])


def test_a_modified_byte_is_refused(history: World, key: signing.SigningKey, tmp_path: Path) -> None:
    path = export(history, key, tmp_path)
    content = bytearray(path.read_bytes())
    content[content.index(b"Too blunt")] = ord("t")
    path.write_bytes(bytes(content))
    reasons = problems(path, key)
    assert "the file was changed" in reasons
    assert "its content does not match its hash (the event was altered)" in reasons


def test_a_modified_byte_in_a_csv_is_refused(history: World, key: signing.SigningKey, tmp_path: Path) -> None:
    path = export(history, key, tmp_path, "csv")
    path.write_bytes(path.read_bytes().replace(b"Too blunt", b"Too kind!"))
    assert "the file was changed" in problems(path, key)


def test_a_removed_line_is_refused(history: World, key: signing.SigningKey, tmp_path: Path) -> None:
    path = export(history, key, tmp_path)
    rewrite_lines(path, lambda lines: lines[:4] + lines[5:])
    reasons = problems(path, key)
    assert "the file was changed" in reasons and "(seq 6) follows seq 4: an event is missing" in reasons


def test_a_removed_line_of_a_filtered_export_is_refused(
    history: World, key: signing.SigningKey, tmp_path: Path
) -> None:
    path = export(history, key, tmp_path, actor="ana")
    rewrite_lines(path, lambda lines: lines[:-1])
    reasons = problems(path, key)
    assert "the file was changed" in reasons and "the manifest says" in reasons


def test_a_reordered_line_is_refused(history: World, key: signing.SigningKey, tmp_path: Path) -> None:
    path = export(history, key, tmp_path)
    rewrite_lines(path, lambda lines: lines[:3] + [lines[4], lines[3]] + lines[5:])
    reasons = problems(path, key)
    assert "the file was changed" in reasons and "(seq 5) follows seq 3: an event is missing or out of order" in reasons


def test_a_reordered_line_of_a_filtered_export_is_refused(
    history: World, key: signing.SigningKey, tmp_path: Path
) -> None:
    path = export(history, key, tmp_path, actor="ana")
    rewrite_lines(path, lambda lines: [lines[1], lines[0]] + lines[2:])
    assert "lines were reordered or repeated" in problems(path, key)


def test_a_rewritten_event_with_a_fresh_hash_is_refused(
    history: World, key: signing.SigningKey, tmp_path: Path
) -> None:
    """Recomputing the altered line's own hash does not help: the next line no longer links to it."""
    path = export(history, key, tmp_path)

    def forge(lines: list[bytes]) -> list[bytes]:
        line = json.loads(lines[5])
        line["comment"] = "approved without reading"
        record = {name: line[name] for name in chain.HASHED_FIELDS}
        line["hash"] = chain.chain_hash(line["prev_hash"], record)
        return lines[:5] + [canonical.canonical_json(line).encode()] + lines[6:]

    rewrite_lines(path, forge)
    assert "line 7 (seq 7): its prev_hash does not match the hash of the event before it" in problems(path, key)


def test_a_forged_manifest_is_refused(history: World, key: signing.SigningKey, tmp_path: Path) -> None:
    path = export(history, key, tmp_path)
    rewrite_lines(path, lambda lines: lines[:-1])
    manifest = json.loads(manifest_path(path).read_text())
    manifest.update(sha256=file_sha256(path), events=manifest["events"] - 1, last_seq=manifest["last_seq"] - 1)
    manifest_path(path).write_text(json.dumps(manifest))
    reasons = problems(path, key)
    assert "the manifest's signature does not verify" in reasons
    assert "the file was changed" not in reasons


def test_a_manifest_signed_by_another_key_is_refused(history: World, key: signing.SigningKey, tmp_path: Path) -> None:
    mallory = signing.generate_key(tmp_path / "mallory.key")
    path = export(history, mallory, tmp_path)
    assert f"the manifest names signing key '{mallory.key_id}', but the public key given is {key.key_id}" in problems(
        path, key
    )


def test_an_export_starting_mid_chain_verifies(history: World, key: signing.SigningKey, tmp_path: Path) -> None:
    with history.installation.db.read() as session:
        middle = session.get(AuditEvent, 10)
    path = export(history, key, tmp_path, since=middle.at)
    check = verify_export(path, key.verify_key)
    assert check.ok, str(check)
    assert check.manifest["first_seq"] > 1 and check.manifest["contiguous"] is True


def test_a_missing_manifest_is_a_readable_error(history: World, key: signing.SigningKey, tmp_path: Path) -> None:
    path = export(history, key, tmp_path)
    manifest_path(path).unlink()
    with pytest.raises(Exception, match="No manifest beside the export"):
        verify_export(path, key.verify_key)
