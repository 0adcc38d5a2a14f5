"""Citizen pages are offered in Arabic: every UI text a citizen can see has an Arabic translation.

The Swedish catalogues are complete (tests/test_translations.py); here each
text whose source is citizen-facing must also be in the Arabic catalogue of
the same app, translated and not fuzzy.
"""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
# Catalogue directory → the sources in it that citizens see.
CITIZEN_FACING = {
    "citizen": ("citizen/",),
    "locale": ("templates/help/citizen.html", "templates/components/error_summary.html"),
    "invitations": ("invitations/answers.py",),
    "notifications": ("notifications/delivery.py",),
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
