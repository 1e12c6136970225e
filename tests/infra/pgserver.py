"""A throwaway PostgreSQL server per test session.

Tests run against a real server (not SQLite pretending) without touching any
cluster the machine may already run: a fresh data folder, a free loopback port,
and everything removed afterwards, also when a test fails or the run is
interrupted. Set TACTFUL_TEST_POSTGRES_URL to use an existing server instead.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_URL = "TACTFUL_TEST_POSTGRES_URL"
DATABASE = "tactful_test"
SUPERUSER = "postgres"

# Durability buys nothing for a cluster deleted at the end of the run. Tests that look at a
# blocked statement in pg_stat_activity need all of it, and a trigger's locking query is long.
_SETTINGS = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{socket_dir}'
track_activity_query_size = 8192
fsync = off
synchronous_commit = off
full_page_writes = off
"""


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield a SQLAlchemy URL of an empty `tactful_test` database."""
    if url := os.environ.get(ENV_URL):
        yield url
        return
    bin_dir = _bin_dir()
    run_as = _server_user()
    root = Path(tempfile.mkdtemp(prefix="tactful-pg-"))
    data = root / "data"
    try:
        if run_as:
            shutil.chown(root, run_as, run_as)
        _run(
            run_as,
            root,
            bin_dir / "initdb",
            "-D",
            data,
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
            "--no-instructions",
        )
        port = _free_port()
        with open(data / "postgresql.conf", "a") as conf:
            conf.write(_SETTINGS.format(port=port, socket_dir=root))
        _run(run_as, root, bin_dir / "pg_ctl", "start", "-D", data, "-l", root / "server.log", "-w", "-t", "60")
        _run(None, root, bin_dir / "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", SUPERUSER, DATABASE)
        yield f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/{DATABASE}"
    finally:
        if (data / "postmaster.pid").exists():
            _run(run_as, root, bin_dir / "pg_ctl", "stop", "-D", data, "-m", "fast", "-w", check=False)
        shutil.rmtree(root, ignore_errors=True)


def _bin_dir() -> Path:
    # Debian keeps initdb and pg_ctl off PATH, in a folder per major version.
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if versions:
        return versions[-1].parent
    if initdb := shutil.which("initdb"):
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL server binaries not found: run scripts/system-packages.sh test")


def _server_user() -> str | None:
    # PostgreSQL refuses to run as root; as root, run it as the `postgres` user.
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SUPERUSER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--user-group", "--no-create-home", SUPERUSER], check=True)
    return SUPERUSER


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(user: str | None, cwd: Path, *command: str | Path, check: bool = True) -> None:
    argv = [str(part) for part in command]
    if user:
        argv = ["runuser", "-u", user, "--", *argv]
    # A session of its own keeps Ctrl-C away from the server, so the cleanup
    # above, not the signal, decides how it stops.
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, start_new_session=True, timeout=120)
    if check and result.returncode != 0:
        log = cwd / "server.log"
        raise RuntimeError(
            f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
            + (f"\nserver log:\n{log.read_text()}" if log.exists() else "")
        )
