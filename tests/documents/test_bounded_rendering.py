"""A template is a program: filling one is bounded in time, memory and output, and a stored
template that fails for a letter is a sentence and a refused download, never a crash."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.conftest import World, shown_fields, word_file
from tests.documents.helpers import keep_unchecked_template
from workflow.audit import chain
from workflow.audit.models import AuditEvent
from workflow.documents import DocumentKind, fill, validate_template
from workflow.documents.downloads import stage_document
from workflow.documents.samples import varied_samples
from workflow.documents.validate import _reading_environment
from workflow.errors import InvalidInput
from workflow.languages import LANGUAGES

SPINS = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
BREAKS_ON_AN_EMPTY_ORDER = "{{ 100 // (letter.order_reference | length) }}"


@pytest.fixture
def half_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    """The child's time per document, cut so a spinning template is caught quickly."""
    monkeypatch.setattr(fill, "SECONDS", 0.5)


@pytest.mark.parametrize(
    ("paragraph", "reason"),
    [
        ('{{ "x" * 30000000 }}', "writes more than 20,000,000 characters"),
        ('{{ "x" * 5000000000 }}', "needs more than 1,024 MB of memory"),
        ('{{ "x" | center(5000000000) }}', "needs more than 1,024 MB of memory"),
        ('{{ "%5000000000s" % "x" }}', "needs more than 1,024 MB of memory"),
    ],
)
def test_a_template_without_bounds_is_refused_with_the_bound_it_broke(paragraph: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=f"could not be filled in for a long letter in English .*{reason}"):
        validate_template(DocumentKind.RECORD, word_file(paragraph, *shown_fields("record")))


@pytest.mark.usefixtures("half_a_second")
def test_a_template_that_spins_is_stopped() -> None:
    with pytest.raises(InvalidInput, match="for a long letter in English with a concession: it takes longer than 0.5"):
        validate_template(DocumentKind.FINAL, word_file(SPINS, *shown_fields("final")))


def test_reading_a_template_computes_nothing_in_the_server_s_process() -> None:
    """Jinja's compiler folds constants: these would be 10 GB strings made before any bound."""
    code = _reading_environment().compile('{{ "ab" * 3 }}{{ "cd" | center(9) }}{{ -(2 ** 3) }}', raw=True)
    assert all(folded not in code for folded in ("ababab", "   cd", "-8"))


def test_a_template_failing_only_for_some_letters_is_refused_naming_one() -> None:
    with pytest.raises(
        InvalidInput,
        match="could not be filled in for a short letter in English with a concession: it fails with ZeroDivisionError",
    ):
        validate_template(DocumentKind.FINAL, word_file(BREAKS_ON_AN_EMPTY_ORDER, *shown_fields("final")))


@pytest.mark.parametrize("kind", DocumentKind)
def test_the_samples_vary_language_length_and_concession(kind: DocumentKind) -> None:
    samples = varied_samples(kind)
    assert len({s.description for s in samples}) == len(samples) == 4 * len(LANGUAGES)
    assert {s.context.letter.language for s in samples} == set(LANGUAGES)
    bodies = sorted(len(s.context.letter.body) for s in samples)
    assert bodies[0] < 200 and bodies[-1] > 10_000


@pytest.mark.usefixtures("half_a_second")
@pytest.mark.parametrize(
    ("paragraph", "reason"),
    [(BREAKS_ON_AN_EMPTY_ORDER, "fails with ZeroDivisionError"), (SPINS, "takes longer than 0.5 seconds")],
)
def test_a_stored_template_that_fails_for_a_letter_is_a_sentence_and_a_refused_download(
    world: World, paragraph: str, reason: str
) -> None:
    keep_unchecked_template(world, "draft", "en", word_file(paragraph))
    letter = world.letter(order_reference="")
    sentence = f"The draft copy could not be made from the template an administrator uploaded: it {reason}"
    with pytest.raises(InvalidInput, match=sentence):
        stage_document(world.installation, letter.id, "draft", world.people["ana"].id)
    with world.installation.db.read() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()
        assert chain.verify(session).intact
    assert (event.action, event.outcome, event.actor, event.letter_id) == ("download", "refused", "ana", letter.id)
    assert sentence in event.comment and json.loads(event.details) == {"kind": "draft"}
