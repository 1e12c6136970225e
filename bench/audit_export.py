"""Audit export speed and memory against the floor: the sqlite3 tool dumping the same table.

Fills a SQLite database with a real hash chain (one transaction, append-only triggers in
place), then exports it as CSV and as JSONL through `write_export` (the path `tactful audit
export` takes: stream, hash, sign the manifest, checkpoint, record the export), each in a
child process so its peak resident memory is its own. Prints the figures and, last, one
JSON line.

    .venv/bin/python bench/audit_export.py [--events 1000000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from itertools import islice
from json.encoder import encode_basestring
from pathlib import Path

# This folder's transitions.py would shadow the `transitions` package the workflow imports.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]


from workflow.audit import actors, chain, signing
from workflow.audit import canonical as audit_canonical
from workflow.audit.export import ExportFilters, write_export
from workflow.audit.models import AuditEvent
from workflow.installation import Installation
from workflow.settings.config import Config
from workflow.storage import schema
from workflow.storage.db import Database

# One letter's life, as the chain records it: (action, from_state, to_state, actor, comment).
LIFE = (
    ("create", "", "draft", "ana", ""),
    ("edit", "draft", "draft", "ana", ""),
    ("finish_draft", "draft", "waiting", "ana", ""),
    ("submit_for_review", "waiting", "peer_review", "ana", ""),
    ("request_changes", "peer_review", "draft", "ben", 'Too blunt in the second paragraph:\r\n"obviously" must go.'),
    ("finish_draft", "draft", "waiting", "ana", ""),
    ("submit_for_review", "waiting", "peer_review", "ana", ""),
    ("approve_tone", "peer_review", "approved", "ben", ""),
    ("send", "approved", "sent", "ana", ""),
    ("download", "sent", "sent", "=cmd|' /C calc'!A0", "Ünïcödé ✓ 😀"),
)
BATCH = 20_000
START = datetime(2026, 1, 5, 9, tzinfo=UTC)


VARYING = ("seq", "at", "letter_id", "letter_ref", "version", "request_id", "details")


def event_row(seq: int) -> dict[str, object]:
    """Event number `seq` of the benchmark's history, without its hashes."""
    action, from_state, to_state, actor, comment = LIFE[seq % len(LIFE)]
    letter = seq // len(LIFE) + 1
    return dict(
        seq=seq,
        at=START + timedelta(seconds=seq * 7),
        actor=actor,
        actor_roles="author",
        action=action,
        outcome="ok",
        letter_id=letter,
        letter_ref=f"TL-2026-{letter:06d}",
        from_state=from_state,
        to_state=to_state,
        version=seq % 5 + 1,
        content_sha256="5e" * 32,
        comment=comment,
        address="192.0.2.10",
        request_id=f"req-{seq:08x}",
        details=f'{{"channel":"email","n":{seq}}}',
    )


def record_template(row: dict[str, object]) -> str:
    """The record's RFC 8785 JSON with a %-placeholder for each field that differs by event.

    The pure-Python RFC 8785 encoder would take minutes for a million events on a busy
    machine, so it encodes each kind of event once and the rows fill in their own values;
    `chain_rows` checks the result against `chain.chain_hash` before relying on it.
    """
    record = chain.hashed_record(row)
    record.update({name: f"\x00{name}\x00" for name in VARYING})
    template = audit_canonical.canonical_json(record).replace("%", "%%")
    for name in VARYING:
        template = template.replace(audit_canonical.canonical_json(f"\x00{name}\x00"), f"%({name})s")
    return template


def _json_values(row: dict[str, object]) -> dict[str, object]:
    """The varying values as JSON: integers print as themselves, strings need quoting."""
    return {
        **row,
        "at": encode_basestring(chain.iso_utc(row["at"])),
        "letter_ref": encode_basestring(row["letter_ref"]),
        "request_id": encode_basestring(row["request_id"]),
        "details": encode_basestring(row["details"]),
    }


def chain_rows(count: int):
    """Events with true hashes, as `chain.append` would have written them."""
    templates = [record_template(event_row(seq)) for seq in range(len(LIFE))]
    prev = chain.GENESIS_HASH
    for seq in range(1, count + 1):
        row = event_row(seq)
        canonical = templates[seq % len(LIFE)] % _json_values(row)
        digest = hashlib.sha256(chain.DOMAIN_TAG + prev.encode("ascii") + b"\n" + canonical.encode("utf-8"))
        row.update(prev_hash=prev, hash=digest.hexdigest())
        if seq <= 2 * len(LIFE):
            assert row["hash"] == chain.chain_hash(prev, chain.hashed_record(row))
        prev = row["hash"]
        yield row


def fill(db: Database, count: int) -> None:
    schema.upgrade(db)
    table = AuditEvent.__table__
    names = [column.name for column in table.columns]
    # The dialect's own processor, so times are stored as the workflow stores them (with
    # microseconds); the TypeDecorator's alone would leave the formatting to sqlite3.
    stored_at = table.c.at.type.dialect_impl(db.engine.dialect).bind_processor(db.engine.dialect)
    statement = f"INSERT INTO audit_events ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    with db.engine.begin() as connection:
        rows = (
            (*(stored_at(row["at"]) if name == "at" else row[name] for name in names),) for row in chain_rows(count)
        )
        while batch := list(islice(rows, BATCH)):
            connection.exec_driver_sql(statement, batch)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def child(fmt: str, url: str, output: Path, key_path: Path) -> None:
    """One export in this process; prints its time and peak memory."""
    installation = Installation(Database(url), Config(database_url=url, audit_key_path=key_path))
    key = signing.load_signing_key(key_path)
    started = time.perf_counter()
    manifest = write_export(installation, fmt, ExportFilters(), output, key, actors.Actor("bench"))
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"events": manifest["events"], "seconds": seconds, "peak_mb": peak_mb}))


def export_in_child(fmt: str, url: str, output: Path, key_path: Path) -> dict:
    command = [sys.executable, __file__, "--child", fmt, "--url", url, "--output", str(output), "--key", str(key_path)]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def check_hashes(export: Path, lines: int = 1000) -> None:
    """A fast export of the wrong bytes means nothing: recompute the first lines' hashes."""
    with export.open("rb") as content:
        for raw in islice(content, lines):
            line = json.loads(raw)
            record = {name: line[name] for name in chain.HASHED_FIELDS}
            if chain.chain_hash(line["prev_hash"], record) != line["hash"]:
                raise SystemExit(f"seq {line['seq']}: the JSONL export does not carry the chain's hash")


def floor_seconds(path: Path, output: Path) -> float:
    started = time.perf_counter()
    with output.open("wb") as out:
        subprocess.run(["sqlite3", "-csv", str(path), "select * from audit_events"], stdout=out, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs of each export; the best counts (shared machines are noisy)"
    )
    parser.add_argument("--child", choices=("csv", "jsonl"), help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--key", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.url, args.output, args.key)
        return

    with tempfile.TemporaryDirectory(prefix="tactful-bench-") as folder:
        work = Path(folder)
        path, key_path = work / "chain.sqlite", work / "chain.key"
        url = f"sqlite:///{path}"
        signing.generate_key(key_path)
        started = time.perf_counter()
        db = Database(url)
        fill(db, args.events)
        db.dispose()
        print(f"filled {args.events:,} chained events in {time.perf_counter() - started:.1f} s")

        best: dict[str, dict] = {}
        floor = float("inf")
        for _ in range(args.repeat):
            floor = min(floor, floor_seconds(path, work / "floor.csv"))
            for fmt in ("csv", "jsonl"):
                run = export_in_child(fmt, url, work / f"export.{fmt}", key_path)
                if fmt not in best or run["seconds"] < best[fmt]["seconds"]:
                    best[fmt] = {**run, "peak_mb": max(run["peak_mb"], best.get(fmt, run)["peak_mb"])}
        check_hashes(work / "export.jsonl")

        rates = {fmt: best[fmt]["events"] / best[fmt]["seconds"] for fmt in best}
        floor_rate = args.events / floor
        for fmt, rate in rates.items():
            print(
                f"{fmt:5}  {rate:12,.0f} events/s  {best[fmt]['seconds']:6.2f} s  peak {best[fmt]['peak_mb']:6.1f} MB"
            )
        print(f"floor  {floor_rate:12,.0f} events/s  {floor:6.2f} s  (sqlite3 -csv, select * from audit_events)")
        ours = min(rates.values())
        print(
            json.dumps(
                {
                    "bench": "audit_export",
                    "ours": round(ours),
                    "floor": round(floor_rate),
                    "ratio": round(ours / floor_rate, 3),
                    "unit": "events/s",
                    "peak_mb": round(max(b["peak_mb"] for b in best.values()), 1),
                    "csv_events_per_s": round(rates["csv"]),
                    "jsonl_events_per_s": round(rates["jsonl"]),
                    "events": args.events,
                }
            )
        )


if __name__ == "__main__":
    main()
