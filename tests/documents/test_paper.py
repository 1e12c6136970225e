"""The installation's paper, from the company's country, and titles in the letter's language."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from io import BytesIO

import docx
import pytest
from docx.shared import Mm

from workflow.documents import DocumentKind, build_context, render_document
from workflow.documents.fill import Paper
from workflow.documents.paper import paper_for
from workflow.documents.samples import SAMPLE_COMPANY, sample_record
from workflow.documents.titles import title_in
from workflow.settings.config import Policy


@pytest.mark.parametrize(
    ("country", "paper"), [("US", Paper.LETTER), ("ca", Paper.LETTER), ("BG", Paper.A4), ("", Paper.A4)]
)
def test_the_company_s_country_decides_the_paper(country: str, paper: Paper):
    assert paper_for(country) is paper


@pytest.mark.parametrize("kind", [DocumentKind.FINAL, DocumentKind.RECORD])
def test_a_us_company_s_documents_are_on_letter_paper(kind: DocumentKind):
    data = build_context(
        kind, sample_record(), company=replace(SAMPLE_COMPANY, country="US"), policy=Policy(), today=date(2026, 3, 7)
    )
    section = docx.Document(BytesIO(render_document(kind, data))).sections[0]
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (215.9, 279.4)
    assert round(section.left_margin.mm) == round(Mm(25).mm)


def test_common_titles_are_translated_and_others_kept_as_written():
    assert title_in("Customer Care Lead", "es") == "Responsable de Atención al Cliente"
    assert title_in("customer  care lead", "en") == "customer  care lead"
    assert title_in("Chief Happiness Officer", "bg") == "Chief Happiness Officer"
