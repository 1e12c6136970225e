"""The mail fixtures, for the legal deadline's reminder."""

from tests.mail.conftest import mail_server, mailing  # noqa: F401
