"""The shape of the house, checked: rooms that import each other in a circle cannot be moved
or understood one at a time, and a domain that imports Flask can no longer be driven from
the command line or a worker."""

from __future__ import annotations

import grimp
import pytest

PACKAGES = ("workflow", "web")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PACKAGES, include_external_packages=True, exclude_type_checking_imports=True)


def test_no_import_cycle(graph: grimp.ImportGraph) -> None:
    """Every import, at module level or inside a function, counts: a cycle kept alive by a
    function-level import is still a cycle."""
    ours = {m for m in graph.modules if m.split(".")[0] in PACKAGES}
    cycles = []
    for importer in sorted(ours):
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & ours):
            if graph.chain_exists(importer=imported, imported=importer):
                back = graph.find_shortest_chain(importer=imported, imported=importer) or ()
                cycles.append(" -> ".join((importer, *back)))
    assert cycles == []


def test_domain_never_imports_the_web(graph: grimp.ImportGraph) -> None:
    for forbidden in ("web", "flask", "flask_login", "flask_wtf", "werkzeug", "wtforms"):
        if forbidden not in graph.modules:
            continue
        chains = graph.find_shortest_chains(importer="workflow", imported=forbidden, as_packages=True)
        assert chains == set(), f"workflow reaches {forbidden}: {sorted(chains)}"
