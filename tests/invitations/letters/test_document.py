"""The HTML each chunk is laid out from: direction, escaping, the address window."""

from __future__ import annotations

import pytest

from invitations.letters.document import LTR_ISOLATE, POP_ISOLATE, LogoStore, letters_html
from invitations.letters.labels import LABELS, POSTAL, labels_for

from .factories import letter


def test_an_arabic_letter_is_marked_right_to_left_and_its_numbers_are_isolated(tmp_path):
    html = letters_html([letter(1), letter(2, language="ar")], logos=LogoStore(tmp_path), start=10)

    first, second = html.split('<section class="letter invitation"')[1:]
    assert first.startswith(' lang="sv" dir="ltr"') and 'id="letter-10"' in first
    assert second.startswith(' lang="ar" dir="rtl"') and 'id="letter-11"' in second
    assert f"{LTR_ISOLATE}036-10 20 30{POP_ISOLATE}" in html
    assert f"{LTR_ISOLATE}RHS-2026-000002{POP_ISOLATE}" in html
    assert f"{LTR_ISOLATE}RHS-2026-000001" not in html  # a Swedish letter needs no isolates
    assert labels_for("ar")["tick_one"] in html and labels_for("sv")["tick_one"] in html


def test_texts_from_the_templates_are_escaped(tmp_path):
    html = letters_html([letter(1, body="Hej <b>du</b> & välkommen", name="<script>x</script>")],
                        logos=LogoStore(tmp_path))

    assert "Hej &lt;b&gt;du&lt;/b&gt; &amp; välkommen" in html
    assert "<script>" not in html


def test_a_protected_identity_has_no_address_lines_in_the_window(tmp_path):
    html = letters_html([letter(1, protected=True, name="Skyddad Person")], logos=LogoStore(tmp_path))

    window = html.split('<div class="window"', 1)[1].split("</div>", 1)[0]
    assert "Skyddad Person" in window and POSTAL["forwarding"] in window
    assert "Exempelgatan" not in html and "553 21" not in html


def test_every_language_has_every_label():
    assert LABELS["en"].keys() == LABELS["sv"].keys() == LABELS["ar"].keys()
    assert all(value.strip() for labels in LABELS.values() for value in labels.values())
    assert labels_for("fi") is LABELS["sv"]


def test_a_letter_in_a_language_without_letter_texts_is_refused():
    with pytest.raises(ValueError, match="language must be one of sv, en, ar"):
        letter(1, language="fi")
