"""The read side of the reviewer pages: what each page shows, in a few indexed queries.

Pages are where people spend their day, so each one is a bounded number of queries no
matter how many letters there are: list rows carry only the columns a table shows (no
letter bodies, no internal notes), counts stop at a cap instead of walking 100,000 rows,
and a letter's page loads its versions, reviews, people and documents in one query each.
Nothing here changes anything; changes go through `services.fire`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cache, cached_property
from typing import Any, NamedTuple

from sqlalchemy import Integer, Select, and_, bindparam, func, or_, select
from sqlalchemy.orm import aliased, defer
from sqlalchemy.sql.elements import SQLCoreOperations
from sqlmodel import Session, col

from workflow.audit.events import letter_events
from workflow.audit.models import AuditEvent
from workflow.characters import clean_fields
from workflow.errors import NotFound
from workflow.languages import LANGUAGES
from workflow.law.running import running_deadline_column
from workflow.letters.filing import Filed, file_documents
from workflow.letters.loading import documents_of, reviews_of, versions_of
from workflow.letters.models import Letter, LetterVersion, Review, ReviewDecision, StoredDocument
from workflow.letters.search import Found, Matches, Search, search_conditions, with_where_found
from workflow.letters.states import State
from workflow.money import Money, minor_digits
from workflow.people.models import User
from workflow.people.roles import Role
from workflow.storage.orm import attribute, saved_id

PAGE_SIZE = 50


COUNT_CAP = 1000


SEARCH_COUNT_CAP = 100
"""A search counts its matches no further than this ("more than 100 letters match"): it
asks the full-text indexes for that many ids at most, where listing a thousand of them
cost a search page more than half a millisecond of the few it has at 100,000 letters. The
API's cursor pages, which count nothing, ask for as many."""


QUEUE_ROWS = 10


QUEUE_COUNT_CAP = 99


_ASSIGNEE = aliased(User, name="assignee")


_OPEN_DEADLINE = running_deadline_column().label("open_deadline")
"""Selected and sorted on by its name, so its subquery is written once per query."""


_ROW_COLUMNS: tuple[SQLCoreOperations[Any], ...] = (
    col(Letter.id),
    col(Letter.reference),
    col(Letter.state),
    col(Letter.customer_name),
    col(Letter.amount_minor),
    col(Letter.currency),
    col(Letter.language),
    col(Letter.author_id),
    col(Letter.updated_at),
    col(Letter.ready_at),
    col(Letter.follow_up_on),
    col(Letter.due_at),
    col(Letter.assigned_at),
    _OPEN_DEADLINE,
    col(Letter.kind),
    col(User.display_name).label("author_name"),
    col(_ASSIGNEE.display_name).label("assignee_name"),
)


class LetterRow(NamedTuple):
    """One line of a list or a queue: enough to recognise a letter and open it. A named
    tuple: as unchangeable as a frozen dataclass, made in a third of its time (a frozen
    dataclass sets each field through `object.__setattr__`), fifty times a page."""

    id: int
    reference: str
    state: State
    customer_name: str
    amount: Money
    language: str
    author_id: int
    author_name: str
    updated_at: datetime
    ready_at: datetime | None
    follow_up_on: date | None
    due_at: datetime | None = None
    assignee_name: str | None = None
    assigned_at: datetime | None = None
    open_deadline: datetime | None = None
    """The legal deadline still running (`law/running.py`): the longer one once a holding
    response has gone, none once the letter is answered."""
    kind: str = "final"
    """A final answer, or a holding response (whose deadline is its final answer's)."""

    @property
    def holder_note(self) -> str:
        """Who has taken the review and since when, for a letter in review."""
        if self.state not in (State.PEER_REVIEW, State.LEGAL_REVIEW):
            return ""
        if self.assignee_name and self.assigned_at:
            return f"with {self.assignee_name} since {self.assigned_at:%d %b %H:%M} UTC"
        return "not taken yet"

    @property
    def note(self) -> str:
        """What a list shows under the state: when a wait ends, when to follow up."""
        if self.state is State.WAITING and self.ready_at:
            return f"until {self.ready_at:%d %b %H:%M} UTC"
        if self.follow_up_on and self.state in (State.SENT, State.ARCHIVED):
            return f"follow up {self.follow_up_on.isoformat()}"
        return ""

    @property
    def amount_text(self) -> str:
        """ "4,800.00 USD": exact, and a hundred times cheaper than a locale-aware format,
        which matters on a page of fifty rows."""
        digits = _digits(self.amount.currency)
        whole, part = divmod(self.amount.minor, 10**digits)
        return f"{whole:,}.{part:0{digits}d} {self.amount.currency}" if digits else f"{whole:,} {self.amount.currency}"


@cache
def _digits(currency: str) -> int:
    return minor_digits(currency)


def _rows(session: Session, query: Select, params: Mapping[str, Any] | None = None) -> list[LetterRow]:
    """The rows of `query` (the columns of `_row_query` first), read on the session's
    connection: nothing here changes anything for the session to flush first, and the
    ORM's own path costs 0.1 ms a query more."""
    return [_row(r) for r in session.connection().execute(query, params)]


_STATES = {state.value: state for state in State}


def _row(r: Any) -> LetterRow:
    """Read by position, in the order of `_ROW_COLUMNS`: a row's fields read by name cost
    a lookup each, seventeen times a row, which made turning fifty rows into `LetterRow`s
    take 0.35 ms instead of 0.04."""
    (
        letter_id,
        reference,
        state,
        customer_name,
        amount_minor,
        currency,
        language,
        author_id,
        updated_at,
        ready_at,
        follow_up_on,
        due_at,
        assigned_at,
        open_deadline,
        kind,
        author_name,
        assignee_name,
    ) = r[:_ROW_WIDTH]
    return LetterRow(
        letter_id,
        reference,
        _STATES[state],
        customer_name,
        Money(currency, amount_minor),
        language,
        author_id,
        author_name,
        updated_at,
        ready_at,
        follow_up_on,
        due_at,
        assignee_name,
        assigned_at,
        open_deadline,
        kind,
    )


_ROW_WIDTH = len(_ROW_COLUMNS)


@cache
def _row_query() -> Select:
    """Made once: a Select is immutable, and every list and queue adds to a copy of it."""
    return (
        select(*_ROW_COLUMNS)
        .join(User, col(User.id) == col(Letter.author_id))
        .outerjoin(_ASSIGNEE, col(_ASSIGNEE.id) == col(Letter.assignee_id))
    )


DUE_FIRST = (col(Letter.due_at).asc().nulls_last(), col(Letter.updated_at))
"""Queues of work with a due time: the soonest due first, letters from before due times last."""

DEADLINE_FIRST = (_OPEN_DEADLINE.asc().nulls_last(),)
"""The legal deadline still running, soonest first (`LetterRow.open_deadline`); none last."""


def _capped_count(
    session: Session, conditions: Sequence[Any], cap: int = COUNT_CAP, params: Mapping[str, Any] | None = None
) -> int:
    """How many letters match `conditions` (on the letters table alone), counting no
    further than `cap`: past it a page says "1000+". The rows' joins are left out: every
    letter has its author and at most one assignee, and without them SQLite counts along
    an index alone (0.05 ms for a thousand letters, against 0.33)."""
    limited = select(col(Letter.id)).where(*conditions).limit(cap + 1).subquery()
    return session.scalar(select(func.count()).select_from(limited), params) or 0


@dataclass(frozen=True)
class Queue:
    """One box of "My work": its first rows and how many there are in all."""

    key: str
    title: str
    empty: str
    rows: list[LetterRow]
    count: int
    cap: int = QUEUE_COUNT_CAP

    @property
    def count_text(self) -> str:
        return f"{self.cap}+" if self.count > self.cap else str(self.count)


REVIEW_STATES = (State.PEER_REVIEW, State.LEGAL_REVIEW)


def _queue_specs(user: User, today: date, holders: Sequence[int]) -> list[tuple[str, str, str, Any, Any]]:
    """(key, title, empty text, condition, order columns) for each queue this person works on;
    `holders` are the people whose taken reviews are theirs to do (themselves, and whoever
    they stand in for)."""
    mine = col(Letter.author_id) == user.id
    specs: list[tuple[str, str, str, Any, Any]] = []
    if user.has_role(Role.PEER_REVIEWER) or user.has_role(Role.LEGAL_REVIEWER):
        specs.append(
            (
                "taken",
                "Reviews I have taken",
                "You hold no reviews. Take one from the queues below with “I'll review this”.",
                and_(col(Letter.assignee_id).in_(list(holders)), col(Letter.state).in_(REVIEW_STATES)),
                DUE_FIRST,
            )
        )
    if user.has_role(Role.AUTHOR):
        specs += [
            (
                "drafts",
                "My drafts",
                "No drafts.",
                and_(col(Letter.state) == State.DRAFT, mine),
                (col(Letter.updated_at).desc(),),
            ),
            # Finishing a draft sets both times, so the (state, updated_at) index gives
            # the order in which the waits end.
            (
                "waiting",
                "My letters waiting",
                "Nothing is resting.",
                and_(col(Letter.state) == State.WAITING, mine),
                (col(Letter.updated_at),),
            ),
            (
                "to_send",
                "Approved, to send",
                "Nothing to send.",
                and_(col(Letter.state) == State.APPROVED, mine),
                DUE_FIRST,
            ),
            (
                "follow_ups",
                "Follow-ups due",
                "No follow-ups due.",
                and_(col(Letter.follow_up_on) <= today, col(Letter.state).in_([State.SENT, State.ARCHIVED]), mine),
                (col(Letter.follow_up_on),),
            ),
        ]
    if user.has_role(Role.PEER_REVIEWER):
        specs.append(
            (
                "peer",
                "Peer review",
                "No letters wait for a peer review.",
                and_(col(Letter.state) == State.PEER_REVIEW, col(Letter.author_id) != user.id),
                DUE_FIRST,
            )
        )
    if user.has_role(Role.LEGAL_REVIEWER):
        specs.append(
            (
                "legal",
                "Legal review",
                "No letters wait for legal review.",
                and_(col(Letter.state) == State.LEGAL_REVIEW, col(Letter.author_id) != user.id),
                DUE_FIRST,
            )
        )
    return specs


def dashboard(
    session: Session,
    user: User,
    today: date,
    rows: int = QUEUE_ROWS,
    holders: Sequence[int] = (),
    sort: Sort | None = None,
) -> list[Queue]:
    """The queues of "My work" for this person's roles; a peer or legal queue never holds
    their own letters, since they may not review them. Counts stop at 99 ("99+"): past
    that a number tells nobody anything more, and counting further costs every page view.
    Work with a due time comes soonest due first, unless `sort` (one of `QUEUE_SORTS`)
    orders every queue by due time or legal deadline."""
    queues = []
    for key, title, empty, condition, own in _queue_specs(user, today, holders or [saved_id(user)]):
        query = _row_query().where(condition)
        order = _ORDER[sort] if sort in QUEUE_SORTS else (*own, col(Letter.id))
        queues.append(
            Queue(
                key,
                title,
                empty,
                _rows(session, query.order_by(*order).limit(rows)),
                _capped_count(session, [condition], QUEUE_COUNT_CAP),
            )
        )
    return queues


class Sort(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    CUSTOMER = "customer"
    REFERENCE = "reference"
    DUE = "due"
    DEADLINE = "deadline"

    @property
    def label(self) -> str:
        return SORT_LABELS[self]


SORT_LABELS = {
    Sort.NEWEST: "Recently changed first",
    Sort.OLDEST: "Least recently changed first",
    Sort.CUSTOMER: "Customer name",
    Sort.REFERENCE: "Reference",
    Sort.DUE: "Due soonest first",
    Sort.DEADLINE: "Legal deadline soonest first",
}


_ORDER = {
    Sort.NEWEST: (col(Letter.updated_at).desc(), col(Letter.id).desc()),
    Sort.OLDEST: (col(Letter.updated_at), col(Letter.id)),
    Sort.CUSTOMER: (col(Letter.customer_name), col(Letter.id)),
    Sort.REFERENCE: (col(Letter.reference),),
    Sort.DUE: (*DUE_FIRST, col(Letter.id)),
    Sort.DEADLINE: (*DEADLINE_FIRST, col(Letter.id)),
}
QUEUE_SORTS = (Sort.DUE, Sort.DEADLINE)
"""How "My work" may order every queue instead of each queue's own order."""


@dataclass(frozen=True)
class LetterFilter:
    """What the letters list is narrowed to. Empty fields do not filter."""

    state: State | None = None
    customer: str = ""
    author_id: int | None = None
    language: str = ""
    currency: str = ""
    amount_min: int | None = None
    amount_max: int | None = None
    search: str = ""
    sort: Sort = Sort.NEWEST
    page: int = 1

    def __post_init__(self) -> None:
        clean_fields(self)

    @cached_property
    def searching(self) -> Search | None:
        return Search(self.search) if self.search.strip() else None

    def conditions(self) -> list[Any]:
        """Every filter but the search (`list_letters` asks the search for its own) as
        conditions on the letters table."""
        found: list[Any] = []
        if self.state is not None:
            found.append(col(Letter.state) == self.state.value)
        if self.customer:
            found.append(col(Letter.customer_name) == self.customer)
        if self.author_id is not None:
            found.append(col(Letter.author_id) == self.author_id)
        if self.language in LANGUAGES:
            found.append(col(Letter.language) == self.language)
        if self.currency:
            found.append(col(Letter.currency) == self.currency)
        if self.amount_min is not None:
            found.append(col(Letter.amount_minor) >= self.amount_min)
        if self.amount_max is not None:
            found.append(col(Letter.amount_minor) <= self.amount_max)
        return found


def _prefix(column: Any, text: str) -> Any:
    """`column` starts with `text`, as a range an index can serve (LIKE cannot in SQLite)."""
    return and_(column >= text, column < text + "\U0010ffff")


@dataclass(frozen=True)
class LetterPage:
    rows: list[LetterRow]
    total: int
    page: int
    page_size: int = PAGE_SIZE
    cap: int = COUNT_CAP
    found: dict[int, Found] = field(default_factory=dict)

    @property
    def total_text(self) -> str:
        return f"more than {self.cap}" if self.total > self.cap else str(self.total)

    @property
    def has_next(self) -> bool:
        return self.page * self.page_size < self.total

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def list_letters(session: Session, wanted: LetterFilter, page_size: int = PAGE_SIZE) -> LetterPage:
    """One page of letters: a LIMIT/OFFSET on an indexed order, and a count capped so it
    stays cheap however many letters match. The cap grows with the page being read so
    "next" keeps working past it."""
    page = max(1, wanted.page)
    search = wanted.searching
    cap = max(SEARCH_COUNT_CAP if search else COUNT_CAP, page * page_size)
    filters = wanted.conditions()
    matches = search.matches(session, cap) if search else None
    params = {"page_size": page_size, "page_offset": (page - 1) * page_size, **(matches.params if matches else {})}
    if matches is None:
        total = _capped_count(session, filters, cap)
    elif matches.beyond_cap and not filters:
        total = cap + 1
    else:
        total = _capped_count(session, [*filters, matches.to_count], cap, matches.params)
    if filters:
        searched = [matches.in_order] if matches else []
        ordered = _page_of(_row_query().where(*filters, *searched), wanted.sort, matches is not None)
    else:
        ordered = _unfiltered_page(wanted.sort, matches.shape if matches else None)
    if search is None or matches is None:
        return LetterPage(_rows(session, ordered, params), total, page, page_size, cap)
    rows, found = _found_rows(session, search, matches, ordered, params)
    return LetterPage(rows, total, page, page_size, cap, found)


def _page_of(query: Select, sort: Sort, searched: bool) -> Select:
    """A page of `query` in the order `sort`, at the bound `page_size` and `page_offset`;
    for a search, with where each letter was found."""
    paged = (
        query.order_by(*_ORDER[sort])
        .limit(bindparam("page_size", type_=Integer))
        .offset(bindparam("page_offset", type_=Integer))
    )
    return with_where_found(paged) if searched else paged


@cache
def _unfiltered_page(sort: Sort, shape: tuple[Any, ...] | None) -> Select:
    """`_page_of` with no filter but the search, made once for each order and shape of
    search (`Matches.shape`): building the page's statement again for each request cost
    a search page about 0.3 ms."""
    searched = [search_conditions(shape)[0]] if shape else []
    return _page_of(_row_query().where(*searched), sort, shape is not None)


def _found_rows(
    session: Session, search: Search, matches: Matches, query: Select, params: Mapping[str, Any]
) -> tuple[list[LetterRow], dict[int, Found]]:
    """A page of a search and where the search found each of its letters, from one query
    (`with_where_found`): only the rows shown are read for it."""
    rows, found = [], {}
    for r in session.connection().execute(query, params):
        row = _row(r)
        rows.append(row)
        found[row.id] = search.found(r[_ROW_WIDTH], matches.text_of(row.id, r[_ROW_WIDTH + 1]))
    return rows, found


_PEOPLE = select(col(User.id), col(User.display_name), col(User.roles)).order_by(col(User.display_name))


def authors(session: Session) -> list[tuple[int, str]]:
    """(id, name) of everyone who can write letters, for the author filter: two columns,
    not whole user rows, since every list page asks."""
    people = session.execute(_PEOPLE)
    return [(user_id, name) for user_id, name, roles in people if Role.AUTHOR.value in roles.split()]


@dataclass(frozen=True)
class LetterDetail:
    """Everything the letter page shows, read in one query per table."""

    letter: Letter
    versions: list[LetterVersion]
    reviews: list[Review]
    documents: list[StoredDocument]
    events: list[AuditEvent]
    people: dict[int, User] = field(default_factory=dict)

    @property
    def current(self) -> LetterVersion:
        return self.version(self.letter.current_version)

    def version(self, number: int) -> LetterVersion:
        for version in self.versions:
            if version.number == number:
                return version
        raise NotFound(f"{self.letter.reference} has no version {number}.")

    def name(self, user_id: int | None) -> str:
        user = self.people.get(user_id) if user_id is not None else None
        return user.display_name if user else ""

    @property
    def sent_back(self) -> Review | None:
        """The change request or hand-back the letter is a draft again for: its reviewer's
        words belong beside the editor until the author submits the letter once more."""
        if self.letter.state not in (State.DRAFT, State.WAITING) or not self.reviews:
            return None
        latest = self.reviews[-1]
        if latest.round != self.letter.review_round or not ReviewDecision(latest.decision).sends_back:
            return None
        return latest

    @property
    def display_names(self) -> dict[str, str]:
        """Username to display name, for the timeline, which names people as the audit does."""
        return {u.username: u.display_name for u in self.people.values()}


def letter_detail(session: Session, letter_id: int) -> LetterDetail:
    letter = session.get(Letter, letter_id)
    if letter is None:
        raise NotFound(f"No letter with id {letter_id}.")
    versions = versions_of(session, letter_id)
    reviews = reviews_of(session, letter_id)
    documents = documents_of(session, letter_id)
    events = letter_events(session, letter_id)
    ids = {
        letter.author_id,
        letter.sent_by_id,
        *(v.author_id for v in versions),
        *(r.reviewer_id for r in reviews),
        *(d.created_by_id for d in documents),
    } - {None}
    usernames = {e.actor for e in events}
    people = session.scalars(select(User).where(or_(col(User.id).in_(ids), col(User.username).in_(usernames)))).all()
    return LetterDetail(letter, versions, reviews, documents, events, {saved_id(u): u for u in people})


@dataclass(frozen=True)
class Customer:
    """A customer is a name and an e-mail address: two John Smiths with different addresses
    are two customers with two files."""

    name: str
    email: str


@dataclass(frozen=True)
class CustomerFile:
    """Every letter to one customer, each with what was sent to them and what staff keep."""

    customer: Customer
    rows: list[LetterRow]
    documents: dict[int, Filed]


def customer_file(session: Session, customer: Customer, limit: int = 500) -> CustomerFile:
    rows = _rows(
        session,
        _row_query()
        .where(col(Letter.customer_name) == customer.name, col(Letter.customer_email) == customer.email)
        .order_by(col(Letter.updated_at).desc())
        .limit(limit),
    )
    stored: dict[int, list[StoredDocument]] = {row.id: [] for row in rows}
    if rows:
        for document in session.scalars(
            select(StoredDocument)
            .options(defer(attribute(StoredDocument.content)))
            .where(col(StoredDocument.letter_id).in_(list(stored)))
            .order_by(col(StoredDocument.id))
        ):
            stored[document.letter_id].append(document)
    return CustomerFile(customer, rows, {row.id: file_documents(row.state, stored[row.id]) for row in rows})


def customers(session: Session, prefix: str, limit: int = 50) -> list[Customer]:
    """Customers whose name begins with `prefix`, each name with each e-mail it was written to."""
    query = (
        select(col(Letter.customer_name), col(Letter.customer_email))
        .distinct()
        .order_by(col(Letter.customer_name), col(Letter.customer_email))
        .limit(limit)
    )
    if prefix.strip():
        text = prefix.strip()
        query = query.where(or_(*(_prefix(col(Letter.customer_name), v) for v in dict.fromkeys((text, text.title())))))
    return [Customer(name, email) for name, email in session.execute(query)]


def letters_after(session: Session, wanted: LetterFilter, after_id: int | None, limit: int) -> list[LetterRow]:
    """The letters list for a cursor (the API's): newest first by id, the next `limit` after
    the last id seen, so a page costs the same however deep and a new letter shifts nothing."""
    query = _row_query().where(*wanted.conditions())
    search = wanted.searching
    matches = search.matches(session, SEARCH_COUNT_CAP) if search else None
    if matches is not None:
        query = query.where(matches.in_order)
    if after_id is not None:
        query = query.where(col(Letter.id) < after_id)
    return _rows(session, query.order_by(col(Letter.id).desc()).limit(limit), matches.params if matches else None)
