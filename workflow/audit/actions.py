"""Every action the audit chain may hold, each with its sentence in the record.

An action name is how the record is read years later, so it is fixed here once: the
chain refuses a name that is not registered, and the report finds every sentence here.
The triggers bring their own names and sentences from the trigger table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workflow.letters.triggers import TRIGGERS


class Action(StrEnum):
    """The actions that are not triggers on a letter."""

    CREATE = "create"
    DOWNLOAD = "download"
    EXPORT_AUDIT = "export_audit"
    CREATE_AUDIT_KEY = "create_audit_key"
    VERIFY_CHAIN = "verify_chain"
    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    CREATE_USER = "create_user"
    DISABLE_USER = "disable_user"
    ENABLE_USER = "enable_user"
    UNLOCK_USER = "unlock_user"
    RESET_PASSWORD = "reset_password"
    SET_ROLES = "set_roles"
    CHANGE_PASSWORD = "change_password"
    CHANGE_SETTING = "change_setting"
    CHANGE_COMPANY = "change_company"
    CHANGE_TONE_SETTINGS = "change_tone_settings"
    UPLOAD_TEMPLATE = "upload_template"
    ACCESS_REFUSED = "access_refused"
    TAKE_REVIEW = "take_review"
    RELEASE_REVIEW = "release_review"
    ASSIGN_REVIEW = "assign_review"
    REASSIGN_REVIEW = "reassign_review"
    UNASSIGN_REVIEW = "unassign_review"
    CREATE_TOKEN = "create_token"
    REVOKE_TOKEN = "revoke_token"
    ADD_WEBHOOK = "add_webhook"
    REMOVE_WEBHOOK = "remove_webhook"
    SET_DELEGATION = "set_delegation"
    END_DELEGATION = "end_delegation"
    CHANGE_PREFERENCES = "change_preferences"
    RETRY_MAIL = "retry_mail"
    EMAIL_REFUSED = "email_refused"
    CHANGE_PROFILE = "change_profile"
    SAVE_CLAUSE = "save_clause"
    APPROVE_CLAUSE = "approve_clause"
    CREATE_HOLDING = "create_holding"


@dataclass(frozen=True)
class Sentence:
    """What was done, and what was tried; {what} is "version N" or "the letter"."""

    done: str
    tried: str


_OTHER_SENTENCES: dict[Action, Sentence] = {
    Action.CREATE: Sentence("created {what}", "create a letter"),
    Action.DOWNLOAD: Sentence("downloaded {what}", "download {what}"),
    Action.EXPORT_AUDIT: Sentence("exported the audit trail", "export the audit trail"),
    Action.CREATE_AUDIT_KEY: Sentence("created the audit signing key", "create the audit signing key"),
    Action.VERIFY_CHAIN: Sentence("checked the whole audit chain", "check the whole audit chain"),
    Action.SIGN_IN: Sentence("signed in", "sign in"),
    Action.SIGN_OUT: Sentence("signed out", "sign out"),
    Action.CREATE_USER: Sentence("added a person", "add a person"),
    Action.DISABLE_USER: Sentence("disabled a person's account", "disable a person's account"),
    Action.ENABLE_USER: Sentence("enabled a person's account", "enable a person's account"),
    Action.UNLOCK_USER: Sentence("cleared a person's failed sign-ins", "clear a person's failed sign-ins"),
    Action.RESET_PASSWORD: Sentence("reset a person's password", "reset a person's password"),
    Action.SET_ROLES: Sentence("changed a person's roles", "change a person's roles"),
    Action.CHANGE_PASSWORD: Sentence("changed their password", "change their password"),
    Action.CHANGE_SETTING: Sentence("changed a setting", "change a setting"),
    Action.CHANGE_COMPANY: Sentence("changed the company details", "change the company details"),
    Action.CHANGE_TONE_SETTINGS: Sentence("changed the tone check's settings", "change the tone check's settings"),
    Action.UPLOAD_TEMPLATE: Sentence("uploaded a letter template", "upload a letter template"),
    Action.ACCESS_REFUSED: Sentence("opened a page", "open a page they may not open"),
    Action.TAKE_REVIEW: Sentence("took the review of {what}", "take the review of {what}"),
    Action.RELEASE_REVIEW: Sentence(
        "released the review of {what}, which {assignee} had taken", "release the review of {what}"
    ),
    Action.ASSIGN_REVIEW: Sentence(
        "assigned the review of {what} to {assignee}", "assign the review of {what} to {assignee}"
    ),
    Action.REASSIGN_REVIEW: Sentence(
        "moved the review of {what} from {previous} to {assignee}",
        "move the review of {what} from {previous} to {assignee}",
    ),
    Action.UNASSIGN_REVIEW: Sentence(
        "took {previous} off the review of {what}", "take {previous} off the review of {what}"
    ),
    Action.SET_DELEGATION: Sentence(
        "set {delegate} to stand in for {person} from {starts} until {ends}",
        "set {delegate} to stand in for {person}",
    ),
    Action.END_DELEGATION: Sentence(
        "ended {delegate}'s standing in for {person} (it was to run until {ends})",
        "end {delegate}'s standing in for {person}",
    ),
    Action.CHANGE_PREFERENCES: Sentence("changed how they get e-mail", "change how they get e-mail"),
    Action.RETRY_MAIL: Sentence("sent a failed e-mail again", "send a failed e-mail again"),
    Action.CREATE_TOKEN: Sentence("created an API token", "create an API token"),
    Action.REVOKE_TOKEN: Sentence("revoked an API token", "revoke an API token"),
    Action.ADD_WEBHOOK: Sentence("registered a webhook endpoint", "register a webhook endpoint"),
    Action.REMOVE_WEBHOOK: Sentence("switched off a webhook endpoint", "switch off a webhook endpoint"),
    Action.EMAIL_REFUSED: Sentence(
        "could not e-mail {what}: the mail server refused it", "e-mail {what} to the customer"
    ),
    Action.CHANGE_PROFILE: Sentence(
        "saved version {version} of the jurisdiction profile {profile}",
        "save a new version of the jurisdiction profile {profile}",
    ),
    Action.SAVE_CLAUSE: Sentence(
        "wrote version {version} of the policy clause {clause} ({language}) as a draft",
        "write the policy clause {clause} ({language})",
    ),
    Action.APPROVE_CLAUSE: Sentence(
        "approved version {version} of the policy clause {clause} ({language})", "approve a policy clause"
    ),
    Action.CREATE_HOLDING: Sentence(
        "started a holding response ({what}) to the complaint {answers}", "start a holding response"
    ),
}


SENTENCES: dict[str, Sentence] = {
    **{name: Sentence(t.done, t.tried) for name, t in TRIGGERS.items()},
    **{action.value: sentence for action, sentence in _OTHER_SENTENCES.items()},
}
"""Every registered action by name."""


def require_registered(action: str) -> None:
    """A programming error, not a refusal: an unregistered name would be unreadable later."""
    if action not in SENTENCES:
        raise ValueError(f"{action!r} is not a registered audit action (workflow/audit/actions.py)")
