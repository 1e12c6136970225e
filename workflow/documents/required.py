"""What each document kind must show, whatever an administrator's template looks like.

A final-letter template without `{{ letter.body }}` fills in without an error and would be
stored as "the letter that was sent" while the approved text is nowhere in it. So a
template is refused unless it asks for the fields its kind exists to carry, and unless the
sample letters filled into it show their text.
"""

from __future__ import annotations

from jinja2 import nodes

from workflow.documents.kinds import DocumentKind

_BODY = "letter.body"

REQUIRED: dict[DocumentKind, dict[str, str]] = {
    DocumentKind.DRAFT: {_BODY: "the letter's text", "letter.reference": "the reference"},
    DocumentKind.FINAL: {
        _BODY: "the letter's text",
        "letter.reference": "the reference",
        "letter.date": "the date",
        "letter.customer_name": "the addressee",
        "signer.name": "the signature block",
    },
    DocumentKind.PEER_REVIEW: {_BODY: "the letter's text", "letter.reference": "the reference"},
    DocumentKind.LEGAL_REVIEW: {_BODY: "the letter's text", "letter.reference": "the reference"},
    DocumentKind.RECORD: {"letter.reference": "the reference", "record.final_sha256": "the final letter's SHA-256"},
}


def shows_body(kind: DocumentKind) -> bool:
    return _BODY in REQUIRED[kind]


def missing_fields(tree: nodes.Template, kind: DocumentKind) -> list[str]:
    """What `kind` must show that the template never asks for, in words, in order."""
    used = {
        f"{node.node.name}.{node.attr}" for node in tree.find_all(nodes.Getattr) if isinstance(node.node, nodes.Name)
    }
    return [words for name, words in REQUIRED[kind].items() if name not in used]
