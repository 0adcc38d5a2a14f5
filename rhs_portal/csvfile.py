"""Reading CSV files as Swedish systems and Excel save them.

Semicolon or comma (or tab) separated, UTF-8 with or without a byte-order
mark, or Windows-1252. Header names are matched leniently (case, spaces,
dashes, å/ä/ö). Rows are streamed: memory does not grow with the file.
Used by every import (population lists, lab results, reference data).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from django.utils.translation import gettext as _

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", " ": "_", "-": "_", ".": "_"})


class CsvFileError(ValueError):
    """The file as a whole cannot be read; nothing is imported."""


@dataclass(frozen=True)
class RowError:
    """A row that cannot be imported: its line (the header is line 1), the column and why."""

    row: int
    column: str
    reason: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "reason": self.reason}


def fold_header(name: str) -> str:
    return name.strip().strip("\ufeff").lower().translate(_FOLD)


@dataclass
class CsvTable:
    """An opened CSV file: its columns and a stream of rows."""

    columns: list[str]  # canonical names, in file order (None for unknown ones)
    unknown_columns: list[str]
    encoding: str
    delimiter: str
    _binary: BinaryIO = field(repr=False)
    _known_index: list[tuple[int, str]] = field(repr=False, default_factory=list)

    @property
    def index(self) -> dict[str, int]:
        """Position of each known column in a record."""
        return {name: i for i, name in self._known_index}

    def rows(self) -> Iterator[tuple[int, dict[str, str] | None, str | None]]:
        """Yield (line number, stripped values by column, problem) for each data row."""
        known = self._known_index
        for line, record, problem in self.records():
            yield line, None if record is None else {name: record[i].strip() for i, name in known}, problem

    def records(self) -> Iterator[tuple[int, list[str] | None, str | None]]:
        """Yield (line number, raw record, problem) for each data row (values not stripped).

        The header is line 1. A row whose field count differs from the
        header's yields record None and the problem. Empty lines are skipped.
        """
        self._binary.seek(0)
        text = io.TextIOWrapper(self._binary, encoding=self.encoding, newline="", errors="strict")
        reader = csv.reader(text, delimiter=self.delimiter, strict=True)
        try:
            next(reader)  # header
            width = len(self.columns)
            line = reader.line_num
            for record in reader:
                start = line + 1
                line = reader.line_num
                if not record or (len(record) == 1 and not record[0].strip()):
                    continue
                if len(record) != width:
                    yield start, None, _("The row has %(got)d fields; the header has %(want)d.") % {
                        "got": len(record),
                        "want": width,
                    }
                    continue
                yield start, record, None
        except csv.Error as exc:
            raise CsvFileError(
                _("The file is not valid CSV near line %(line)d: %(error)s") % {"line": reader.line_num, "error": exc}
            ) from None
        except UnicodeDecodeError:
            raise CsvFileError(
                _("The file's characters cannot be read as %(encoding)s near line %(line)d.")
                % {"encoding": self.encoding, "line": reader.line_num + 1}
            ) from None
        finally:
            text.detach()


def _detect_encoding(binary: BinaryIO) -> str:
    binary.seek(0)
    head = binary.read(3)
    if head == codecs.BOM_UTF8:
        return "utf-8-sig"
    binary.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := binary.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    binary.seek(0)
    decoder = codecs.getincrementaldecoder("cp1252")()
    try:
        while chunk := binary.read(1 << 20):
            decoder.decode(chunk)
        return "cp1252"
    except UnicodeDecodeError:
        raise CsvFileError(
            _("The file's character encoding is not recognised: save it as UTF-8 or Windows-1252 (Excel's 'CSV').")
        ) from None


def _detect_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def open_csv(
    binary: BinaryIO,
    *,
    required: list[str],
    known: list[str],
    aliases: dict[str, str] | None = None,
) -> CsvTable:
    """Open a CSV file and check its header. Raises CsvFileError for a file that cannot be used."""
    aliases = aliases or {}
    encoding = _detect_encoding(binary)
    binary.seek(0)
    text = io.TextIOWrapper(binary, encoding=encoding, newline="")
    try:
        header_line = text.readline()
    finally:
        text.detach()
    if not header_line.strip():
        raise CsvFileError(_("The file is empty: the first line must name the columns."))
    delimiter = _detect_delimiter(header_line)
    try:
        header = next(csv.reader([header_line], delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise CsvFileError(_("The header line is not valid CSV: %(error)s") % {"error": exc}) from None
    columns: list[str] = []
    unknown: list[str] = []
    known_index: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, raw in enumerate(header):
        name = fold_header(raw)
        name = aliases.get(name, name)
        if name in known:
            if name in seen:
                raise CsvFileError(_("The column %(name)s appears twice in the header.") % {"name": raw.strip()})
            seen.add(name)
            known_index.append((i, name))
            columns.append(name)
        else:
            columns.append("")
            if raw.strip():
                unknown.append(raw.strip())
    missing = [c for c in required if c not in seen]
    if missing:
        raise CsvFileError(
            _("The file lacks the required column(s): %(columns)s. The first line must name the columns.")
            % {"columns": ", ".join(missing)}
        )
    return CsvTable(
        columns=columns,
        unknown_columns=unknown,
        encoding=encoding,
        delimiter=delimiter,
        _binary=binary,
        _known_index=known_index,
    )
