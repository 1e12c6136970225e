"""A placeholder home page until the reviewer pages arrive."""
from flask import Blueprint

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> str:
    return "tactful is running."
