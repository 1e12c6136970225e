"""The wheel, used the way an installation uses it: built from this checkout, installed into a
fresh venv outside it, and driven from a folder outside it with the checkout off sys.path.

    .venv/bin/python scripts/wheel_smoke.py

Runs `tactful init-db`, `tactful demo`, `tactful render` for every document kind, serves the
app and opens a letter page signed in, waits for the server's mail worker to write the demo's
notices as `.eml` files, and checks a letter with `tactful tone`. Any failure
ends the run with a non-zero exit; the server is always stopped and the temporary folder
removed. Needs `build` (a test dependency) in the interpreter that runs it; the fresh venv
takes tactful's dependencies from the package index.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LETTER = "Dear Mary Smith,\n\nThank you for writing to us about your order.\n\nKind regards,\nAna Petrova\n"


class SmokeFailure(Exception):
    pass


def build_wheel(outdir: Path, source: Path = ROOT) -> Path:
    """Build the wheel from a copy of the checkout's files (tracked and untracked, not ignored),
    so neither the checkout nor a stale build/ folder in it takes part."""
    with tempfile.TemporaryDirectory(prefix="tactful-source-") as copy:
        _copy_sources(source, Path(copy))
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), copy],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    wheels = sorted(outdir.glob("tactful-*.whl"))
    if len(wheels) != 1:
        raise SmokeFailure(f"expected one wheel in {outdir}, found {[w.name for w in wheels]}")
    return wheels[0]


def _copy_sources(source: Path, target: Path) -> None:
    listed = subprocess.run(
        ["git", "-C", str(source), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
    )
    if listed.returncode != 0:  # not a git checkout: everything but the usual build litter
        litter = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "instance")
        shutil.copytree(source, target, ignore=litter, dirs_exist_ok=True)
        return
    for name in filter(None, listed.stdout.decode().split("\0")):
        path = source / name
        if path.is_file():  # a tracked file deleted in the work tree is skipped
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / name)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="tactful-smoke-") as folder:
        work = Path(folder)
        if work.resolve().is_relative_to(ROOT):
            raise SmokeFailure(f"{work} is inside the checkout; set TMPDIR elsewhere")
        wheel = build_wheel(work / "dist")
        print(f"built {wheel.name}")
        venv = work / "venv"
        _run([sys.executable, "-m", "venv", str(venv)], cwd=work)
        _run([str(venv / "bin/pip"), "install", "--quiet", str(wheel)], cwd=work)
        print(f"installed into {venv}")
        Smoke(work, venv).run()
    print("wheel smoke test passed")
    return 0


class Smoke:
    def __init__(self, work: Path, venv: Path) -> None:
        self.work = work
        self.venv = venv
        self.here = work / "run"
        self.here.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "TACTFUL_", "VIRTUAL_ENV"))}
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        env["TACTFUL_DATABASE_URL"] = f"sqlite:///{work / 'smoke.sqlite'}"
        env["TACTFUL_MAIL_FOLDER"] = str(work / "mail")
        self.env = env

    def tactful(self, *args: str) -> str:
        return _run([str(self.venv / "bin/tactful"), *args], cwd=self.here, env=self.env)

    def run(self) -> None:
        self.check_isolated()
        print(self.tactful("init-db").strip())
        sign_ins = self.sign_ins(self.tactful("demo"))
        letters = [json.loads(line) for line in self.tactful("letters", "--json").splitlines() if line.strip()]
        self.render_every_kind(letters)
        self.open_letter_page(letters[0], sign_ins)
        (self.here / "letter.txt").write_text(LETTER, encoding="utf-8")
        print(self.tactful("tone", "letter.txt", "--lang", "en").strip())

    def check_isolated(self) -> None:
        """The installed package, not the checkout, is what the commands import."""
        code = "import web, workflow; print(web.__file__); print(workflow.__file__)"
        for line in _run([str(self.venv / "bin/python"), "-c", code], cwd=self.here, env=self.env).split():
            if not Path(line).resolve().is_relative_to(self.venv.resolve()):
                raise SmokeFailure(f"imported {line}, not from the installed wheel")

    @staticmethod
    def sign_ins(demo_output: str) -> dict[str, str]:
        people = dict(re.findall(r"^\s+(\S+)\s+/\s+(\S+)", demo_output, re.MULTILINE))
        if not people:
            raise SmokeFailure(f"no sign-ins in the demo's output:\n{demo_output}")
        return people

    def render_every_kind(self, letters: list[dict]) -> None:
        # The installed package says which states offer which document, so a new kind is covered.
        code = (
            "import json, sys\n"
            "from workflow.documents.kinds import DocumentKind, kinds_for_state\n"
            "letters = json.load(sys.stdin)\n"
            "offering = lambda kind: [l['reference'] for l in letters if kind in kinds_for_state(l['state'])]\n"
            "print(json.dumps({kind.value: (offering(kind) or [None])[0] for kind in DocumentKind}))\n"
        )
        chosen = json.loads(
            _run([str(self.venv / "bin/python"), "-c", code], cwd=self.here, env=self.env, input=json.dumps(letters))
        )
        for kind, reference in chosen.items():
            if reference is None:
                raise SmokeFailure(f"no demo letter offers a {kind} document")
            output = self.here / f"{reference}-{kind}.docx"
            self.tactful("render", reference, "--document", kind, "--output", str(output))
            with zipfile.ZipFile(output) as docx:
                if "word/document.xml" not in docx.namelist():
                    raise SmokeFailure(f"{output.name} is not a Word document")
            print(f"rendered {kind} of {reference}: {output.stat().st_size:,} bytes")

    def wait_for_mail(self, timeout: float = 30.0) -> None:
        """The demo's letters told their reviewers; the worker in `tactful run` writes the mail."""
        folder = self.work / "mail"
        deadline = time.monotonic() + timeout
        while not _mail_written(folder) and time.monotonic() < deadline:
            time.sleep(0.2)
        if not _mail_written(folder):
            raise SmokeFailure(f"the server's mail worker wrote no .eml file into {folder} in {timeout:.0f} s")
        print(f"the mail worker wrote {len(_mail_written(folder))} messages into {folder.name}/")

    def open_letter_page(self, letter: dict, sign_ins: dict[str, str]) -> None:
        username = letter["author"]
        port = _free_port()
        env = {**self.env, "TACTFUL_DEVELOPMENT": "1"}  # the session cookie over plain http
        server = subprocess.Popen(
            [str(self.venv / "bin/tactful"), "run", "--host", "127.0.0.1", "--port", str(port)],
            cwd=self.here,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.work / "server.log", "wb"),  # noqa: SIM115 - closed with the process
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
            form = _wait_for(server, opener, f"{base}/sign-in", self.work / "server.log")
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form)
            if token is None:
                raise SmokeFailure("no csrf_token on the sign-in page")
            fields = {"csrf_token": token.group(1), "username": username, "password": sign_ins[username]}
            with opener.open(f"{base}/sign-in", urllib.parse.urlencode(fields).encode(), timeout=30) as response:
                if urllib.parse.urlparse(response.url).path == "/sign-in":
                    raise SmokeFailure(f"signing in as {username} was refused")
            # A fresh database numbers the letters from 1 in the order `tactful letters` lists them.
            with opener.open(f"{base}/letters/1", timeout=30) as response:
                page = response.read().decode("utf-8")
                if response.status != 200 or letter["reference"] not in page:
                    raise SmokeFailure(f"/letters/1: HTTP {response.status}, reference {letter['reference']} missing")
            print(f"served /letters/1 ({letter['reference']}) to {username}: HTTP 200")
            self.wait_for_mail()
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _mail_written(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.eml")) if folder.is_dir() else []


def _run(command: list[str], *, cwd: Path, env: dict[str, str] | None = None, input: str | None = None) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, input=input, capture_output=True, text=True)
    if result.returncode != 0:
        raise SmokeFailure(f"{' '.join(command)} exited with {result.returncode}:\n{result.stdout}{result.stderr}")
    return result.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(server: subprocess.Popen, opener: urllib.request.OpenerDirector, url: str, log: Path) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SmokeFailure(f"the server exited with {server.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with opener.open(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.3)
    raise SmokeFailure(f"the server did not answer {url} within 60 s")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (SmokeFailure, subprocess.CalledProcessError) as failure:
        print(f"wheel smoke test FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
