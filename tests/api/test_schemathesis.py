"""Schemathesis against a real server on 127.0.0.1: no server errors, every answer as
the OpenAPI document describes it."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from workflow.api.tokens import Scope, create_token

pytestmark = pytest.mark.slow


def test_the_api_holds_to_its_description(app, world, tmp_path: Path):
    world.approved(world.letter())
    token = create_token(
        world.installation,
        name="fuzz",
        user_id=world.people["eve"].id,
        scopes=frozenset({Scope.READ, Scope.WRITE, Scope.REVIEW}),
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        run = subprocess.run(
            [
                str(Path(sys.executable).with_name("schemathesis")),
                "run",
                f"http://127.0.0.1:{server.server_port}/api/v1/openapi.json",
                "--header",
                f"Authorization: Bearer {token.secret}",
                "--max-examples",
                "8",
                "--phases",
                "examples,fuzzing",
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
                "--seed",
                "1",
            ],
            capture_output=True,
            text=True,
            timeout=240,
            cwd=tmp_path,
        )
    finally:
        server.shutdown()
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "Tested: 7" in run.stdout, run.stdout[-3000:]
