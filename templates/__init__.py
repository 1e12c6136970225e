"""The Word templates, installed as the package `workflow.documents.shipped_templates`
(pyproject.toml maps this folder there), where `workflow.documents.engine` reads them
with importlib.resources. This file lets an editable install find the folder too."""
