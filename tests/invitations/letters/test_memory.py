"""Memory stays bounded: the letters are taken one chunk at a time and the output is written as it goes.

These tests check the structure (what is alive, what is written when), not
timings; the layout itself is replaced by blank pages so 300 letters take a
moment.
"""

from __future__ import annotations

import gc
import io
import weakref

from pypdf import PdfReader, PdfWriter

from invitations.letters import render_letters_pdf, worker
from invitations.letters.pdfjoin import PdfJoiner

from .factories import letter


def blank_pdf(path, pages: int) -> None:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    writer.write(path)


def test_300_letters_in_chunks_of_50_never_hold_more_than_one_chunk(tmp_path, monkeypatch):
    live: weakref.WeakSet = weakref.WeakSet()
    pulled = 0
    chunk_sizes: list[int] = []
    alive_while_rendering: list[int] = []
    alive_after_joining: list[int] = []
    taken_ahead: list[int] = []

    def letters():
        nonlocal pulled
        for number in range(1, 301):
            item = letter(number)
            live.add(item)
            pulled += 1
            yield item

    def render_chunk(html, pdf_path):
        count = html.count('id="letter-')
        chunk_sizes.append(count)
        gc.collect()
        alive_while_rendering.append(len(live))
        blank_pdf(pdf_path, 2 * count)
        return [2] * count

    def progress(done, total):
        gc.collect()
        alive_after_joining.append(len(live))
        taken_ahead.append(pulled - done)

    monkeypatch.setattr(worker, "render_chunk", render_chunk)
    stats = render_letters_pdf(letters(), tmp_path / "batch.pdf", chunk_size=50, progress=progress)

    assert stats.letters == 300 and stats.pages == 600
    assert chunk_sizes == [50] * 6  # one WeasyPrint document per 50 letters
    assert max(alive_while_rendering) <= 50 + 2  # this chunk (+ the letter each generator frame holds)
    assert max(alive_after_joining) <= 2  # a joined chunk's letters are gone
    assert max(taken_ahead) == 0  # the next chunk is taken from the iterable only when it is rendered
    assert len(PdfReader(tmp_path / "batch.pdf").pages) == 600


def test_the_joiner_writes_each_chunk_to_the_output_as_it_is_appended(tmp_path):
    out = io.BytesIO()
    joiner = PdfJoiner(out)
    sizes = []
    for number in range(3):
        path = tmp_path / f"chunk-{number}.pdf"
        blank_pdf(path, 4)
        assert joiner.append(path) == 4
        sizes.append(out.getbuffer().nbytes)
    joiner.close()

    assert sizes[0] > 0 and sizes[0] < sizes[1] < sizes[2]  # written as it goes, not at close()
    assert vars(joiner).keys() == {"_out", "_position", "_offsets", "_chunk_nodes", "_root_id", "_catalog_id",
                                   "_title", "pages"}  # offsets and counts only: no pages are kept
    assert len(PdfReader(io.BytesIO(out.getvalue()), strict=True).pages) == 12
