"""The README promises things the code must keep."""

import re
from pathlib import Path

from workflow.letters.rules import mermaid_diagram

README = (Path(__file__).parents[1] / "README.md").read_text()


def test_readme_diagram_is_the_machines() -> None:
    assert f"```mermaid\n{mermaid_diagram()}\n```" in README


def test_readme_shows_both_set_up_commands() -> None:
    assert "make run" in README and "make test" in README


def test_readme_points_inside_the_repository() -> None:
    """A clone has nothing beside it: every path the README names is in the repository."""
    assert "../" not in README


def test_readme_rooms_exist() -> None:
    """Each room of the layout table, and each module it names, is where the README says."""
    workflow = Path(__file__).parents[1] / "workflow"
    rows = re.findall(r"^\| `(\w+)/` \| (.*) \|$", README.split("The rooms of `workflow/`")[1], re.M)
    assert {room for room, _ in rows} == {p.name for p in workflow.iterdir() if (p / "__init__.py").exists()}
    for room, text in rows:
        for module in re.findall(r"`(\w+\.py)`", text):
            assert (workflow / room / module).exists(), f"{room}/{module}"
