"""A replaced template is checked before use: unknown fields are refused by name."""

from __future__ import annotations

import pytest

from tests.conftest import word_file
from workflow.documents import DocumentKind, validate_template
from workflow.documents.engine import template_bytes
from workflow.errors import InvalidInput
from workflow.languages import LANGUAGES


@pytest.mark.parametrize("kind", DocumentKind)
def test_every_shipped_template_is_valid(kind: DocumentKind):
    for language in LANGUAGES if kind.per_language else ["en"]:
        validate_template(kind, template_bytes(kind, language))


@pytest.mark.parametrize(
    ("kind", "paragraphs", "field"),
    [
        (DocumentKind.FINAL, ["Dear {{ customer }},"], "customer"),
        (DocumentKind.FINAL, ["{{ letter.nmae }}"], "letter.nmae"),
        (DocumentKind.FINAL, ["{{ decision.internal_notes }}"], "decision"),
        (DocumentKind.DRAFT, ["{% if letter.order_reference %}{{ letter.order_ref }}{% endif %}"], "letter.order_ref"),
        (DocumentKind.PEER_REVIEW, ["{% for f in findings %}{{ f.severty }}{% endfor %}"], "f.severty"),
        (DocumentKind.RECORD, ["{{ record['sha'] }}"], "record.sha"),
        (DocumentKind.LEGAL_REVIEW, ["{% if peer_approval %}{{ peer_approval.who }}{% endif %}"], "peer_approval.who"),
    ],
)
def test_a_template_asking_for_an_unknown_field_is_refused_by_name(kind, paragraphs, field):
    with pytest.raises(InvalidInput, match=f"asks for “{field}”"):
        validate_template(kind, word_file(*paragraphs))


def test_the_final_letter_template_cannot_reach_reviewer_data():
    for name in ("decision", "findings", "reviews", "events", "peer_approval", "record"):
        with pytest.raises(InvalidInput, match=f"“{name}”"):
            validate_template(DocumentKind.FINAL, word_file(f"{{{{ {name} }}}}"))


def test_known_fields_loops_and_local_names_pass():
    validate_template(
        DocumentKind.RECORD,
        word_file(
            "{{ letter.customer_name }} {% set who = signer.name %}{{ who }} {{ letter.reference }}",
            "{{ record.final_sha256 }}",
            "{% for e in events %}{{ e.seq }} {{ loop.index }}{% endfor %}",
        ),
    )


def test_a_syntax_error_is_refused():
    with pytest.raises(InvalidInput, match="syntax error"):
        validate_template(DocumentKind.FINAL, word_file("{{ letter.body "))


def test_a_template_that_fails_with_sample_data_is_refused():
    with pytest.raises(InvalidInput, match="could not be filled in"):
        validate_template(DocumentKind.FINAL, word_file("{{ letter.body.__class__ }}", *FINAL_FIELDS))


def test_a_template_is_checked_by_the_upload_gate_first():
    with pytest.raises(InvalidInput, match="not a zip archive"):
        validate_template(DocumentKind.FINAL, b"not a zip")


FINAL_FIELDS = ("{{ letter.reference }} {{ letter.date }}", "{{ letter.customer_name }}", "{{ signer.name }}")


def test_a_final_letter_template_without_the_letters_text_is_refused_in_a_sentence():
    with pytest.raises(InvalidInput, match="must show the letter's text.*leaves out the letter's text"):
        validate_template(DocumentKind.FINAL, word_file(*FINAL_FIELDS))


def test_a_final_letter_template_without_a_signature_block_is_refused():
    with pytest.raises(InvalidInput, match="leaves out the signature block"):
        validate_template(DocumentKind.FINAL, word_file("{{ letter.body }}", *FINAL_FIELDS[:2]))


def test_a_template_that_asks_for_the_text_but_hides_it_is_refused():
    hidden = "{% if letter.body %}Please see the attached letter.{% endif %}"
    with pytest.raises(InvalidInput, match="does not show the letter's text"):
        validate_template(DocumentKind.FINAL, word_file(hidden, *FINAL_FIELDS))


def test_a_final_letter_template_with_every_field_it_must_show_passes():
    validate_template(DocumentKind.FINAL, word_file("{{ letter.body }}", *FINAL_FIELDS))
