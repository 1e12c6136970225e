"""The README promises things the code must keep."""

from pathlib import Path

from workflow.letters.rules import mermaid_diagram

README = (Path(__file__).parents[1] / "README.md").read_text()


def test_readme_diagram_is_the_machines() -> None:
    assert f"```mermaid\n{mermaid_diagram()}\n```" in README


def test_readme_shows_both_set_up_commands() -> None:
    assert "make run" in README and "make test" in README
