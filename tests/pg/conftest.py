"""The web fixtures too: some PostgreSQL failures are checked as a person sees them."""

from tests.web.conftest import app, sign_in  # noqa: F401  (fixtures)
