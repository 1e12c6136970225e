"""A placeholder home page until the reviewer pages arrive."""
from flask import Blueprint, render_template_string

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> str:
    return render_template_string('{% extends "base.html" %}{% block content %}<h1>My work</h1>{% endblock %}')
