"""Checking a replaced template before anyone's letter is rendered with it.

An administrator restyles templates in Word. A template that asks for a field no document
provides would fail every render, or, with a typo in an `{% if %}`, fail only for some
letters, so it is refused up front with the field's name. The same zip gate as for
uploads runs first: a template is a file from outside too.
"""

from __future__ import annotations

import types
import typing
from io import BytesIO
from typing import NoReturn

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes, pass_context

from workflow.documents.context import context_type, field_names, field_types, is_view
from workflow.documents.engine import template_values
from workflow.documents.fill import BoundedEnvironment
from workflow.documents.isolation import BatchError, fill_apart
from workflow.documents.kinds import DocumentKind
from workflow.documents.proof import shows_text
from workflow.documents.required import missing_fields, shows_body
from workflow.documents.samples import varied_samples
from workflow.documents.upload import check_package
from workflow.errors import InvalidInput

_ANY = object()


class _Seq:
    def __init__(self, item: object) -> None:
        self.item = item


def validate_template(kind: DocumentKind, docx_bytes: bytes) -> None:
    """Raise InvalidInput naming the first unknown field, or why the template cannot be used:
    it must fill in every varied sample letter, in every language, within the bounds of a
    real rendering."""
    check_package(docx_bytes, f"{kind.value}.docx")
    env = _reading_environment()
    template = DocxTemplate(BytesIO(docx_bytes))
    try:
        top_level = template.get_undeclared_template_variables(jinja_env=env)
        tree = env.parse(_source(template))
    except TemplateSyntaxError as error:
        raise InvalidInput(f"The template's fields have a syntax error: {error.message}.") from None
    unknown = sorted(top_level - field_names(kind)) or sorted(_unknown_attributes(tree, kind))
    if unknown:
        allowed = ", ".join(sorted(field_names(kind)))
        raise InvalidInput(
            f"The template asks for “{unknown[0]}”, which a {kind.label.lower()} does not provide "
            f"(it provides: {allowed})."
        )
    missing = missing_fields(tree, kind)
    if missing:
        raise InvalidInput(
            f"A {kind.label.lower()} must show {_listed(missing)}, and the template leaves out {missing[0]}."
        )
    samples = varied_samples(kind)
    try:
        documents = fill_apart(docx_bytes, [template_values(sample.context) for sample in samples])
    except BatchError as problem:
        which = "the sample letters" if problem.index is None else samples[problem.index].description
        raise InvalidInput(f"The template could not be filled in for {which}: {problem}.") from None
    for sample, document in zip(samples, documents, strict=True):
        if shows_body(kind) and not shows_text(document, sample.context.letter.body):
            raise InvalidInput(
                f"Filled in for {sample.description}, the template does not show the letter's text "
                "as it was approved: the body field must stand in a paragraph of its own, unchanged."
            )


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _reading_environment() -> BoundedEnvironment:
    """An environment that reads a template without running any of it.

    Finding a template's names compiles it, and Jinja's compiler works out constant
    expressions as it goes: `"x" * 10**10` or `"x" | center(10**10)` would be computed here,
    in the server's process, before any bound applies. Left to run time, every operator and
    every filter and test (marked as needing the context, which Jinja never folds) runs only
    in the bounded child."""
    env = BoundedEnvironment()
    env.intercepted_binops = frozenset(env.binop_table)
    env.intercepted_unops = frozenset(env.unop_table)
    env.filters = dict.fromkeys(env.filters, _never_run)
    env.tests = dict.fromkeys(env.tests, _never_run)
    return env


@pass_context
def _never_run(*args: object, **kwargs: object) -> NoReturn:
    raise AssertionError("a template is only read while it is checked, never run")


def _source(template: DocxTemplate) -> str:
    """The Jinja source docxtpl renders: the body, then every header and footer."""
    document = template.get_docx()
    elements = [document.element.body] + [
        rel.target_part.element
        for rel in document.part.rels.values()
        if rel.reltype in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI)
    ]
    return "".join(template.patch_xml(template.xml_to_string(e)) for e in elements)


def _unknown_attributes(tree: nodes.Template, kind: DocumentKind) -> set[str]:
    """Dotted names such as `letter.nmae` whose last part is not a field of its view."""
    context: type = context_type(kind)  # as `type`: mypy takes a dataclass's class for unhashable
    scope = {name: _schema(tp) for name, tp in field_types(context).items()}
    found: set[str] = set()
    _visit(tree, scope, found)
    return found


def _visit(node: nodes.Node, scope: dict[str, object], found: set[str]) -> None:
    if isinstance(node, nodes.For):
        _visit(node.iter, scope, found)
        inner = dict(scope, loop=_ANY)
        element = _resolve(node.iter, scope)
        if isinstance(node.target, nodes.Name):
            inner[node.target.name] = element.item if isinstance(element, _Seq) else _ANY
        for child in [*node.body, *node.else_, *([node.test] if node.test else [])]:
            _visit(child, inner, found)
        return
    if isinstance(node, nodes.Getattr | nodes.Getitem) and _resolve(node, scope) is None:
        found.add(_dotted(node))
    for child in node.iter_child_nodes():
        _visit(child, scope, found)


def _resolve(node: nodes.Node, scope: dict[str, object]) -> object:
    """The schema of an expression: a view class, a _Seq, _ANY (not checked), None (unknown field)."""
    if isinstance(node, nodes.Name):
        return scope.get(node.name, _ANY)
    found = _attribute(node)
    if found is None:
        return _ANY
    parent, attr = found
    base = _resolve(parent, scope)
    if not is_view(base):
        return _ANY
    hints = field_types(base)
    return _schema(hints[attr]) if attr in hints else None


def _attribute(node: nodes.Node) -> tuple[nodes.Expr, str] | None:
    """(what it is read from, the name read) for `a.b` and `a["b"]`; None for anything else."""
    if isinstance(node, nodes.Getattr):
        return node.node, node.attr
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
        return node.node, node.arg.value
    return None


def _schema(tp: object) -> object:
    origin = typing.get_origin(tp)
    if origin is tuple:
        return _Seq(_schema(typing.get_args(tp)[0]))
    if origin in (typing.Union, types.UnionType):
        return next((arg for arg in typing.get_args(tp) if is_view(arg)), _ANY)
    return tp if is_view(tp) else _ANY


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    found = _attribute(node)
    return f"{_dotted(found[0])}.{found[1]}" if found is not None else "…"
