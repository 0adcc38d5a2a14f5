"""What a printed letter holds: plain, immutable data, so the engine needs no database.

The invitations app builds these from its models (unit, person, rendered
template texts) and hands them to `render_letters_pdf`. Nothing here reads the
database; everything printed on a letter comes from these objects or from the
letter chrome in `labels.py`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

LANGUAGES = ("sv", "en", "ar")
RIGHT_TO_LEFT = frozenset({"ar"})


@dataclass(frozen=True)
class LetterUnit:
    """The care unit that sends the letter and receives the reply."""

    name: str
    street_address: str
    postal_code: str
    postal_town: str
    phone: str
    email: str
    signature: str
    logo_path: str | None  # absolute file path of the unit's logo, or None

    @property
    def address_lines(self) -> tuple[str, ...]:
        town = " ".join(part for part in (self.postal_code, self.postal_town) if part)
        return tuple(line for line in (self.name, self.street_address, town) if line)


@dataclass(frozen=True)
class LetterRecipient:
    name: str
    address_lines: tuple[str, ...] | None  # None = protected identity: no address printed anywhere

    @property
    def is_protected(self) -> bool:
        return self.address_lines is None


@dataclass(frozen=True)
class LetterContent:
    reference: str  # printed on both pages and in the manifest, e.g. "RHS-2026-000123"
    language: str  # "sv" | "en" | "ar" (Arabic right-to-left)
    date: datetime.date
    subject: str  # the invitation's heading
    body: str  # rendered text; paragraphs separated by blank lines
    reply_heading: str  # e.g. "Svarsbrev"
    reply_intro: str
    reply_options: tuple[str, ...]  # tick boxes on the reply letter
    reply_deadline: datetime.date | None
    link_url: str | None  # the personal link, printed for those who can use it

    def __post_init__(self):
        if self.language not in LANGUAGES:
            raise ValueError(f"Letter {self.reference}: language must be one of {', '.join(LANGUAGES)}, "
                             f"not {self.language!r}")
        if not self.reference.strip():
            raise ValueError("A letter needs a reference: staff match returned replies by it")

    @property
    def direction(self) -> str:
        return "rtl" if self.language in RIGHT_TO_LEFT else "ltr"


@dataclass(frozen=True)
class Letter:
    unit: LetterUnit
    recipient: LetterRecipient
    content: LetterContent
