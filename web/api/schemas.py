"""The API's request and response bodies: pydantic models the OpenAPI document is made from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ProblemOut(BaseModel):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str


class DecisionIn(BaseModel):
    """The decision record, as the "New letter" form asks for it. Amounts are decimal strings
    in the currency's units ("1200.00")."""

    model_config = ConfigDict(extra="forbid")

    customer_name: str = Field(max_length=200)
    amount: str = Field(max_length=30)
    currency: str = Field(max_length=3)
    language: str = Field(max_length=2)
    customer_reason: str = Field(max_length=20_000)
    reasons: list[str] = Field(max_length=10)
    customer_email: str = Field(default="", max_length=320)
    form_of_address: str = Field(default="none", max_length=20)
    postal_address: str = Field(default="", max_length=2_000)
    order_reference: str = Field(default="", max_length=100)
    policy_clause: str = Field(default="", max_length=20_000)
    reason_details: str = Field(default="", max_length=20_000)
    customer_value: str = Field(default="", max_length=30)
    concession: str = Field(default="none", max_length=20)
    concession_amount: str = Field(default="", max_length=30)
    hardship: str = Field(default="", max_length=20_000)
    internal_notes: str = Field(default="", max_length=20_000)
    body: str | None = Field(default=None, max_length=200_000, description="The letter's first text; else a starter.")


class CreatedOut(BaseModel):
    id: int
    reference: str
    state: str
    revision: int
    url: str


class LetterPath(BaseModel):
    letter_id: int = Field(ge=1, le=2**31 - 1)


class ActionPath(LetterPath):
    trigger: str = Field(max_length=40)


class DocumentPath(LetterPath):
    document_id: int = Field(ge=1, le=2**31 - 1)


class TextIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(max_length=200_000)


class ActionIn(BaseModel):
    """The trigger's inputs by field name, as strings (a date as YYYY-MM-DD); each tone
    error's acknowledgement as `acknowledgements-<key>`."""

    model_config = ConfigDict(extra="allow")

    comment: str | None = Field(default=None, max_length=20_000)


class ListQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    state: str | None = Field(default=None, max_length=20)
    q: str | None = Field(default=None, max_length=200, description="A reference, order reference or customer name.")
    customer: str | None = Field(default=None, max_length=200)
    author_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    language: str | None = Field(default=None, max_length=2)
    currency: str | None = Field(default=None, max_length=3)
    limit: int = Field(default=50, ge=1, le=200)
    cursor: str | None = Field(default=None, max_length=40)


class LetterSummaryOut(BaseModel):
    id: int
    reference: str
    state: str
    customer_name: str
    amount: str
    language: str
    author: str
    updated_at: str
    due_at: str | None


class LetterListOut(BaseModel):
    items: list[LetterSummaryOut]
    next_cursor: str | None


class VersionOut(BaseModel):
    number: int
    sha256: str
    source: str
    created_at: str
    body: str


class FindingOut(BaseModel):
    key: str
    rule: str
    category: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    suggestion: str


class ActionOut(BaseModel):
    name: str
    label: str
    allowed: bool
    why_not: str | None
    inputs: list[str]


class DocumentOut(BaseModel):
    id: int
    kind: str
    filename: str
    media_type: str
    sha256: str
    size: int
    url: str


class LetterOut(BaseModel):
    id: int
    reference: str
    state: str
    revision: int
    customer_name: str
    order_reference: str
    amount: str
    language: str
    author: str
    created_at: str
    updated_at: str
    due_at: str | None
    due: str = Field(description="The due time in words, as the letter page says it.")
    current_version: int
    versions: list[VersionOut]
    findings: list[FindingOut]
    actions: list[ActionOut]
    documents: list[DocumentOut]


class FiredOut(BaseModel):
    id: int
    reference: str
    state: str
    revision: int


class EventOut(BaseModel):
    seq: int
    at: str
    actor: str
    action: str
    outcome: str
    sentence: str
    from_state: str
    to_state: str
    version: int | None
    via: str


class EventListOut(BaseModel):
    items: list[EventOut]
