"""The Flask application: reviewer pages and the command line, thin callers of `workflow`.

Importing this package costs nothing: Flask, the database layer and the pages are imported
when an app is built, so `tactful tone` (web.launch) starts without them.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from `TACTFUL_*` environment variables, or from `test_config` in tests."""
    from flask import Flask

    from web.current import INSTALLATION_KEY
    from workflow.installation import Installation
    from workflow.settings.config import Config
    from workflow.storage.db import Database
    from workflow.tone import warm_up

    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        MAX_CONTENT_LENGTH=12 * 1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
    )
    if test_config is None:
        app.config.from_prefixed_env("TACTFUL")
    else:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config["SESSION_COOKIE_SECURE"] = not app.config.get("DEVELOPMENT", False)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    default_url = f"sqlite:///{Path(app.instance_path) / 'tactful.sqlite'}"
    config = Config.from_mapping(
        app.config,
        default_database_url=default_url,
        default_mail_folder=Path(app.instance_path) / "mail",
        default_audit_key=Path(app.instance_path) / "audit-key.pem",
    )
    app.extensions[INSTALLATION_KEY] = app.config.get("INSTALLATION") or Installation(
        Database(config.database_url), config
    )

    from web import (
        account,
        admin,
        admin_api,
        admin_work,
        audit_page,
        auth,
        away,
        customers,
        errors,
        home,
        law,
        letters,
        navigation,
        security,
        urls,
        work,
    )
    from web.api import setup

    if app.config.get("WARM_UP"):
        threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    urls.init_app_map(app.url_map)
    security.init_app(app)
    errors.init_app(app)
    navigation.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(home.bp)
    app.register_blueprint(letters.bp)
    app.register_blueprint(customers.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(audit_page.bp)
    app.register_blueprint(work.bp)
    app.register_blueprint(away.bp)
    app.register_blueprint(admin_work.bp)
    app.register_blueprint(admin_api.bp)
    setup.init_app(app)
    app.register_blueprint(law.bp)
    app.register_blueprint(law.admin_bp)
    return app


def _instance_secret(instance: Path) -> str:
    """One installation, one key: every local server process reads the same file.
    Several machines share TACTFUL_SECRET_KEY instead (README, "Running for a company")."""
    path = instance / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()
