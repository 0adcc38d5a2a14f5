"""The letter engine: printed invitations with a reply letter, as one PDF ready for the printer.

    from invitations.letters import Letter, LetterContent, LetterRecipient, LetterUnit, render_letters_pdf

    stats = render_letters_pdf(letters, Path("batch.pdf"), chunk_size=100, workers=2, progress=report)
    stats.pages_per_letter  # for the print manifest, in the order of `letters`

The engine reads no database: the caller builds the `Letter` objects (see
data.py). Decisions: docs/adr/0010-letter-pdfs.md.
"""

from .data import Letter, LetterContent, LetterRecipient, LetterUnit
from .render import LetterRenderError, RenderStats, render_letters_pdf

__all__ = [
    "Letter",
    "LetterContent",
    "LetterRecipient",
    "LetterRenderError",
    "LetterUnit",
    "RenderStats",
    "render_letters_pdf",
]
