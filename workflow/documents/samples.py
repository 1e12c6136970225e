"""A complete letter history in memory, with every field filled in.

Template validation fills a replaced template with it and with varied versions of it
(`varied_samples`: every field and loop exercised, empty ones too), the benchmark renders
it, and tests start from it. Values carry the characters
that break careless XML (& < > ") on purpose.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from hashlib import sha256

from workflow.audit.models import AuditEvent
from workflow.documents.context import (
    CompanyDetails,
    DocumentContext,
    LetterRecord,
    build_context,
)
from workflow.documents.kinds import DocumentKind
from workflow.languages import LANGUAGES
from workflow.letters.decision import Concession
from workflow.letters.models import Letter, LetterVersion, Review, StoredDocument
from workflow.letters.states import State
from workflow.money import Money
from workflow.people.models import User
from workflow.settings.config import Policy
from workflow.storage.orm import saved_id

PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAAEElEQVR4nGNQcGiAIwZkDgBYGgcBJ5S78gAAAABJRU5ErkJggg=="
)

SAMPLE_COMPANY = CompanyDetails(
    name="Smith & Sons <Events>",
    address="1 High Street\nSpringfield & District",
    phone="+1 555 0100",
    email="care@example.com",
    logo=PIXEL_PNG,
)

SAMPLE_BODIES: dict[str, str] = {
    "en": (
        "Thank you for writing to us about your booking of 12 May.\n\n"
        "The event was delivered on the agreed date, in the condition and quality we promised, so we "
        'cannot refund the "balance" of $1,200 & fees.\n'
        "Clause 4 <Cancellations> of the policy you signed applies.\n\n"
        "As a gesture of goodwill, and not because anyone was at fault, we offer a 10% discount on your next "
        "booking.\n\n"
        "Thank you for your business; we hope to serve you again. If you have any questions, please contact us."
    ),
    "es": (
        "Gracias por escribirnos sobre su reserva del 12 de mayo.\n\n"
        "El servicio se prestó en la fecha acordada y con la calidad prometida, por lo que no podemos "
        'reembolsar el "saldo" de 1.200 € & gastos.\n'
        "Se aplica la cláusula 4 <Cancelaciones> de la política que usted firmó.\n\n"
        "Como gesto de buena voluntad, le ofrecemos un descuento del 10 % en su próxima reserva.\n\n"
        "Gracias por su confianza; esperamos volver a atenderle. Quedamos a su disposición para cualquier pregunta."
    ),
    "bg": (
        "Благодарим ви, че ни писахте за резервацията си от 12 май.\n\n"
        "Услугата беше изпълнена на договорената дата и в обещаното качество, затова не можем да "
        'възстановим "остатъка" от 1200 лв. & такси.\n'
        "Прилага се точка 4 <Анулиране> от политиката, която подписахте.\n\n"
        "Като жест на добра воля ви предлагаме 10% отстъпка при следващата ви резервация.\n\n"
        "Благодарим ви, че сте наш клиент; надяваме се да ви обслужим отново. Ако имате въпроси, свържете се с нас."
    ),
    "tr": (
        "12 Mayıs tarihli rezervasyonunuz hakkında bize yazdığınız için teşekkür ederiz.\n\n"
        'Hizmet, kararlaştırılan tarihte ve söz verilen kalitede sunuldu; bu nedenle "kalan" 1.200 ₺ & '
        "masrafları iade edemiyoruz.\n"
        "İmzaladığınız politikanın 4. maddesi <İptaller> geçerlidir.\n\n"
        "İyi niyet göstergesi olarak bir sonraki rezervasyonunuzda %10 indirim sunuyoruz.\n\n"
        "Bizi tercih ettiğiniz için teşekkür ederiz. Sorularınız için bize her zaman ulaşabilirsiniz."
    ),
}

INTERNAL_NOTES = "INTERNAL-NOTE: customer threatened a chargeback & review <bomb>"
HARDSHIP = "HARDSHIP-NOTE: recent surgery in the family"
PEER_COMMENT = "PEER-COMMENT: tone is fine now & clear"
CUSTOMER_VALUE_MINOR = 987_654
REMOVED_IN_V2 = " Obviously, you did not read the policy!!!"

_START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
_CURRENCY = {"en": "USD", "es": "EUR", "bg": "BGN", "tr": "TRY"}


@dataclass(frozen=True)
class _Finding:
    category: str
    severity: str
    text: str
    message: str
    suggestion: str


SAMPLE_FINDINGS = (
    _Finding("condescension", "warning", "obviously", "Sounds condescending.", "Leave it out."),
    _Finding("shouting", "info", "!!!", "Reads as shouting.", "Use one full stop."),
)


def sample_users() -> dict[int, User]:
    made = _START - timedelta(days=30)
    people = [
        User(
            id=1,
            username="ana",
            display_name="Ana O'Brien & Co",
            title="Customer Care Lead",
            email="ana@example.com",
            phone="+1 555 0101",
            roles="author",
            password_hash="-",
            created_at=made,
        ),
        User(
            id=2,
            username="peer",
            display_name="Pere Reviewer",
            roles="peer_reviewer",
            password_hash="-",
            created_at=made,
        ),
        User(
            id=3, username="lex", display_name="Lex Counsel", roles="legal_reviewer", password_hash="-", created_at=made
        ),
    ]
    return {saved_id(u): u for u in people}


def sample_record(language: str = "en", state: State = State.ARCHIVED, body: str = "") -> LetterRecord:
    """A letter that went through two review rounds (changes asked, then approved by peer
    and legal) and, depending on `state`, was sent and archived; `body` replaces the
    language's sample text."""
    currency = _CURRENCY[language]
    body = body or SAMPLE_BODIES[language]
    letter = Letter(
        id=7,
        reference="TL-2026-00007",
        state=state.value,
        revision=9,
        author_id=1,
        created_at=_START,
        updated_at=_START,
        customer_name='Zoë "Z" <Smith> & Partner',
        customer_email="zoe@example.com",
        postal_address="Flat 2 & 3\n10 Rue <Haute>\n75001 Paris",
        order_reference='ORD-<42>&"A"',
        amount_minor=150_000,
        currency=currency,
        language=language,
        customer_reason="Changed plans & wants the money back",
        reasons="delivered_as_agreed buyers_remorse policy_clause",
        policy_clause="4. Cancellations within 14 days of the event are not refunded.",
        reason_details="Delivered on 12 May as agreed.",
        customer_value_minor=CUSTOMER_VALUE_MINOR,
        concession=Concession.FUTURE_DISCOUNT.value,
        concession_minor=12_000,
        hardship=HARDSHIP,
        internal_notes=INTERNAL_NOTES,
        current_version=2,
        review_round=2,
        escalated=False,
    )
    versions = [
        _version(1, body + REMOVED_IN_V2, _START),
        _version(2, body, _START + timedelta(days=2)),
    ]
    reviews = [
        _review(1, 1, "peer", "changes_requested", 2, "Please drop “obviously”.", True, days=1),
        _review(2, 2, "peer", "approved", 2, PEER_COMMENT, False, days=3),
        _review(3, 2, "legal", "approved", 3, "No liability issues.", False, days=4),
    ]
    documents: list[StoredDocument] = []
    if state in (State.SENT, State.ARCHIVED):
        letter.channel, letter.sent_on, letter.sent_at = (
            "first_class_mail",
            date(2026, 3, 7),
            _START + timedelta(days=5),
        )
        letter.sent_by_id, letter.sent_version, letter.follow_up_on = 1, 2, date(2026, 6, 5)
        documents.append(
            StoredDocument(
                id=1,
                letter_id=7,
                kind="final",
                version=2,
                filename="TL-2026-00007.docx",
                media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                sha256="f" * 64,
                size=1,
                content=b"-",
                created_by_id=1,
                created_at=_START + timedelta(days=5),
            )
        )
    if state is State.ARCHIVED:
        letter.archived_at = _START + timedelta(days=6)
    events = [
        _event(1, "create", "ana", "", "draft", 1, days=0),
        _event(2, "request_changes", "peer", "peer_review", "draft", 1, days=1, comment="Please drop “obviously”."),
        _event(3, "approve_tone", "peer", "peer_review", "legal_review", 2, days=3, comment=PEER_COMMENT),
        _event(4, "approve_legal", "lex", "legal_review", "approved", 2, days=4),
    ]
    return LetterRecord(letter, versions, reviews, events, sample_users(), documents)


def sample_context(kind: DocumentKind, language: str = "en") -> DocumentContext:
    return _context(kind, sample_record(language), full=True)


@dataclass(frozen=True)
class Sample:
    """One letter a replaced template is tried with, and how to name it to a person."""

    description: str
    context: DocumentContext


def varied_samples(kind: DocumentKind) -> list[Sample]:
    """The letters a replaced template must fill in before it is kept: every language, a
    long letter with its whole history and a short first draft with almost nothing filled
    in, each with and without a concession. A template that fails only for some letters
    (a loop over reviews, an `{% if %}` on an empty field) fails here, not on a letter."""
    return [
        Sample(
            f"a {'long' if long else 'short'} letter in {LANGUAGES[language]} "
            f"{'with' if concession else 'without'} a concession",
            _context(kind, _varied_record(language, long=long, concession=concession), full=long),
        )
        for language in LANGUAGES
        for long in (True, False)
        for concession in (True, False)
    ]


LONG_REPEATS = 30
"""How many times a long sample letter repeats its language's text: some 18,000 characters."""


def _varied_record(language: str, *, long: bool, concession: bool) -> LetterRecord:
    record = _long_letter(language) if long else _first_draft(language)
    if not concession:
        record.letter.concession, record.letter.concession_minor = Concession.NONE.value, None
    return record


def _long_letter(language: str) -> LetterRecord:
    """The sample letter grown long; its first version stays the short original, so the
    comparison of the two costs a template check little (comparing two long, nearly equal
    texts is the letter page's cost, not this check's)."""
    record = sample_record(language, body="\n\n".join([SAMPLE_BODIES[language]] * LONG_REPEATS))
    return replace(record, versions=[sample_record(language).versions[0], *record.versions[1:]])


def _first_draft(language: str) -> LetterRecord:
    """A letter just written: one short version, never reviewed, optional fields empty."""
    record = sample_record(language, State.DRAFT, body=SAMPLE_BODIES[language].split("\n")[0])
    letter = record.letter
    letter.current_version, letter.review_round = 1, 0
    letter.postal_address = letter.order_reference = letter.hardship = letter.internal_notes = ""
    letter.customer_value_minor = None
    return replace(record, versions=record.versions[:1], reviews=(), events=record.events[:1], documents=())


def _context(kind: DocumentKind, record: LetterRecord, *, full: bool) -> DocumentContext:
    """A full sample has the logo, a signature and tone findings; a bare one has none."""
    currency = record.letter.currency
    return build_context(
        kind,
        record,
        company=SAMPLE_COMPANY if full else replace(SAMPLE_COMPANY, logo=None),
        policy=Policy(legal_thresholds={currency: Money(currency, 100_000)}),
        today=date(2026, 3, 7),
        findings=SAMPLE_FINDINGS if full else (),
        signature=PIXEL_PNG if full else None,
    )


def _version(number: int, body: str, at: datetime) -> LetterVersion:
    return LetterVersion(
        id=number,
        letter_id=7,
        number=number,
        body=body,
        sha256=sha256(body.encode()).hexdigest(),
        author_id=1,
        source="edit",
        created_at=at,
    )


def _review(
    rid: int, round_: int, stage: str, decision: str, reviewer: int, comment: str, void: bool, *, days: int
) -> Review:
    version = 1 if round_ == 1 else 2
    return Review(
        id=rid,
        letter_id=7,
        round=round_,
        stage=stage,
        decision=decision,
        version=version,
        content_sha256=f"{version:064d}",
        reviewer_id=reviewer,
        comment=comment,
        void=void,
        created_at=_START + timedelta(days=days),
    )


def _event(
    seq: int, action: str, actor: str, from_state: str, to_state: str, version: int, *, days: int, comment: str = ""
) -> AuditEvent:
    return AuditEvent(
        seq=seq,
        at=_START + timedelta(days=days),
        actor=actor,
        action=action,
        letter_id=7,
        letter_ref="TL-2026-00007",
        from_state=from_state,
        to_state=to_state,
        version=version,
        content_sha256=f"{version:064d}",
        comment=comment,
        prev_hash="0" * 64,
        hash=f"{seq:064x}",
    )
