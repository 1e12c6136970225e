"""Audit trail exports a court, an auditor or a regulator can check without us.

Two formats, both streamed in chunks so a million events never sit in memory:

* JSONL: one event a line, RFC 8785 JSON of exactly the fields the chain hash covers plus
  `prev_hash` and `hash`. A reader recomputes each line's hash as
  SHA-256("tactful.audit.v1\n" + prev_hash + "\n" + RFC8785(line without prev_hash and hash)).
* CSV for spreadsheets: UTF-8 with BOM, ISO 8601 UTC times, every text cell quoted (so CR/LF
  in user text stays inside its cell) and formula-like cells prefixed with an apostrophe.

The database renders each line (SQLite's `json_object` and `printf`, PostgreSQL's `to_json`
and `concat`) and joins a chunk of lines into one UTF-8 value: formatting 18 fields per row
in Python, or even fetching them as Python objects, costs more than the sqlite3 command-line
tool needs to dump the table. The tests hold both renderings to the Python reference
(`chain.hashed_record` through `canonical.canonical_json`).

Every export comes with `FILE.manifest.json`, signed with the audit key (see `signing`).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import reduce
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    LargeBinary,
    Row,
    Select,
    Text,
    bindparam,
    cast,
    func,
    literal,
    select,
)
from sqlmodel import Session, col

from workflow.audit import actors, chain, signing
from workflow.audit.actions import Action
from workflow.audit.events import letter_condition
from workflow.audit.models import AuditEvent
from workflow.errors import InvalidInput, NotFound
from workflow.installation import Installation
from workflow.letters.loading import find_letter
from workflow.letters.models import Letter
from workflow.storage.orm import saved_id, table

FORMATS = ("csv", "jsonl")


LINE_FIELDS = (*chain.HASHED_FIELDS, "prev_hash", "hash")


NUMBER_FIELDS = frozenset({"seq", "letter_id", "version"})


MANIFEST_KIND = "tactful.audit-export.v1"


CHUNK_EVENTS = 5000


NEWLINES = {"jsonl": b"\n", "csv": b"\r\n"}


CSV_BOM = "\ufeff"


FORMULA_STARTS = "=+-@\t\r"


# Every text cell is quoted and a quote inside a cell is doubled, so `,"` followed by one of
# the formula characters can only be the opening of a cell that starts with it.
_FORMULA_CELL = re.compile(b',"(?=[' + re.escape(FORMULA_STARTS.encode("ascii")) + b"])")


def start_of(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def end_of(day: date) -> datetime | None:
    """The first moment after `day`, where an export that includes it ends; None for the
    calendar's last day, which has no next midnight and so no end at all."""
    return None if day == date.max else start_of(day + timedelta(days=1))


@dataclass(frozen=True)
class ExportFilters:
    """Which events to export. `since` is inclusive and `until` exclusive, both aware UTC."""

    since: datetime | None = None
    until: datetime | None = None
    letter: str = ""
    customer: str = ""
    actor: str = ""

    def as_record(self) -> dict[str, str]:
        """The filters as the manifest and the export's audit event state them."""
        record = {"letter": self.letter, "customer": self.customer, "actor": self.actor}
        record["since"] = chain.iso_utc(self.since) if self.since else ""
        record["until"] = chain.iso_utc(self.until) if self.until else ""
        return {name: value for name, value in record.items() if value}


def _column(name: str) -> ColumnElement[Any]:
    return table(AuditEvent).c[name]


def conditions(session: Session, filters: ExportFilters) -> list[ColumnElement[bool]]:
    wanted: list[ColumnElement[bool]] = []
    if filters.since:
        wanted.append(_column("at") >= filters.since)
    if filters.until:
        wanted.append(_column("at") < filters.until)
    if filters.letter:
        wanted.append(letter_condition(saved_id(find_letter(session, filters.letter))))
    if filters.customer:
        customer_letters = select(col(Letter.id)).where(
            func.lower(col(Letter.customer_name)) == filters.customer.strip().lower()
        )
        wanted.append(_column("letter_id").in_(customer_letters))
    if filters.actor:
        wanted.append(_column("actor") == filters.actor.strip())
    return wanted


def _iso_at(dialect: str) -> ColumnElement[str]:
    """The event time as `chain.iso_utc` writes it, computed by the database."""
    at = _column("at")
    if dialect == "sqlite":
        # SQLAlchemy stores SQLite times as "YYYY-MM-DD HH:MM:SS.ffffff".
        return func.replace(at, " ", "T", type_=Text).op("||")(literal("Z"))
    return func.to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"', type_=Text)


def _value(name: str, dialect: str) -> ColumnElement:
    return _iso_at(dialect) if name == "at" else _column(name)


def _concat(parts: list[ColumnElement]) -> ColumnElement[str]:
    return reduce(lambda left, right: left.op("||")(right), parts)


def jsonl_line(dialect: str) -> ColumnElement[str]:
    """One event as RFC 8785 JSON: keys in code-point order, no spaces, minimal escapes."""
    names = sorted(LINE_FIELDS)
    if dialect == "sqlite":
        pairs = [item for name in names for item in (literal(name), _value(name, dialect))]
        return func.json_object(*pairs, type_=Text)
    parts: list[ColumnElement] = []
    for index, name in enumerate(names):
        parts.append(literal(("{" if index == 0 else ",") + json.dumps(name) + ":"))
        parts.append(func.coalesce(cast(func.to_json(_value(name, dialect)), Text), "null"))
    parts.append(literal("}"))
    return _concat(parts)


def csv_line(dialect: str) -> ColumnElement[str]:
    """One event as a CSV row: numbers bare, every text cell quoted with inner quotes doubled."""
    if dialect == "sqlite":
        template = ",".join("%s" if name in NUMBER_FIELDS else '"%w"' for name in LINE_FIELDS)
        return func.printf(template, *(_value(name, dialect) for name in LINE_FIELDS), type_=Text)
    parts: list[ColumnElement] = []
    for index, name in enumerate(LINE_FIELDS):
        separator = "" if index == 0 else ","
        if name in NUMBER_FIELDS:
            parts += [literal(separator), func.coalesce(cast(_column(name), Text), "")]
        else:
            parts += [literal(separator + '"'), func.replace(_value(name, dialect), '"', '""'), literal('"')]
    return _concat(parts)


def neutralize_formulas(csv_lines: bytes) -> bytes:
    """Spreadsheets run cells starting with = + - @ (or tab, CR) as formulas; make them text."""
    return _FORMULA_CELL.sub(b",\"'", csv_lines)


def csv_header() -> str:
    return CSV_BOM + ",".join(LINE_FIELDS) + "\r\n"


@dataclass
class Tally:
    """What a streamed export held; the manifest and the export's audit event are made from it."""

    events: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    size: int = 0
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)

    def add(self, chunk: bytes, first_seq: int | None = None, last_seq: int | None = None, events: int = 0) -> None:
        self.digest.update(chunk)
        self.size += len(chunk)
        self.events += events
        if first_seq is not None and self.first_seq is None:
            self.first_seq = first_seq
        if last_seq is not None:
            self.last_seq = last_seq

    @property
    def sha256(self) -> str:
        return self.digest.hexdigest()

    @property
    def contiguous(self) -> bool:
        if self.first_seq is None or self.last_seq is None:
            return self.first_seq is None
        return self.last_seq - self.first_seq + 1 == self.events


def chunk_query(session: Session, fmt: str, filters: ExportFilters) -> Select:
    """The export's lines for the seq range [:low, :high] as one UTF-8 value, with its span.

    The database renders and joins a whole chunk in one statement, so Python handles one
    value per few thousand events and never decodes or re-encodes the text: fetching rows one
    by one costs more than the sqlite3 tool's whole dump. A seq range rather than LIMIT keeps
    every chunk cheap whatever the filters (SQLite's indexes end with the rowid, so
    `actor = ? AND seq BETWEEN ? AND ?` is one index range). The lines are joined in seq
    order: PostgreSQL is told so; SQLite before 3.44 has no ORDER BY inside an aggregate,
    but keeps a FROM subquery's ORDER BY when the outer query uses an order-sensitive
    aggregate such as group_concat, and feeds it the rows in that order.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    dialect = session.get_bind().dialect.name
    seq = _column("seq")
    line = jsonl_line(dialect) if fmt == "jsonl" else csv_line(dialect)
    events = (
        select(seq, line.label("line"))
        .where(*conditions(session, filters), seq.between(bindparam("low"), bindparam("high")))
        .order_by(seq)
        .subquery()
    )
    lines = func.aggregate_strings(events.c.line, NEWLINES[fmt].decode("ascii"))
    utf8: ColumnElement[bytes]
    if dialect == "sqlite":
        utf8 = cast(lines, LargeBinary)
    else:
        utf8 = func.convert_to(lines.aggregate_order_by(events.c.seq), "UTF8", type_=LargeBinary)
    return select(
        utf8.label("lines"),
        func.min(events.c.seq).label("first_seq"),
        func.max(events.c.seq).label("last_seq"),
        func.count().label("events"),
    )


def export_events(
    session: Session, fmt: str, filters: ExportFilters, *, upto_seq: int | None = None, tally: Tally | None = None
) -> Iterator[bytes]:
    """The export as byte chunks, for a file or a streaming HTTP response.

    Bad filters (an unknown letter) raise here, before the first byte, so a web response can
    still answer with an error. `upto_seq` pins the export to the chain head the caller saw,
    so events appended while it streams are left out (PostgreSQL's default isolation would
    otherwise let them in).
    """
    query = chunk_query(session, fmt, filters)
    if upto_seq is None:
        head = chain.head(session)
        upto_seq = head.seq if head else 0
    return _chunks(fmt, _rendered(session, query, upto_seq), tally if tally is not None else Tally())


def _rendered(session: Session, query: Select, upto_seq: int) -> Iterator[Row]:
    """(lines, first seq, last seq, events) for each chunk of seq range that holds events."""
    for low in range(1, upto_seq + 1, CHUNK_EVENTS):
        chunk = session.execute(query, {"low": low, "high": min(low + CHUNK_EVENTS - 1, upto_seq)}).one()
        if chunk.events:
            yield chunk


def _chunks(fmt: str, rendered: Iterator[Row], tally: Tally) -> Iterator[bytes]:
    if fmt == "csv":
        header = csv_header().encode("utf-8")
        tally.add(header)
        yield header
    for lines, first_seq, last_seq, events in rendered:
        content = lines + NEWLINES[fmt]
        chunk = neutralize_formulas(content) if fmt == "csv" else content
        tally.add(chunk, first_seq, last_seq, events)
        yield chunk


def manifest_path(export_path: Path) -> Path:
    return export_path.with_name(export_path.name + ".manifest.json")


def manifest_fields(
    fmt: str, filters: ExportFilters, tally: Tally, head: AuditEvent | None, export_name: str, at: datetime
) -> dict[str, object]:
    """Everything the manifest states about one export, before it is signed."""
    return {
        "kind": MANIFEST_KIND,
        "file": export_name,
        "format": fmt,
        "sha256": tally.sha256,
        "bytes": tally.size,
        "events": tally.events,
        "first_seq": tally.first_seq,
        "last_seq": tally.last_seq,
        "contiguous": tally.contiguous,
        "filters": filters.as_record(),
        "chain_head": {"seq": head.seq, "hash": head.hash} if head else None,
        "exported_at": chain.iso_utc(at),
    }


def seal_export(
    installation: Installation,
    key: signing.SigningKey,
    actor: actors.Actor,
    export_name: str,
    fmt: str,
    filters: ExportFilters,
    tally: Tally,
    head: AuditEvent | None,
) -> dict[str, object]:
    """After the last chunk: sign the manifest, checkpoint the head, record the export.

    For a streamed download: read `head = chain.head(session)`, stream
    `export_events(session, fmt, filters, upto_seq=head.seq if head else 0, tally=tally)`,
    then call this with the same head and tally; the returned manifest is the file's.
    """
    manifest = signing.sign_manifest(
        key, manifest_fields(fmt, filters, tally, head, export_name, installation.clock.now())
    )
    record_export(installation, key, actor, manifest)
    return manifest


def record_export(
    installation: Installation, key: signing.SigningKey, actor: actors.Actor, manifest: Mapping[str, object]
) -> None:
    """Sign the chain head the export saw, and record the export itself, in one transaction."""
    head = manifest["chain_head"]

    def work(session: Session) -> None:
        now = installation.clock.now()
        if isinstance(head, Mapping):
            signing.sign_checkpoint(session, key, now, session.get(AuditEvent, head["seq"]))
        details = {
            name: manifest[name]
            for name in (
                "file",
                "format",
                "sha256",
                "events",
                "first_seq",
                "last_seq",
                "filters",
                "chain_head",
                "key_id",
            )
        }
        chain.append(session, actor=actor, action=Action.EXPORT_AUDIT, at=now, details=details)

    installation.db.write(work)


def write_export(
    installation: Installation,
    fmt: str,
    filters: ExportFilters,
    path: Path,
    key: signing.SigningKey,
    actor: actors.Actor,
) -> dict[str, object]:
    """Write the export and its signed manifest, then record both; returns the manifest."""
    tally = Tally()
    with installation.db.read() as session:
        head = chain.head(session)
        chunks = export_events(session, fmt, filters, upto_seq=head.seq if head else 0, tally=tally)
        try:
            with path.open("wb") as output:
                output.writelines(chunks)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    manifest = seal_export(installation, key, actor, path.name, fmt, filters, tally, head)
    manifest_path(path).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


@dataclass(frozen=True)
class ExportCheck:
    """The outcome of checking an export against its manifest; `problems` say why it fails."""

    manifest: Mapping[str, object]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        if self.problems:
            return "export refused: " + "; ".join(self.problems)
        m = self.manifest
        span = f"seq {m['first_seq']}–{m['last_seq']}" if m["events"] else "no events"
        recomputed = ", every hash and link recomputed" if m["format"] == "jsonl" else ""
        return f"{m['events']} events ({span}): file matches its signed manifest (key {m['key_id']}){recomputed}"


@dataclass
class _Walk:
    """The lines seen so far while checking a JSONL export."""

    events: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    last_hash: str = ""


def _line_problem(walk: _Walk, number: int, raw: bytes, contiguous: bool) -> str | None:
    """Check one JSONL line on its own and against the line before it."""
    try:
        line = json.loads(raw)
    except ValueError:
        return f"line {number} is not JSON"
    if not isinstance(line, dict) or set(line) != set(LINE_FIELDS):
        return f"line {number} does not hold the fields of an audit event"
    record = {name: line[name] for name in chain.HASHED_FIELDS}
    seq, where = record["seq"], f"line {number} (seq {record['seq']})"
    if not isinstance(seq, int):
        return f"line {number} has no whole-number seq"
    if chain.chain_hash(str(line["prev_hash"]), record) != line["hash"]:
        return f"{where}: its content does not match its hash (the event was altered)"
    if walk.last_seq is not None and seq <= walk.last_seq:
        return f"{where} comes after seq {walk.last_seq}: lines were reordered or repeated"
    if walk.last_seq is not None and seq != walk.last_seq + 1 and contiguous:
        return f"{where} follows seq {walk.last_seq}: an event is missing or out of order"
    follows = chain.GENESIS_HASH if seq == 1 else walk.last_hash if walk.last_seq == seq - 1 else None
    if follows is not None and line["prev_hash"] != follows:
        return f"{where}: its prev_hash does not match the hash of the event before it"
    walk.events += 1
    walk.first_seq = seq if walk.first_seq is None else walk.first_seq
    walk.last_seq, walk.last_hash = seq, str(line["hash"])
    return None


def _jsonl_problems(path: Path, manifest: Mapping[str, object]) -> list[str]:
    walk = _Walk()
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, 1):
            problem = _line_problem(walk, number, raw, bool(manifest.get("contiguous")))
            if problem:
                return [problem]
    problems = _count_problems(walk.events, manifest)
    if (walk.first_seq, walk.last_seq) != (manifest.get("first_seq"), manifest.get("last_seq")):
        problems.append(
            f"the file spans seq {walk.first_seq}–{walk.last_seq}, the manifest "
            f"{manifest.get('first_seq')}–{manifest.get('last_seq')}"
        )
    recorded = manifest.get("chain_head")
    head = recorded if isinstance(recorded, Mapping) else {}
    if walk.last_seq is not None and walk.last_seq == head.get("seq") and walk.last_hash != head.get("hash"):
        problems.append("the last event is not the chain head the manifest recorded")
    return problems


def _csv_problems(path: Path, manifest: Mapping[str, object]) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as text:
        rows = csv.reader(text)
        if next(rows, None) != list(LINE_FIELDS):
            return ["the file does not start with the audit export's CSV header"]
        return _count_problems(sum(1 for _ in rows), manifest)


def _count_problems(events: int, manifest: Mapping[str, object]) -> list[str]:
    if events != manifest.get("events"):
        return [f"the file holds {events} events, the manifest says {manifest.get('events')}"]
    return []


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as content:
        while block := content.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(path: Path) -> dict[str, object]:
    try:
        manifest = json.loads(manifest_path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotFound(f"No manifest beside the export: expected {manifest_path(path)}.") from None
    except ValueError:
        raise InvalidInput(f"{manifest_path(path)} is not a JSON manifest.") from None
    if not isinstance(manifest, dict) or manifest.get("kind") != MANIFEST_KIND:
        raise InvalidInput(f"{manifest_path(path)} is not an audit export manifest.")
    return manifest


def verify_export(path: Path, key: signing.VerifyKey) -> ExportCheck:
    """Check an export with nothing but the file, its manifest and the public key."""
    if not path.is_file():
        raise NotFound(f"No export file at {path}.")
    manifest = read_manifest(path)
    problems = [problem for problem in [signing.manifest_signature_problem(manifest, key)] if problem]
    actual = file_sha256(path)
    if actual != manifest.get("sha256"):
        problems.append(
            f"the file's SHA-256 is {actual}, not the {manifest.get('sha256')} "
            "the manifest records (the file was changed)"
        )
    content_check = _jsonl_problems if manifest.get("format") == "jsonl" else _csv_problems
    problems += content_check(path, manifest)
    return ExportCheck(manifest, tuple(problems))
