"""What an export holds: exactly the chain's events, in both formats, through every filter."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import select

from tests.audit.conftest import NASTY
from tests.conftest import World
from workflow.audit import canonical, chain, export
from workflow.audit.events import letter_events
from workflow.audit.export import (
    CSV_BOM,
    LINE_FIELDS,
    ExportFilters,
    Tally,
    export_events,
    neutralize_formulas,
)
from workflow.audit.models import AuditEvent
from workflow.errors import NotFound
from workflow.letters.models import Letter

# No filter set: the whole chain.
EVERYTHING = ExportFilters()


def exported(world: World, fmt: str, filters: ExportFilters = EVERYTHING, tally: Tally | None = None) -> bytes:
    with world.installation.db.read() as session:
        return b"".join(export_events(session, fmt, filters, tally=tally))


def table(world: World) -> list[AuditEvent]:
    with world.installation.db.read() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def reference_line(event: AuditEvent) -> dict[str, object]:
    return {**chain.hashed_record(event), "prev_hash": event.prev_hash, "hash": event.hash}


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(CSV_BOM.encode("utf-8"))
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def jsonl_seqs(content: bytes) -> list[int]:
    return [json.loads(line)["seq"] for line in content.split(b"\n")[:-1]]


def test_jsonl_is_the_canonical_json_of_each_event(history: World) -> None:
    events = table(history)
    lines = exported(history, "jsonl").decode("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) - 1 == len(events)
    assert lines[:-1] == [canonical.canonical_json(reference_line(event)) for event in events]


def test_csv_parses_back_to_the_events_with_formulas_neutralized(history: World) -> None:
    events = table(history)
    header, *rows = csv_rows(exported(history, "csv"))
    assert header == list(LINE_FIELDS)
    expected = []
    for event in events:
        line = reference_line(event)
        expected.append(
            [
                ""
                if line[name] is None
                else str(line[name])
                if isinstance(line[name], int)
                else "'" + line[name]
                if line[name][:1] in ("=", "+", "-", "@", "\t", "\r")
                else line[name]
                for name in LINE_FIELDS
            ]
        )
    assert rows == expected


def test_formula_cells_become_text_and_others_stay(history: World) -> None:
    rows = csv_rows(exported(history, "csv"))[1:]
    comments = [row[LINE_FIELDS.index("comment")] for row in rows]
    assert '\'=HYPERLINK("http://evil.example","click")' in comments
    assert {"'+1+1", "'-2", "'@SUM(A1)", "'\tindented", "'\rcarriage"} <= set(comments)
    assert 'quote " and backslash \\ and comma ,' in comments
    actors = [row[LINE_FIELDS.index("actor")] for row in rows]
    assert '\'=HYPERLINK("http://evil.example","click")'[:65] in actors
    assert neutralize_formulas(b'1,"a=b","-x"') == b'1,"a=b","\'-x"'


def test_line_breaks_in_user_text_cannot_forge_rows_or_lines(history: World) -> None:
    events = table(history)
    forged = next(e for e in events if e.comment.startswith("ok\r\n999"))
    rows = csv_rows(exported(history, "csv"))[1:]
    assert len(rows) == len(events)
    assert [row[0] for row in rows] == [str(e.seq) for e in events]
    assert rows[events.index(forged)][LINE_FIELDS.index("comment")] == forged.comment
    jsonl = exported(history, "jsonl")
    assert jsonl.count(b"\n") == len(events) and b"\r" not in jsonl
    assert jsonl_seqs(jsonl) == [e.seq for e in events]


def test_every_nasty_text_survives_both_formats(history: World) -> None:
    comments = {json.loads(line)["comment"] for line in exported(history, "jsonl").split(b"\n")[:-1]}
    assert set(NASTY) <= comments


def test_filter_by_time_is_inclusive_since_exclusive_until(history: World) -> None:
    events = table(history)
    since, until = events[3].at, events[-2].at
    expected = [e.seq for e in events if since <= e.at < until]
    assert 0 < len(expected) < len(events)
    assert jsonl_seqs(exported(history, "jsonl", ExportFilters(since=since, until=until))) == expected


def test_filter_by_actor(history: World) -> None:
    expected = [e.seq for e in table(history) if e.actor == "ben"]
    assert expected
    assert jsonl_seqs(exported(history, "jsonl", ExportFilters(actor="ben"))) == expected


def test_filter_by_customer_takes_every_letter_of_that_customer(history: World) -> None:
    history.letter("50.00", customer_name="Mary Smith")
    with history.installation.db.read() as session:
        marys = set(session.scalars(select(Letter.id).where(Letter.customer_name == "Mary Smith")))
    expected = [e.seq for e in table(history) if e.letter_id in marys]
    assert len(marys) == 2 and expected
    assert jsonl_seqs(exported(history, "jsonl", ExportFilters(customer="mary smith"))) == expected


def test_filters_combine(history: World) -> None:
    ref = table(history)[-1].letter_ref
    expected = [e.seq for e in table(history) if e.letter_ref == ref and e.actor == "ana"]
    assert expected
    assert jsonl_seqs(exported(history, "jsonl", ExportFilters(letter=ref, actor="ana"))) == expected


def test_the_export_of_a_letter_is_its_timeline(history: World) -> None:
    """The letter page's timeline must use `letter_events`, so the two can never differ."""
    for letter_ref in {e.letter_ref for e in table(history) if e.letter_ref}:
        with history.installation.db.read() as session:
            letter_id = session.scalars(select(Letter.id).where(Letter.reference == letter_ref)).one()
            timeline = letter_events(session, letter_id)
        from_table = [e for e in table(history) if e.letter_id == letter_id]
        assert [e.seq for e in timeline] == [e.seq for e in from_table]
        content = exported(history, "jsonl", ExportFilters(letter=letter_ref))
        assert content.decode("utf-8").split("\n")[:-1] == [
            canonical.canonical_json(reference_line(e)) for e in timeline
        ]


def test_unknown_letter_is_a_readable_error(history: World) -> None:
    with pytest.raises(NotFound, match="No letter “TL-1999-00001”"):
        exported(history, "jsonl", ExportFilters(letter="TL-1999-00001"))


def test_tally_counts_what_was_streamed(history: World) -> None:
    tally = Tally()
    content = exported(history, "csv", ExportFilters(actor="ana"), tally)
    seqs = [e.seq for e in table(history) if e.actor == "ana"]
    assert (tally.events, tally.first_seq, tally.last_seq) == (len(seqs), seqs[0], seqs[-1])
    assert tally.size == len(content) and not tally.contiguous


def test_an_export_matching_nothing_has_only_the_header(history: World) -> None:
    nobody = ExportFilters(actor="nobody")
    assert csv_rows(exported(history, "csv", nobody)) == [list(LINE_FIELDS)]
    assert exported(history, "jsonl", nobody) == b""


@pytest.mark.parametrize("chunk_events", [1, 2, 7])
def test_chunk_boundaries_change_no_byte(history: World, monkeypatch: pytest.MonkeyPatch, chunk_events: int) -> None:
    """The database renders a chunk at a time; where the chunks end must not show in the file."""
    whole = {fmt: exported(history, fmt, ExportFilters(actor="ana")) for fmt in ("csv", "jsonl")}
    monkeypatch.setattr(export, "CHUNK_EVENTS", chunk_events)
    for fmt, content in whole.items():
        tally = Tally()
        assert exported(history, fmt, ExportFilters(actor="ana"), tally) == content
        assert tally.events == len([e for e in table(history) if e.actor == "ana"])
