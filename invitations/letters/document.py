"""Letters → HTML for WeasyPrint: one document per chunk, from one Django template.

Each letter is a `<section id="letter-N">` (the invitation, which may run over
several pages) followed by its reply letter; every section starts a page. The
`letter-N` anchors let the renderer count each letter's pages in the laid-out
document (see `worker.pages_per_letter`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string

from .data import Letter
from .labels import POSTAL, labels_for

logger = logging.getLogger(__name__)

TEMPLATE = "invitations/letters/letters.html"
ANCHOR_PREFIX = "letter-"
# A logo is printed at most 60 × 18 mm: 800 × 240 px is over 300 dpi there. Larger files are scaled
# down once per batch, so every chunk's PDF embeds a small copy instead of the original.
LOGO_MAX_PX = (800, 240)
LOGO_MAX_BYTES = 5 * 1024 * 1024


class LogoStore:
    """Checks and prepares each unit logo once per batch; a logo that cannot be used prints no logo.

    A missing, unreadable or broken file must not stop a batch of letters: the
    letter is printed with the unit's name only and the problem is logged.
    """

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self._urls: dict[str, str | None] = {}

    def url(self, path: str | None) -> str | None:
        if not path:
            return None
        if path not in self._urls:
            self._urls[path] = self._prepare(path)
        return self._urls[path]

    def _prepare(self, path: str) -> str | None:
        source = Path(path)
        try:
            if not source.is_absolute() or not source.is_file():
                raise OSError("not an absolute path to a file")
            if source.stat().st_size > LOGO_MAX_BYTES:
                raise OSError(f"larger than {LOGO_MAX_BYTES // (1024 * 1024)} MB")
            if source.suffix.lower() == ".svg":
                return self._prepare_svg(source)
            return self._prepare_raster(source)
        except Exception as exc:  # any broken logo degrades to "no logo"
            logger.warning("Letter logo %s cannot be used (%s); printing the letters without it", path, exc)
            return None

    def _prepare_svg(self, source: Path) -> str:
        import xml.etree.ElementTree as ET

        root = ET.parse(source).getroot()  # the unit's own file; only checked to be an SVG
        if not root.tag.endswith("svg"):
            raise ValueError("not an SVG image")
        return source.as_uri()

    def _prepare_raster(self, source: Path) -> str:
        from PIL import Image

        with Image.open(source) as image:
            image.load()
            if image.mode not in ("RGB", "RGBA", "L", "LA"):
                image = image.convert("RGBA")
            image.thumbnail(LOGO_MAX_PX)
            target = self.workdir / f"logo-{len(self._urls)}.png"
            image.save(target, format="PNG", optimize=True)
        return target.as_uri()


@dataclass(frozen=True)
class _Item:
    index: int
    letter: Letter
    labels: dict[str, str]
    logo_url: str | None
    return_line: str
    ltr: dict[str, str]  # numbers, dates, references, addresses: kept left-to-right inside Arabic text


LTR_ISOLATE, POP_ISOLATE = "\u2066", "\u2069"


def _ltr_texts(letter: Letter) -> dict[str, str]:
    """Dates in ISO form (as Swedish letters write them), and the other left-to-right runs of a letter.

    In a right-to-left letter each is wrapped in Unicode directional isolates,
    so "036-12 34 56" is not reordered into "56 34 12-036" by the bidi algorithm.
    """
    content, unit = letter.content, letter.unit
    texts = {
        "date": content.date.isoformat(),
        "deadline": content.reply_deadline.isoformat() if content.reply_deadline else "",
        "reference": content.reference,
        "phone": unit.phone,
        "email": unit.email,
    }
    if content.direction == "rtl":
        texts = {key: f"{LTR_ISOLATE}{value}{POP_ISOLATE}" if value else "" for key, value in texts.items()}
    return texts


def letters_html(letters: Sequence[Letter], *, logos: LogoStore, start: int = 0, title: str = "") -> str:
    """One HTML document with `letters`, numbered from `start` (their position in the batch)."""
    items = [
        _Item(
            index=start + offset,
            letter=letter,
            labels=labels_for(letter.content.language),
            logo_url=logos.url(letter.unit.logo_path),
            return_line=", ".join(letter.unit.address_lines),
            ltr=_ltr_texts(letter),
        )
        for offset, letter in enumerate(letters)
    ]
    return render_to_string(TEMPLATE, {"letters": items, "postal": POSTAL, "title": title})
