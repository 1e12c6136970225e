"""What each trigger is called on the pages, and how a letter can leave the building."""

from __future__ import annotations

CHANNELS: dict[str, str] = {
    "first_class_mail": "First-class mail",
    "registered_mail": "Registered mail",
    "email": "E-mail",
    "courier": "Courier",
}


ACTION_LABELS: dict[str, str] = {
    "edit": "Save",
    "finish_draft": "Finish draft",
    "revise": "Revise",
    "submit_for_review": "Submit for review",
    "approve_tone": "Approve tone",
    "escalate_to_legal": "Escalate to legal",
    "request_changes": "Request changes",
    "approve_legal": "Approve",
    "hand_back": "Hand back edited Word file",
    "send": "Mark as sent",
    "archive": "Archive",
    "withdraw": "Withdraw",
}
