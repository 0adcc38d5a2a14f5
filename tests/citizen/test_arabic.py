"""Citizen pages are offered in Arabic: every UI text a citizen can see has an Arabic translation.

The Swedish catalogues are complete (tests/test_translations.py); here each
text whose source is citizen-facing must also be in the Arabic catalogue of
the same app, translated and not fuzzy.
"""

import io
from pathlib import Path

import polib
import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
# Catalogue directory → the sources in it that citizens see.
CITIZEN_FACING = {
    "citizen": ("citizen/",),
    "locale": ("templates/help/citizen.html", "templates/components/error_summary.html"),
    "invitations": ("invitations/answers.py",),
    "notifications": ("notifications/delivery.py",),
    "questionnaire": ("questionnaire/templates/questionnaire/", "questionnaire/services/responses.py"),
    "visits": ("visits/texts.py", "visits/templates/visits/summary.pdf.html"),
    "halsokurva": ("halsokurva/templates/halsokurva/_level_tag.html",),
}


def _catalogue(base: str, language: str) -> Path:
    return ROOT / (base if base == "locale" else f"{base}/locale") / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("base", sorted(CITIZEN_FACING))
def test_every_citizen_facing_text_has_an_arabic_translation(base):
    swedish = polib.pofile(str(_catalogue(base, "sv")))
    arabic = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(_catalogue(base, "ar"))) if not e.obsolete}
    missing = []
    for entry in swedish:
        if entry.obsolete or not any(o[0].startswith(CITIZEN_FACING[base]) for o in entry.occurrences):
            continue
        translated = arabic.get((entry.msgctxt, entry.msgid))
        if translated is None or not translated.translated() or "fuzzy" in translated.flags:
            missing.append(entry.msgid)
    assert not missing, f"{base}: add Arabic for {missing}"


def test_arabic_texts_are_arabic():
    entries = [e for base in CITIZEN_FACING for e in polib.pofile(str(_catalogue(base, "ar")))]
    assert entries
    for entry in entries:
        text = entry.msgstr or entry.msgstr_plural[max(entry.msgstr_plural)]
        assert any("\u0600" <= ch <= "\u06ff" for ch in text), entry.msgid


@pytest.mark.django_db
def test_the_summary_pdf_in_arabic_is_right_to_left():
    from tests.visits.factories import started_visit
    from visits.pdf import summary_pdf

    visit = started_visit()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(summary_pdf(visit, language="ar"))).pages)
    assert "ماذا تعني نتائجك" in text and "الضغط في أوعيتك الدموية" in text
