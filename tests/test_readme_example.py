"""The README's worked example of the API, run as written: its shell session against a live
`tactful run` on a fresh database with the demo loaded (as `make run` serves it, on free
ports), its helpdesk checking the signature of the "sent" webhook. If the text rots, this fails."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.infra.smtpserver import free_port
from tests.infra.workers import TACTFUL

pytestmark = pytest.mark.slow

README = Path(__file__).resolve().parents[1] / "README.md"


def example() -> tuple[str, str, str]:
    """The server's command line, the helpdesk program and the session: the three fenced
    blocks after "A worked example"."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("A worked example: a helpdesk") :]
    blocks = re.findall(r"```(sh|python)\n(.*?)```", section, re.DOTALL)[:3]
    assert [kind for kind, _ in blocks] == ["sh", "python", "sh"], "the worked example's blocks moved"
    return blocks[0][1], blocks[1][1], blocks[2][1]


def _settings(server: str) -> dict[str, str]:
    """The environment the README's server command line sets before `make run`."""
    command = server.strip().splitlines()[-1]
    assert command.endswith("make run"), command
    return dict(part.split("=", 1) for part in command.removesuffix("make run").split())


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"tactful run did not start: {process.stdout.read().decode() if process.stdout else ''}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[dict[str, str], int]]:
    """`make run`'s last three steps (init-db, demo, run) with the README's settings."""
    server_line, _, _ = example()
    env = {
        **os.environ,
        "TACTFUL_DATABASE_URL": f"sqlite:///{tmp_path / 'tactful.sqlite'}",
        "TACTFUL_MAIL_FOLDER": str(tmp_path / "mail"),
        "TACTFUL_SECRET_KEY": "the README example's",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        **_settings(server_line),
    }
    for step in ("init-db", "demo"):
        subprocess.run([str(TACTFUL), step], env=env, cwd=tmp_path, check=True, capture_output=True)
    port = free_port()
    running = subprocess.Popen(
        [str(TACTFUL), "run", "--host", "127.0.0.1", "--port", str(port)],
        env={**env, "TACTFUL_DEVELOPMENT": "1", "TACTFUL_WARM_UP": "1"},
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(port, running)
        yield env, port
    finally:
        running.send_signal(signal.SIGTERM)
        running.wait(timeout=30)


def test_the_worked_example_runs_as_written(server: tuple[dict[str, str], int], tmp_path: Path) -> None:
    env, port = server
    _, helpdesk, session = example()
    (tmp_path / "helpdesk.py").write_text(helpdesk, encoding="utf-8")
    hook_port = free_port()
    script = session.replace("127.0.0.1:5000", f"127.0.0.1:{port}").replace("8001", str(hook_port))
    env = {key: value for key, value in env.items() if key != "TACTFUL_WEBHOOKS_ALLOW_PRIVATE"}
    shell = subprocess.Popen(
        ["bash", "-euo", "pipefail", "-c", script],
        env=env,
        cwd=tmp_path,
        stdout=(tmp_path / "out.txt").open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        assert shell.wait(timeout=120) == 0, (tmp_path / "out.txt").read_text()
    finally:
        os.killpg(shell.pid, signal.SIGTERM)  # the helpdesk it left running
    out = (tmp_path / "out.txt").read_text()
    shown = [line.removeprefix("# → ") for line in session.splitlines() if line.startswith("# → ")]
    assert len(shown) > 5, "the README shows no output"
    printed = _varying(out)
    for line in shown:
        assert line == "…" or _varying(line) in printed, f"the README shows {line!r}; the run printed:\n{out}"
    assert re.search(r'^helpdesk got: sent genuine \{"event": "sent", "id": "[0-9a-f-]{36}"', out, re.M), out
    assert '"state":"sent","revision":5' in out and "FORGED" not in out


def _varying(text: str) -> str:
    """What differs between runs (ids, hashes, times, the month) made the same."""
    text = re.sub(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", "<uuid>", text)
    text = re.sub(
        r"(January|February|March|April|May|June|July|August|September|October|November|December)", "<month>", text
    )
    return re.sub(r"\d+", "0", text)
