"""Demo people for every role and letters in every state, made through the real use cases
so the demo's audit trail is a true one. Running it twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy import select
from sqlmodel import col

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


# (customer, amount, currency, language, customer's reason, reasons, concession, target state)
LETTERS = (
    (
        "Mary Smith",
        "240.00",
        "USD",
        "en",
        "The wedding photos arrived later than I hoped.",
        (Reason.DELIVERED_ON_TIME, Reason.DELIVERED_AS_AGREED),
        Concession.NONE,
        "draft",
    ),
    (
        "María López",
        "180.00",
        "EUR",
        "es",
        "Ya no necesito el servicio.",
        (Reason.OUTSIDE_POLICY_WINDOW, Reason.BUYERS_REMORSE),
        Concession.FUTURE_DISCOUNT,
        "waiting",
    ),
    (
        "Георги Иванов",
        "350.00",
        "BGN",
        "bg",
        "Не съм доволен от резултата.",
        (Reason.DELIVERED_AS_AGREED,),
        Concession.NONE,
        "peer_review",
    ),
    (
        "Robert Brown",
        "4800.00",
        "USD",
        "en",
        "The renovation did not match my expectations.",
        (Reason.DELIVERED_AS_AGREED, Reason.POLICY_CLAUSE),
        Concession.PARTIAL_REFUND,
        "legal_review",
    ),
    (
        "Ayşe Yılmaz",
        "900.00",
        "TRY",
        "tr",
        "Etkinliğe katılamadım.",
        (Reason.POLICY_CLAUSE,),
        Concession.CREDIT,
        "approved",
    ),
    (
        "Linda Green",
        "95.00",
        "GBP",
        "en",
        "I found it cheaper elsewhere.",
        (Reason.DELIVERED_AS_AGREED, Reason.OUTSIDE_POLICY_WINDOW),
        Concession.NONE,
        "sent",
    ),
    (
        "Carlos Ruiz",
        "60.00",
        "EUR",
        "es",
        "El curso no era lo que esperaba.",
        (Reason.DELIVERED_AS_AGREED,),
        Concession.NONE,
        "archived",
    ),
    (
        "Peter Novak",
        "150.00",
        "USD",
        "en",
        "I was ill on the day of the event.",
        (Reason.POLICY_CLAUSE,),
        Concession.NONE,
        "withdrawn",
    ),
)


CLAUSES = {
    "en": "Section 4.2: bookings cancelled less than 14 days before the date are not refundable.",
    "tr": "Madde 4.2: tarihten 14 günden az süre önce iptal edilen rezervasyonlar iade edilmez.",
}


def _decision(index: int, row: tuple) -> Decision:
    customer, amount, currency, language, why, reasons, concession, _ = row
    money = Money.parse(amount, currency)
    return Decision(
        customer_name=customer,
        customer_email=f"{customer.split()[0].lower()}@example.org",
        postal_address="12 Market Street\nSpringfield",
        order_reference=f"ORD-{20417 + 37 * index}",
        amount=money,
        language=language,
        customer_reason=why,
        reasons=reasons,
        policy_clause=CLAUSES[language] if Reason.POLICY_CLAUSE in reasons else "",
        concession=concession,
        concession_amount=None if concession is Concession.NONE else Money(money.currency, money.minor // 5),
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
    """Create the demo once; later calls only return the people to print.

    Letters that must pass the waiting period start in the past, so every audit time
    stays in order and none lies in the future; the draft and waiting letters come last.
    """
    with installation.db.read() as session:
        if session.scalars(select(User).where(col(User.username) == PEOPLE[0].username)).first():
            return PEOPLE
    now, waiting = installation.clock.now(), installation.config.policy.waiting_period
    clock = ManualClock(now - waiting - timedelta(hours=3))
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
    paths = [(i, row, _path(row[-1], Money.parse(row[1], row[2]), installation)) for i, row in enumerate(LETTERS)]
    slow = [(i, row, path) for i, row, path in paths if WAIT in path]
    fast = [(i, row, path) for i, row, path in paths if WAIT not in path]

    letters = {i: _create(demo, users, i, row) for i, row, _ in slow}
    for i, _, path in slow:
        letters[i] = _run(demo, clock, users, letters[i], path[: path.index(WAIT)])
    clock.advance(waiting + timedelta(minutes=1))
    for i, _, path in slow:
        _run(demo, clock, users, letters[i], path[path.index(WAIT) + 1 :])
    clock.set(max(clock.now(), now - timedelta(minutes=30)))
    for i, row, path in fast:
        _run(demo, clock, users, _create(demo, users, i, row), path)
    return PEOPLE


def _create(installation: Installation, users: dict[str, User], index: int, row: tuple) -> Letter:
    return create_letter(installation, _decision(index, row), _id(users["ana"]))


def _run(
    installation: Installation,
    clock: ManualClock,
    users: dict[str, User],
    letter: Letter,
    steps: list[Step],
) -> Letter:
    for trigger, who, inputs in steps:
        clock.advance(timedelta(minutes=2))
        if isinstance(inputs, SendInput):
            inputs = replace(inputs, sent_on=clock.now().date())
        letter = fire(installation, trigger, _id(letter), _id(users[who]), inputs)
    return letter


def _id(row: User | Letter) -> int:
    """A stored row's id: every row here was written before it is used."""
    assert row.id is not None
    return row.id


def _path(target: str, amount: Money, installation: Installation) -> list[Step]:
    """Large letters pass legal review on their way to approval; small ones do not."""
    steps = list(PATHS[target])
    if target in {"approved", "sent", "archived"} and installation.config.policy.legal_required(amount):
        at = steps.index(APPROVE_TONE) + 1
        steps.insert(at, ("approve_legal", "carla", ApproveToneInput()))
    return steps
