"""Demo people for every role and letters in every state, made through the real use cases
so the demo's audit trail is a true one. Running it twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy import select
from sqlmodel import col

from workflow.audit import keys, signing
from workflow.audit.actors import SYSTEM
from workflow.clock import ManualClock
from workflow.installation import Installation
from workflow.letters.decision import Concession, Decision, Reason
from workflow.letters.inputs import ApproveToneInput, SendInput, TriggerInput, WithdrawInput
from workflow.letters.models import Letter
from workflow.letters.services import create_letter, fire
from workflow.money import Money
from workflow.people.accounts import create_user, new_user
from workflow.people.models import User


@dataclass(frozen=True)
class DemoPerson:
    username: str
    display_name: str
    title: str
    roles: tuple[str, ...]

    @property
    def password(self) -> str:
        return f"{self.username}-tactful-demo"


PEOPLE = (
    DemoPerson("ana", "Ana Petrova", "Customer Care Specialist", ("author",)),
    DemoPerson("ben", "Ben Okafor", "Customer Care Lead", ("peer_reviewer", "author")),
    DemoPerson("carla", "Carla Demir", "Legal Counsel", ("legal_reviewer",)),
    DemoPerson("dan", "Dan Ivanov", "Operations Manager", ("admin",)),
)


@dataclass(frozen=True)
class DemoLetter:
    """One demo letter: the decision, the state it is taken to, and how many days ago its
    story began, so the administrator's home has letters stuck in review and follow-ups
    overdue. Names, e-mail addresses and order references are as long as real ones get,
    so the pages are seen with them."""

    customer: str
    amount: str
    currency: str
    language: str
    why: str
    reasons: tuple[Reason, ...]
    concession: Concession
    target: str
    order_reference: str
    days_ago: int = 0


LETTERS = (
    DemoLetter(
        "Mary Smith",
        "240.00",
        "USD",
        "en",
        "The wedding photos arrived later than I hoped.",
        (Reason.DELIVERED_ON_TIME, Reason.DELIVERED_AS_AGREED),
        Concession.NONE,
        "draft",
        "ORD-20417",
    ),
    DemoLetter(
        "María Fernanda López de la Torre",
        "180.00",
        "EUR",
        "es",
        "Ya no necesito el servicio.",
        (Reason.OUTSIDE_POLICY_WINDOW, Reason.BUYERS_REMORSE),
        Concession.FUTURE_DISCOUNT,
        "waiting",
        "WEB-ES-2026-0020454",
    ),
    DemoLetter(
        "Георги Иванов",
        "350.00",
        "BGN",
        "bg",
        "Не съм доволен от резултата.",
        (Reason.DELIVERED_AS_AGREED,),
        Concession.NONE,
        "peer_review",
        "ORD-20491",
        days_ago=9,
    ),
    DemoLetter(
        "Robert Brown",
        "4800.00",
        "USD",
        "en",
        "The renovation did not match my expectations.",
        (Reason.DELIVERED_AS_AGREED, Reason.POLICY_CLAUSE),
        Concession.PARTIAL_REFUND,
        "legal_review",
        "ORD-20528",
    ),
    DemoLetter(
        "Ayşe Yılmaz",
        "900.00",
        "TRY",
        "tr",
        "Etkinliğe katılamadım.",
        (Reason.POLICY_CLAUSE,),
        Concession.CREDIT,
        "approved",
        "ORD-20565",
    ),
    DemoLetter(
        "Linda Green",
        "95.00",
        "GBP",
        "en",
        "I found it cheaper elsewhere.",
        (Reason.DELIVERED_AS_AGREED, Reason.OUTSIDE_POLICY_WINDOW),
        Concession.NONE,
        "sent",
        "ORD-20602",
        days_ago=120,
    ),
    DemoLetter(
        "Carlos Ruiz",
        "60.00",
        "EUR",
        "es",
        "El curso no era lo que esperaba.",
        (Reason.DELIVERED_AS_AGREED,),
        Concession.NONE,
        "archived",
        "ORD-20639",
    ),
    DemoLetter(
        "Peter Novak",
        "150.00",
        "USD",
        "en",
        "I was ill on the day of the event.",
        (Reason.POLICY_CLAUSE,),
        Concession.NONE,
        "withdrawn",
        "ORD-20676",
    ),
    DemoLetter(
        "Alexandra Konstantinidou-Whitfield",
        "12500.00",
        "EUR",
        "en",
        "The conference venue was not what the brochure promised.",
        (Reason.DELIVERED_AS_AGREED, Reason.POLICY_CLAUSE),
        Concession.NONE,
        "peer_review",
        "CORP-EVENTS-2026-0000713-B",
        days_ago=6,
    ),
)


CLAUSES = {
    "en": "Section 4.2: bookings cancelled less than 14 days before the date are not refundable.",
    "tr": "Madde 4.2: tarihten 14 günden az süre önce iptal edilen rezervasyonlar iade edilmez.",
}


def _decision(row: DemoLetter) -> Decision:
    money = Money.parse(row.amount, row.currency)
    return Decision(
        customer_name=row.customer,
        customer_email=f"{row.customer.split()[0].lower()}@example.org",
        postal_address="12 Market Street\nSpringfield",
        order_reference=row.order_reference,
        amount=money,
        language=row.language,
        customer_reason=row.why,
        reasons=row.reasons,
        policy_clause=CLAUSES[row.language] if Reason.POLICY_CLAUSE in row.reasons else "",
        concession=row.concession,
        concession_amount=None if row.concession is Concession.NONE else Money(money.currency, money.minor // 5),
        internal_notes="Long-standing customer; keep the door open.",
    )


Step = tuple[str, str, TriggerInput | None]
"""A trigger, who pulls it, and what they give it; ("wait", "", None) lets the waiting period pass."""


WAIT: Step = ("wait", "", None)


APPROVE_TONE: Step = ("approve_tone", "ben", ApproveToneInput())


# The triggers that take a new draft to each target state.
PATHS: dict[str, list[Step]] = {
    "draft": [],
    "waiting": [("finish_draft", "ana", None)],
    "peer_review": [("finish_draft", "ana", None), WAIT, ("submit_for_review", "ana", None)],
}


PATHS["legal_review"] = PATHS["peer_review"] + [APPROVE_TONE]


PATHS["approved"] = PATHS["legal_review"]


PATHS["sent"] = PATHS["approved"] + [("send", "ana", SendInput("first_class_mail", None))]


PATHS["archived"] = PATHS["sent"] + [("archive", "ana", None)]


PATHS["withdrawn"] = PATHS["waiting"] + [
    ("withdraw", "ana", WithdrawInput("The customer sent a medical certificate; we granted the refund."))
]


def load_demo(installation: Installation) -> tuple[DemoPerson, ...]:
    """Create the demo once; later calls only return the people to print. The audit
    signing key is made too, where the installation keeps it (the instance folder unless
    TACTFUL_AUDIT_KEY says otherwise), so the web export works at once."""
    with installation.db.read() as session:
        loaded = session.scalars(select(User).where(col(User.username) == PEOPLE[0].username)).first()
    if not loaded:
        _load_letters(installation)
    key_path = installation.config.audit_key_path
    if key_path is not None and not signing.key_exists(key_path):
        keys.set_up_signing_key(installation, SYSTEM)
    return PEOPLE


def _load_letters(installation: Installation) -> None:
    """Letters start in the past, the oldest first, so every audit time stays in order and
    none lies in the future; the recent letters that pass the waiting period share one
    wait, and the draft and waiting letters come last."""
    now, waiting = installation.clock.now(), installation.config.policy.waiting_period
    oldest = max(row.days_ago for row in LETTERS)
    clock = ManualClock(now - timedelta(days=oldest) - waiting - timedelta(hours=3))
    demo = Installation(installation.db, installation.config, clock, installation.pdf)
    users = {
        p.username: create_user(
            demo,
            new_user(
                p.username,
                p.password,
                p.roles,
                display_name=p.display_name,
                title=p.title,
                email=f"{p.username}@example.com",
            ),
        )
        for p in PEOPLE
    }
    for row in sorted((row for row in LETTERS if row.days_ago), key=lambda row: -row.days_ago):
        clock.set(max(clock.now(), now - timedelta(days=row.days_ago)))
        _run(demo, clock, users, _create(demo, users, row), _path(row, installation))

    recent = [(row, _path(row, installation)) for row in LETTERS if not row.days_ago]
    slow = [(row, path) for row, path in recent if WAIT in path]
    fast = [(row, path) for row, path in recent if WAIT not in path]
    clock.set(max(clock.now(), now - waiting - timedelta(hours=3)))
    letters = [(_create(demo, users, row), path) for row, path in slow]
    letters = [(_run(demo, clock, users, letter, path[: path.index(WAIT)]), path) for letter, path in letters]
    clock.advance(waiting + timedelta(minutes=1))
    for letter, path in letters:
        _run(demo, clock, users, letter, path[path.index(WAIT) + 1 :])
    clock.set(max(clock.now(), now - timedelta(minutes=30)))
    for row, path in fast:
        _run(demo, clock, users, _create(demo, users, row), path)


def _create(installation: Installation, users: dict[str, User], row: DemoLetter) -> Letter:
    return create_letter(installation, _decision(row), _id(users["ana"]))


def _run(
    installation: Installation,
    clock: ManualClock,
    users: dict[str, User],
    letter: Letter,
    steps: list[Step],
) -> Letter:
    for trigger, who, inputs in steps:
        if (trigger, who, inputs) == WAIT:
            clock.advance(installation.config.policy.waiting_period + timedelta(minutes=1))
            continue
        clock.advance(timedelta(minutes=2))
        if isinstance(inputs, SendInput):
            inputs = replace(inputs, sent_on=clock.now().date())
        letter = fire(installation, trigger, _id(letter), _id(users[who]), inputs)
    return letter


def _id(row: User | Letter) -> int:
    """A stored row's id: every row here was written before it is used."""
    assert row.id is not None
    return row.id


def _path(row: DemoLetter, installation: Installation) -> list[Step]:
    """Large letters pass legal review on their way to approval; small ones do not."""
    steps = list(PATHS[row.target])
    amount = Money.parse(row.amount, row.currency)
    if row.target in {"approved", "sent", "archived"} and installation.config.policy.legal_required(amount):
        at = steps.index(APPROVE_TONE) + 1
        steps.insert(
            at,
            (
                "approve_legal",
                "carla",
                ApproveToneInput(comment="The refusal rests on the signed terms; fine to send."),
            ),
        )
    return steps
