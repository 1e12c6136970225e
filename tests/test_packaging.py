"""The wheel carries everything an installation reads at run time: a file left out by a
package-data glob (or a subpackage left out of pyproject's list) fails here, not on a
customer's server. scripts/wheel_smoke.py then installs the wheel and uses it."""

from __future__ import annotations

import importlib.util
import os
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("TACTFUL_TEST_BACKEND") == "postgresql", reason="the wheel does not depend on the database"
    ),
]


def _smoke_module():
    spec = importlib.util.spec_from_file_location("wheel_smoke", ROOT / "scripts" / "wheel_smoke.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _files(folder: str, pattern: str = "**/*") -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / folder).glob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    wheel = _smoke_module().build_wheel(tmp_path_factory.mktemp("dist"))
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_every_page_template_and_static_file(wheel_names: set[str]) -> None:
    expected = _files("web/templates") | _files("web/static")
    assert any(name.count("/") > 2 for name in expected), "page templates in subfolders are part of the check"
    assert expected - wheel_names == set()


def test_every_migration(wheel_names: set[str]) -> None:
    expected = _files("workflow/storage/migrations")
    assert {"workflow/storage/migrations/env.py", "workflow/storage/migrations/script.py.mako"} <= expected
    assert expected - wheel_names == set()


def test_every_word_template_inside_the_package(wheel_names: set[str]) -> None:
    docx = {path.name for path in (ROOT / "templates").glob("*.docx")}
    assert len(docx) >= 11
    shipped = {name.removeprefix("workflow/documents/shipped_templates/") for name in wheel_names}
    assert docx - shipped == set()


def test_every_module(wheel_names: set[str]) -> None:
    assert (_files("workflow", "**/*.py") | _files("web", "**/*.py")) - wheel_names == set()


def test_every_tone_model(wheel_names: set[str]) -> None:
    models = _files("workflow/tone/model_data", "*.json")
    assert {f"workflow/tone/model_data/{language}.json" for language in ("en", "es", "bg", "tr")} <= models
    assert models - wheel_names == set()
