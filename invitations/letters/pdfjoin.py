"""Join PDF files page by page into one output file, writing as it goes.

pypdf's `PdfWriter` keeps every page of the result in memory until `write()`;
a batch of 10,000 letters would hold them all. `PdfJoiner` instead copies each
input's pages — and the fonts, images and content streams they use — straight
to the output with new object numbers, and keeps only the byte offsets of the
objects written and the page numbers of the current input. At `close()` it
writes the page tree (one node per input file under the root), the catalogue,
the cross-reference table and the trailer.

The inputs are our own chunk PDFs (WeasyPrint output): only what the pages
reach is copied; document-level parts (outlines, named destinations,
metadata) are not.
"""

from __future__ import annotations

from collections import deque
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
_PARENT = NameObject("/Parent")
_LENGTH = NameObject("/Length")
_INHERITABLE = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


class PdfJoiner:
    def __init__(self, out: BinaryIO, *, title: str = ""):
        self._out = out
        self._position = 0
        self._offsets: list[int] = [0]  # by object number; object 0 is the head of the free list
        self._chunk_nodes: list[tuple[int, int]] = []  # (page-tree node, pages under it) per input
        self._root_id = self._reserve()
        self._catalog_id = self._reserve()
        self._title = title
        self.pages = 0
        self._write(HEADER)

    def append(self, path: Path) -> int:
        """Copy every page of the PDF at `path` to the output; return how many pages it had."""
        reader = PdfReader(path)
        node_id = self._reserve()
        mapping: dict[tuple[int, int], int] = {}
        pending: deque[IndirectObject] = deque()

        def renumber(ref: IndirectObject) -> IndirectObject:
            key = (ref.idnum, ref.generation)
            if key not in mapping:
                mapping[key] = self._reserve()
                pending.append(ref)
            return IndirectObject(mapping[key], 0, None)

        kids = ArrayObject()
        for page in reader.pages:
            page_id = self._reserve()
            if page.indirect_reference is not None:
                mapping[(page.indirect_reference.idnum, page.indirect_reference.generation)] = page_id
            copy = DictionaryObject()
            for key, value in dict.items(page):
                if key != _PARENT:
                    copy[NameObject(key)] = _renumbered(value, renumber)
            for key, value in _inherited(page, copy):
                copy[NameObject(key)] = _renumbered(value, renumber)
            copy[_PARENT] = IndirectObject(node_id, 0, None)
            self._write_object(page_id, copy)
            kids.append(IndirectObject(page_id, 0, None))
        while pending:
            ref = pending.popleft()
            target = mapping[(ref.idnum, ref.generation)]
            obj = reader.get_object(ref)
            self._write_object(target, NullObject() if obj is None else _renumbered(obj, renumber))
        node = DictionaryObject({
            NameObject("/Type"): NameObject("/Pages"),
            _PARENT: IndirectObject(self._root_id, 0, None),
            NameObject("/Kids"): kids,
            NameObject("/Count"): NumberObject(len(kids)),
        })
        self._write_object(node_id, node)
        self._chunk_nodes.append((node_id, len(kids)))
        self.pages += len(kids)
        return len(kids)

    def close(self) -> None:
        """Write the page tree, catalogue, cross-reference table and trailer."""
        root = DictionaryObject({
            NameObject("/Type"): NameObject("/Pages"),
            NameObject("/Kids"): ArrayObject(IndirectObject(node, 0, None) for node, _count in self._chunk_nodes),
            NameObject("/Count"): NumberObject(self.pages),
        })
        self._write_object(self._root_id, root)
        self._write_object(self._catalog_id, DictionaryObject({
            NameObject("/Type"): NameObject("/Catalog"),
            NameObject("/Pages"): IndirectObject(self._root_id, 0, None),
        }))
        info_id = self._reserve()
        info = DictionaryObject({NameObject("/Producer"): TextStringObject("RHS Portal")})
        if self._title:
            info[NameObject("/Title")] = TextStringObject(self._title)
        self._write_object(info_id, info)
        xref_at = self._position
        lines = [f"xref\n0 {len(self._offsets)}\n".encode(), b"0000000000 65535 f \n"]
        lines += [f"{offset:010d} 00000 n \n".encode() for offset in self._offsets[1:]]
        self._write(b"".join(lines))
        self._write(
            f"trailer\n<< /Size {len(self._offsets)} /Root {self._catalog_id} 0 R /Info {info_id} 0 R >>\n"
            f"startxref\n{xref_at}\n%%EOF\n".encode()
        )

    def _reserve(self) -> int:
        self._offsets.append(-1)
        return len(self._offsets) - 1

    def _write_object(self, number: int, obj: PdfObject) -> None:
        buffer = BytesIO()
        buffer.write(f"{number} 0 obj\n".encode())
        obj.write_to_stream(buffer)
        buffer.write(b"\nendobj\n")
        self._offsets[number] = self._position
        self._write(buffer.getvalue())

    def _write(self, data: bytes) -> None:
        self._out.write(data)
        self._position += len(data)


def _inherited(page: DictionaryObject, present) -> list[tuple[str, object]]:
    """Attributes the page takes from its ancestors in the input's page tree, which it leaves behind."""
    found = []
    for key in _INHERITABLE:
        node, depth = page.get(_PARENT), 0
        while key not in present and node is not None and depth < 64:
            if key in node:
                found.append((key, dict.__getitem__(node, key)))
                break
            node, depth = node.get(_PARENT), depth + 1
    return found


def _renumbered(obj, renumber):
    """A copy of `obj` whose references point at the output's object numbers."""
    if isinstance(obj, IndirectObject):
        return renumber(obj)
    if isinstance(obj, StreamObject):
        copy = obj.__class__()
        copy._data = obj._data
        for key, value in dict.items(obj):
            if key != _LENGTH:  # written from the data by StreamObject.write_to_stream
                copy[NameObject(key)] = _renumbered(value, renumber)
        return copy
    if isinstance(obj, DictionaryObject):
        return DictionaryObject({NameObject(key): _renumbered(value, renumber) for key, value in dict.items(obj)})
    if isinstance(obj, ArrayObject):
        return ArrayObject(_renumbered(value, renumber) for value in list.__iter__(obj))
    return obj
