"""Handing a letter batch to the print shop, behind one interface.

A provider receives the batch's PDF and its manifest (one row per letter:
reference, pages, envelope, whether it goes through the tax agency's
forwarding) and returns a receipt the batch keeps. The default,
`FolderPrintProvider`, drops both files in RHS_PRINT_SHOP_DIR (a folder the
print shop collects from, e.g. over SFTP); a print shop's API is one more class.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

# A4 sheets folded once fit a C5 window envelope up to about six sheets; thicker letters go flat in C4.
C5_MAX_PAGES = 6


@dataclass(frozen=True)
class ManifestRow:
    reference: str
    pages: int
    envelope: str
    forwarding: bool  # protected identity: to the tax agency's forwarding, no address on the letter


def envelope_for(pages: int) -> str:
    return "C5" if pages <= C5_MAX_PAGES else "C4"


class PrintProvider(Protocol):
    def hand_over(self, *, batch_reference: str, pdf_path: Path, manifest: list[ManifestRow]) -> str: ...


def write_manifest(path: Path, manifest: list[ManifestRow]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["referens", "sidor", "kuvert", "vidarebefordran"])
        for row in manifest:
            writer.writerow([row.reference, row.pages, row.envelope, "ja" if row.forwarding else "nej"])


class FolderPrintProvider:
    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory or settings.RHS_PRINT_SHOP_DIR)

    def hand_over(self, *, batch_reference: str, pdf_path: Path, manifest: list[ManifestRow]) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        pdf_target = self.directory / f"{batch_reference}.pdf"
        partial = pdf_target.with_suffix(".pdf.part")
        shutil.copyfile(pdf_path, partial)
        partial.replace(pdf_target)  # the print shop never sees a half-written file
        manifest_target = self.directory / f"{batch_reference}.csv"
        partial = manifest_target.with_suffix(".csv.part")
        write_manifest(partial, manifest)
        partial.replace(manifest_target)
        return f"{pdf_target} + {batch_reference}.csv"


def print_provider() -> PrintProvider:
    return import_string(settings.RHS_PRINT_PROVIDER)()
