"""Citizen pages come in Arabic as well: the Arabic catalogues are complete, and pages and the PDF use them."""

import io
from pathlib import Path

import polib
import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ["citizen", "questionnaire", "visits", "halsokurva"]


@pytest.mark.parametrize("app", CATALOGUES)
def test_the_arabic_catalogue_is_complete(app):
    po = polib.pofile(str(ROOT / app / "locale" / "ar" / "LC_MESSAGES" / "django.po"))
    assert len(po) > 0
    assert [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)] == []


@pytest.mark.django_db
def test_the_summary_pdf_in_arabic_is_right_to_left():
    from tests.visits.factories import started_visit
    from visits.pdf import summary_pdf

    visit = started_visit()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(summary_pdf(visit, language="ar"))).pages)
    assert "ماذا تعني نتائجك" in text and "الضغط في أوعيتك الدموية" in text
