"""`tactful render` and `tactful compare`, run against a real database."""

from __future__ import annotations

from io import BytesIO

import docx
import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo

from tests.conftest import word_file
from tests.documents.helpers import keep_unchecked_template
from web import create_app
from web.cli import cli
from workflow.documents import read_upload
from workflow.documents.downloads import stage_document


@pytest.fixture
def run(world):
    """The real `tactful` group, with the app built around the test's workflow."""
    app = create_app({"INSTALLATION": world.installation, "SECRET_KEY": "test", "DEVELOPMENT": True})

    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args), obj=ScriptInfo(create_app=lambda: app))

    return invoke


def test_render_writes_the_document_of_the_letters_stage(world, run, tmp_path):
    letter = world.to_review(world.letter())
    out = tmp_path / "packet.docx"
    result = run("render", letter.reference, "--document", "peer-review", "--output", str(out), "--as", "ben")
    assert result.exit_code == 0, result.output
    assert "SHA-256" in result.output
    assert "Peer-review packet" in "\n".join(p.text for p in docx.Document(out).paragraphs)


def test_render_of_a_sent_letter_writes_the_bytes_stored_at_sending(world, run, tmp_path):
    """Rendered outside the transaction, stored inside it by `send`, handed out unchanged."""
    letter = world.approved(world.letter())
    final = stage_document(world.installation, letter.id, "final", world.people["ana"].id)
    world.fire("send", letter, "ana", channel="first_class_mail", sent_on=world.clock.now().date())
    out = tmp_path / "final.docx"
    assert run("render", str(letter.id), "--document", "final", "--output", str(out)).exit_code == 0
    assert out.read_bytes() == final.content


def test_compare_writes_tracked_changes(world, run, tmp_path):
    letter = world.letter()
    world.fire("edit", letter, "ana", body=read_upload(_plain("Dear Mary,\n\nWe delivered it late."), "x.docx"))
    out = tmp_path / "compare.docx"
    result = run("compare", letter.reference, "1", "2", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert "<w:ins " in docx.Document(out).element.xml


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "TL-1999-99999", "--document", "draft"], "No letter “TL-1999-99999”."),
        (["render", "1", "--document", "final"], "has no “final” document"),
        (["compare", "1", "1", "7"], "has no such version"),
        (["render", "1", "--document", "draft", "--as", "nobody"], "No user “nobody”."),
    ],
)
def test_errors_are_one_readable_line_and_a_non_zero_exit(world, run, tmp_path, args, message):
    world.letter()
    result = run(*args, "--output", str(tmp_path / "x.docx"))
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_a_document_an_uploaded_template_cannot_make_is_one_readable_line(world, run, tmp_path):
    keep_unchecked_template(world, "draft", "en", word_file("{{ 100 // (letter.order_reference | length) }}"))
    letter = world.letter(order_reference="")
    out = tmp_path / "draft.docx"
    result = run("render", letter.reference, "--document", "draft", "--output", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert result.output.startswith("Error: The draft copy could not be made from the template an administrator")
    assert len(result.output.strip().splitlines()) == 1


def _plain(text: str) -> bytes:
    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    out = BytesIO()
    document.save(out)
    return out.getvalue()
