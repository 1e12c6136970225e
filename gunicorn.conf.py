"""gunicorn's configuration for tactful: `gunicorn -c gunicorn.conf.py` (or `make serve`).

App servers keep nothing of their own: sessions, sign-in limits, documents and uploads all
live in the database, so any number of these processes, on any number of machines, serve
one installation. Every value below can be set from the environment, so one file serves a
laptop and a company:

| variable | default | meaning |
|---|---|---|
| `TACTFUL_BIND` | `127.0.0.1:8000` | address to listen on (comma-separated for several) |
| `TACTFUL_WORKERS` | 2 × cores + 1 | worker processes |
| `TACTFUL_THREADS` | `1` | threads per worker (over 1 selects the gthread worker) |
| `TACTFUL_TIMEOUT` | `30` | seconds a worker may spend on one request before it is killed and replaced |
| `TACTFUL_GRACEFUL_TIMEOUT` | `30` | seconds a worker gets to finish its requests on restart or stop |
| `TACTFUL_KEEPALIVE` | `5` | seconds an idle keep-alive connection from the proxy is held |
| `TACTFUL_MAX_REQUESTS` | `2000` | a worker is replaced after about this many requests (0: never) |
| `TACTFUL_FORWARDED_ALLOW_IPS` | `127.0.0.1` | proxies trusted for X-Forwarded-For/-Proto |
| `TACTFUL_ACCESS_LOG`, `TACTFUL_ERROR_LOG` | `-` (stdout/stderr) | log files |

The application's own settings (`TACTFUL_DATABASE_URL`, `TACTFUL_SECRET_KEY`, …) are read
by `create_app()` as documented in the README.
"""

from __future__ import annotations

import gc
import multiprocessing
import os


def _env_int(name: str, default: int) -> int:
    """A whole number from the environment; a typo stops the server instead of being guessed at."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise SystemExit(f"{name} must be a whole number, not “{raw}”.")
    return int(raw)


wsgi_app = "web:create_app()"
bind = [part.strip() for part in os.environ.get("TACTFUL_BIND", "127.0.0.1:8000").split(",") if part.strip()]

# The classic rule for a synchronous worker that waits on its database: two per core, plus
# one so a core never idles while the others wait.
workers = _env_int("TACTFUL_WORKERS", 2 * multiprocessing.cpu_count() + 1)
threads = _env_int("TACTFUL_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"

# The app is built once in the master and forked into every worker: the tone check's
# spelling dictionaries (C hunspell through enchant; measured: all four in about 1 s and
# 60 MB, Turkish 0.8 s of that) are read once and shared copy-on-write, and a worker that
# replaces a killed one serves at once instead of stalling its first Turkish letter.
# No database connection may cross the fork (two processes on one PostgreSQL connection
# corrupt each other's transactions): `post_fork` gives each worker an empty pool.
preload_app = True

# A request that takes longer than this is stuck, not slow (a letter page renders in
# milliseconds); gunicorn kills the worker and starts a fresh one.
timeout = _env_int("TACTFUL_TIMEOUT", 30)
graceful_timeout = _env_int("TACTFUL_GRACEFUL_TIMEOUT", 30)
keepalive = _env_int("TACTFUL_KEEPALIVE", 5)
# Replacing workers now and then bounds any slow leak; the jitter keeps them from all
# restarting at the same moment.
max_requests = _env_int("TACTFUL_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10

# Behind a proxy, the client's address (recorded in the audit trail) and https come from
# the proxy's headers, but only from proxies listed here.
forwarded_allow_ips = os.environ.get("TACTFUL_FORWARDED_ALLOW_IPS", "127.0.0.1")

# gunicorn's control socket sits at one path per user ($HOME/.gunicorn/gunicorn.ctl), so a
# second server on the machine would take it over; tactful is managed by signals instead.
control_socket_disable = True

accesslog = os.environ.get("TACTFUL_ACCESS_LOG", "-")
errorlog = os.environ.get("TACTFUL_ERROR_LOG", "-")
# The request id is the proxy's X-Request-ID: the app records the same id in the audit
# trail, so a log line and an audit event can be matched. `%(M)s` is the time in ms.
access_log_format = '%(h)s %({x-request-id}i)s %(u)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'


def when_ready(server) -> None:
    """Load what every worker needs before the first fork: one tone check per language.

    Then freeze what is loaded: the app's objects are never walked by a worker's full garbage
    collections. (The pure-Python dictionaries used before were 2.6 million such objects and
    cost each worker 2.3–2.4 s of CPU in its first collection; the C dictionaries are none,
    and the freeze keeps the app's own objects out of every collection.)"""
    from workflow.tone import warm_up

    warm_up()
    gc.freeze()


def post_fork(server, worker) -> None:
    """Drop the pool the worker inherited without closing its connections (that would close
    the master's sockets too), so this worker opens connections of its own."""
    from web.current import INSTALLATION_KEY

    server.app.wsgi().extensions[INSTALLATION_KEY].db.engine.dispose(close=False)
