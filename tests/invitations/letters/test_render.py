"""The letter engine end to end: letters in, one print-ready PDF out, checked with pypdf."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from invitations.letters import LetterRenderError, render_letters_pdf

from .factories import UNIT_POSTAL_CODE, letter

POSTAL_CODE = re.compile(r"\b\d{3} ?\d{2}\b")


def page_texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_each_letter_is_an_invitation_page_followed_by_a_reply_letter(tmp_path):
    out = tmp_path / "batch.pdf"
    stats = render_letters_pdf([letter(1), letter(2, name="Anna Berg")], out)

    texts = page_texts(out)
    assert stats.letters == 2
    assert stats.pages_per_letter == [2, 2]
    assert stats.pages == len(texts) == 4
    invitation, reply = texts[2], texts[3]
    for expected in ("Vårdcentralen Exempelby", "Inbjudan – Välkommen på hälsosamtal", "Du är välkommen",
                     "Anna Berg", "Exempelgatan 12", "553 21 Exempelby", "Er referens", "2026-03-02",
                     "https://rhs.example.com/c/Tok3n", "Sjuksköterskorna"):
        assert expected in invitation, expected
    for expected in ("Svarsbrev", "Kryssa i ett alternativ", "Ja, ring mig för att boka en tid", "Nej tack",
                     "Svara senast", "2026-03-30", "Storgatan 1", f"{UNIT_POSTAL_CODE} Exempelby", "Anna Berg"):
        assert expected in reply, expected
    assert "Exempelgatan 12" not in reply  # the reply letter's window shows the unit, not the citizen


def test_the_reference_is_on_every_page_so_staff_can_match_a_returned_reply(tmp_path):
    out = tmp_path / "batch.pdf"
    long_body = "\n\n".join(f"Stycke {n}: " + "Ett hälsosamtal handlar om dina levnadsvanor. " * 12
                            for n in range(1, 30))
    render_letters_pdf([letter(7), letter(8, body=long_body)], out)

    texts = page_texts(out)
    assert all("RHS-2026-000007" in text for text in texts[:2])
    assert len(texts) > 4
    assert all("RHS-2026-000008" in text for text in texts[2:])


def test_a_long_text_runs_over_to_more_pages_and_is_never_cut(tmp_path):
    out = tmp_path / "batch.pdf"
    long_body = "\n\n".join(f"Stycke {n}: " + "Ett hälsosamtal handlar om dina levnadsvanor. " * 12
                            for n in range(1, 30))
    stats = render_letters_pdf([letter(1), letter(2, body=long_body), letter(3)], out)

    assert stats.pages_per_letter[0] == stats.pages_per_letter[2] == 2
    assert stats.pages_per_letter[1] >= 4
    texts = page_texts(out)
    assert len(texts) == stats.pages == sum(stats.pages_per_letter)
    second = "".join(texts[2:2 + stats.pages_per_letter[1]])
    for n in range(1, 30):
        assert f"Stycke {n}:" in second
    assert "Svarsbrev" in texts[2 + stats.pages_per_letter[1] - 1]  # the reply letter still follows
    assert "Svarsbrev" not in texts[2]


def test_protected_identity_prints_no_address_and_is_marked_for_forwarding(tmp_path):
    out = tmp_path / "batch.pdf"
    stats = render_letters_pdf([letter(1, protected=True, name="Skyddad Person"), letter(2)], out)

    protected, normal = page_texts(out)[:2], page_texts(out)[2:]
    assert stats.pages_per_letter == [2, 2]
    assert "Skyddad Person" in protected[0]
    assert "SKV" in protected[0] and "Vidarebefordras av Skatteverket" in protected[0]
    for text in protected:
        assert "Exempelgatan" not in text
        assert set(POSTAL_CODE.findall(text)) <= {UNIT_POSTAL_CODE}  # only the unit's own address
    assert "Exempelgatan 12" in normal[0] and "553 21" in normal[0]
    assert "Skatteverket" not in normal[0]


def test_an_arabic_letter_is_right_to_left_with_a_font_that_has_arabic(tmp_path):
    out = tmp_path / "batch.pdf"
    render_letters_pdf([letter(1, language="ar", name="Amira Hassan")], out)

    reader = PdfReader(out)
    invitation, reply = (page.extract_text() for page in reader.pages)
    assert "أنت مدعو إلى محادثة صحية في مركزك الصحي" in invitation
    assert "رقمك المرجعي" in invitation and "RHS-2026-000001" in invitation
    assert "036-10 20 30" in invitation  # the phone number is not reordered by the right-to-left text
    assert "رسالة الرد" in reply and "ضع علامة على خيار واحد" in reply
    fonts = {str(font.get_object()["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("Arabic" in font for font in fonts), fonts


def test_chunks_are_joined_in_the_order_of_the_letters(tmp_path):
    out = tmp_path / "batch.pdf"
    letters = [letter(n, language=["sv", "en", "ar"][n % 3]) for n in range(1, 8)]
    stats = render_letters_pdf(letters, out, chunk_size=2)

    texts = page_texts(out)
    assert stats.pages_per_letter == [2] * 7
    for n in range(1, 8):
        assert f"RHS-2026-{n:06d}" in texts[2 * (n - 1)]
        assert f"RHS-2026-{n:06d}" in texts[2 * (n - 1) + 1]


def test_progress_is_reported_as_chunks_finish(tmp_path):
    calls = []
    render_letters_pdf([letter(n) for n in range(1, 6)], tmp_path / "a.pdf", chunk_size=2,
                       progress=lambda done, total: calls.append((done, total)))
    assert calls == [(2, 5), (4, 5), (5, 5)]

    calls.clear()
    render_letters_pdf((letter(n) for n in range(1, 4)), tmp_path / "b.pdf", chunk_size=2,
                       progress=lambda done, total: calls.append((done, total)))
    assert calls == [(2, None), (3, None)]  # a generator has no length


def test_a_bad_logo_does_not_break_the_batch(tmp_path, caplog):
    from PIL import Image

    good = tmp_path / "logo.png"
    Image.new("RGB", (400, 120), "black").save(good)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"this is not a PNG")
    out = tmp_path / "batch.pdf"

    stats = render_letters_pdf([
        letter(1, logo_path=str(tmp_path / "missing.png")),
        letter(2, logo_path=str(broken)),
        letter(3, logo_path=str(good)),
        letter(4, logo_path="relative/logo.png"),
    ], out)

    assert stats.pages_per_letter == [2, 2, 2, 2]
    reader = PdfReader(out)
    # The pages of a chunk share one resource dictionary: look at what each page draws.
    with_images = [number for number, page in enumerate(reader.pages) if b" Do" in page.get_contents().get_data()]
    assert with_images == [4]  # the third letter's invitation page
    assert "missing.png" in caplog.text and "broken.png" in caplog.text


def test_two_workers_give_the_same_pdf_pages_as_one(tmp_path):
    letters = [letter(n, language=["sv", "ar"][n % 2]) for n in range(1, 6)]
    one = render_letters_pdf(letters, tmp_path / "one.pdf", chunk_size=2)
    two = render_letters_pdf(letters, tmp_path / "two.pdf", chunk_size=2, workers=2)

    assert one.pages_per_letter == two.pages_per_letter == [2] * 5
    assert page_texts(tmp_path / "one.pdf") == page_texts(tmp_path / "two.pdf")


def _render_in_daemonic_process(out, connection):
    import multiprocessing

    try:
        stats = render_letters_pdf([letter(n) for n in range(1, 4)], out, chunk_size=1, workers=2)
        connection.send((multiprocessing.current_process().daemon, stats.pages_per_letter, None))
    except Exception as exc:  # reported to the test instead of dying silently in the child
        connection.send((None, None, repr(exc)))


def test_two_workers_run_inside_a_daemonic_process_like_a_celery_prefork_worker(tmp_path):
    """Celery's prefork pool runs tasks in daemonic processes, which multiprocessing forbids to have children."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    out = tmp_path / "batch.pdf"
    process = context.Process(target=_render_in_daemonic_process, args=(out, child), daemon=True)
    process.start()
    assert parent.poll(120), "the rendering process did not answer"
    daemonic, pages_per_letter, error = parent.recv()
    process.join(10)

    assert error is None
    assert daemonic is True
    assert pages_per_letter == [2, 2, 2]
    assert len(PdfReader(out).pages) == 6


def test_a_worker_that_dies_fails_the_batch_and_leaves_no_file(tmp_path, monkeypatch):
    from invitations.letters import render

    crash = tmp_path / "crash.py"
    crash.write_text("import sys\nsys.stderr.write('worker ran out of memory')\nsys.exit(9)\n")
    monkeypatch.setattr(render, "WORKER_SCRIPT", crash)
    out = tmp_path / "batch.pdf"

    with pytest.raises(LetterRenderError, match="exit code 9.*worker ran out of memory"):
        render_letters_pdf([letter(n) for n in range(1, 4)], out, chunk_size=1, workers=2)
    assert list(tmp_path.iterdir()) == [crash]


def test_a_failing_chunk_in_process_fails_the_batch_and_leaves_no_file(tmp_path, monkeypatch):
    from invitations.letters import worker

    def broken(html, pdf_path):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(worker, "render_chunk", broken)
    with pytest.raises(LetterRenderError, match="no fonts"):
        render_letters_pdf([letter(1)], tmp_path / "batch.pdf")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_batch_gives_a_valid_pdf_without_pages(tmp_path):
    stats = render_letters_pdf([], tmp_path / "empty.pdf")

    assert (stats.letters, stats.pages, stats.pages_per_letter) == (0, 0, [])
    assert len(PdfReader(tmp_path / "empty.pdf", strict=True).pages) == 0
