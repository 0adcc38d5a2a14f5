"""Joining chunk PDFs: every page, in order, with what it uses, in a valid file."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, FloatObject, NameObject

from invitations.letters.pdfjoin import PdfJoiner


def weasy_pdf(path, label: str, pages: int) -> None:
    from weasyprint import HTML

    body = "".join(f'<p style="break-after: page">{label} page {n} – å ä ö</p>' for n in range(1, pages + 1))
    HTML(string=f"<html><body>{body}</body></html>").write_pdf(path)


def test_pages_of_several_pdfs_are_joined_in_order_with_their_text(tmp_path):
    for label, pages in (("A", 2), ("B", 3), ("C", 1)):
        weasy_pdf(tmp_path / f"{label}.pdf", label, pages)
    out = tmp_path / "joined.pdf"
    with out.open("wb") as handle:
        joiner = PdfJoiner(handle, title="Letters")
        counts = [joiner.append(tmp_path / f"{label}.pdf") for label in "ABC"]
        joiner.close()

    reader = PdfReader(out, strict=True)
    assert counts == [2, 3, 1] and joiner.pages == 6
    texts = [page.extract_text().strip() for page in reader.pages]
    assert texts == ["A page 1 – å ä ö", "A page 2 – å ä ö", "B page 1 – å ä ö", "B page 2 – å ä ö",
                     "B page 3 – å ä ö", "C page 1 – å ä ö"]
    assert reader.metadata.title == "Letters"
    assert reader.metadata.producer == "RHS Portal"


def test_attributes_a_page_inherits_from_its_page_tree_are_kept(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(200, 300)
    page = writer.pages[0]
    del page[NameObject("/MediaBox")]
    writer._root_object["/Pages"][NameObject("/MediaBox")] = ArrayObject(
        [FloatObject(0), FloatObject(0), FloatObject(420), FloatObject(595)]
    )
    source = tmp_path / "inherited.pdf"
    writer.write(source)
    out = io.BytesIO()
    joiner = PdfJoiner(out)
    joiner.append(source)
    joiner.close()

    joined = PdfReader(io.BytesIO(out.getvalue())).pages[0]
    assert "/MediaBox" in joined  # on the page itself: its old parent is not copied
    assert (float(joined.mediabox.width), float(joined.mediabox.height)) == (420, 595)
