"""Forms whose fields receive the type they declare: text for text, files for file fields.

Flask-WTF hands a form every uploaded file beside the text fields, and a JSON body as if it
were a form, so a file sent under a text field's name, or a number or a list in JSON,
reaches code that expects a string and ends in a 500. The pages' forms take no JSON (the
JSON API in web/api reads its own pydantic models), and a file means something only where a
form asks for one.
"""

from __future__ import annotations

from typing import Any

from flask import request
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from flask_wtf.form import SUBMIT_METHODS, _Auto
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from wtforms import Form


class TypedForm(FlaskForm):
    """A FlaskForm reading text from the posted form and files only into its file fields."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form: Form, formdata: Any) -> Any:
            if formdata is not _Auto:
                return formdata
            if request.method not in SUBMIT_METHODS:
                return None
            wanted = {field.name for field in form if isinstance(field, FileField)}
            files = MultiDict([(name, file) for name, file in request.files.items(multi=True) if name in wanted])
            return CombinedMultiDict([files, request.form])
