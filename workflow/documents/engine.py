"""Rendering a context into a Word template, safely.

Each rule here was seen failing while researching docxtpl:
- without autoescape, "Smith & Sons" loses its "&", "A <B> C" becomes "A ", and a header
  holding "&" produces a file Word will not open;
- a missing field must stop the render, not print "Dear ,": StrictUndefined, in a
  sandbox so a replaced template cannot reach Python internals;
- control characters are illegal in XML and make the file unreadable, so they are removed;
- a template is a program: every filling has an output budget, and a replaced template is
  filled in a child process bounded in time and memory too (`fill.py`);
- one DocxTemplate shared by threads crashed the interpreter, so every render builds its
  own from template bytes read once;
- a recorded hash must be checkable by rendering again, so the zip package is rewritten
  without the time it was saved (`reproducible.py`).
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import SimpleNamespace

from docxtpl import Listing

from workflow.documents.context import DocumentContext, Image, MultiLine, context_type
from workflow.documents.fill import FillError, Picture, fill
from workflow.documents.isolation import fill_apart
from workflow.documents.kinds import DocumentKind, template_name
from workflow.documents.reproducible import reproducible_zip
from workflow.errors import InvalidInput

# The top-level templates/ folder of the repository, shipped inside the package under this
# name (pyproject.toml maps it), so an installed wheel finds it as a checkout does.
TEMPLATES_PACKAGE = "workflow.documents.shipped_templates"

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def shipped_template(kind: DocumentKind, language: str) -> Traversable:
    """The file of the shipped template for `kind` in `language`."""
    try:
        folder = files(TEMPLATES_PACKAGE)
    except ModuleNotFoundError:
        raise RuntimeError(
            f"The Word templates ({TEMPLATES_PACKAGE}) are not installed: "
            "install the project (`pip install -e .`, which `make` runs) rather than only putting it on sys.path."
        ) from None
    return folder / template_name(kind, language)


@cache
def template_bytes(kind: DocumentKind, language: str) -> bytes:
    """The shipped template for `kind` in `language`, read once per process."""
    return shipped_template(kind, language).read_bytes()


def render_document(kind: DocumentKind, data: DocumentContext, *, template: bytes | None = None) -> bytes:
    """The .docx bytes of `kind` for `data`, from the shipped template or a replaced one
    (`template`, already accepted by `validate_template`, and filled in a bounded child
    process all the same: data it was not tried with can still break it). The same data
    and template always give the same bytes."""
    expected = context_type(kind)
    if type(data) is not expected:
        raise TypeError(f"a {kind.label.lower()} is rendered from a {expected.__name__}, not a {type(data).__name__}")
    values = template_values(data)
    try:
        if template is None:
            document = fill(template_bytes(kind, data.letter.language), values)
        else:
            [document] = fill_apart(template, [values])
    except FillError as problem:
        whose = "the template an administrator uploaded" if template is not None else "its template"
        raise InvalidInput(
            f"The {kind.label.lower()} could not be made from {whose}: {problem}. "
            "Nothing was changed; an administrator can upload a corrected template."
        ) from None
    return reproducible_zip(document)


def template_values(data: DocumentContext) -> dict[str, object]:
    """The context as Jinja sees it: views as plain attribute holders (never dicts, whose
    methods `items`, `keys`... would shadow fields), text cleaned, multi-line text as
    Word line breaks and paragraphs, images as Pictures the filling places. Only plain
    values, so they cross to the child process that fills a replaced template."""
    return {f.name: _value(getattr(data, f.name)) for f in fields(data)}


def _value(value: object) -> object:
    if isinstance(value, MultiLine):
        # Empty stays a falsy "": a template's {% if %} leaves out a field never recorded.
        return _paragraphs(clean_text(value)) if value.strip() else ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Image):
        return Picture(value.data, value.width_mm)
    if is_dataclass(value):
        return SimpleNamespace(**{f.name: _value(getattr(value, f.name)) for f in fields(value)})
    if isinstance(value, tuple):
        return [_value(item) for item in value]
    return value


def clean_text(text: str) -> str:
    """One kind of line break, and nothing XML cannot hold."""
    return _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _paragraphs(text: str) -> Listing:
    """A blank line becomes a new paragraph (docxtpl's \\a), a single break a line break:
    reading the paragraphs back and joining them with a blank line gives the text again."""
    return Listing(text.replace("\n\n", "\a"))
