"""The Flask application: reviewer pages and the command line, thin callers of `workflow`."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from workflow.config import Config
from workflow.db import Database
from workflow.services import Workflow


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from `TACTFUL_*` environment variables, or from `test_config` in tests."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(SECRET_KEY="dev", MAX_CONTENT_LENGTH=12 * 1024 * 1024)
    if test_config is None:
        app.config.from_prefixed_env("TACTFUL")
    else:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    default_url = f"sqlite:///{Path(app.instance_path) / 'tactful.sqlite'}"
    config = Config.from_mapping(app.config, default_database_url=default_url)
    app.extensions["tactful"] = app.config.get("WORKFLOW") or Workflow(Database(config.database_url), config)

    from web import home

    app.register_blueprint(home.bp)
    return app


def workflow_of(app: Flask) -> Workflow:
    return app.extensions["tactful"]
