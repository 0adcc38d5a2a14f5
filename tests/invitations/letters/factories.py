"""Letters for the engine's tests, built from domain arguments (no database)."""

from __future__ import annotations

import datetime as dt

from invitations.letters import Letter, LetterContent, LetterRecipient, LetterUnit

UNIT_POSTAL_CODE = "123 45"

TEXTS = {
    "sv": ("Inbjudan – Välkommen på hälsosamtal", "Hej!\n\nDu är välkommen till ett hälsosamtal.", "Svarsbrev",
           "Svara genom att kryssa i ett alternativ.", ("Ja, ring mig för att boka en tid", "Nej tack")),
    "en": ("Invitation – Welcome to a health dialogue", "Hello!\n\nYou are welcome to a health dialogue.",
           "Reply letter", "Reply by ticking one option.", ("Yes, call me to book a time", "No thank you")),
    "ar": ("دعوة – مرحبًا بك في محادثة صحية", "مرحبًا!\n\nأنت مدعو إلى محادثة صحية في مركزك الصحي.", "رسالة الرد",
           "ضع علامة على خيار واحد.", ("نعم، اتصلوا بي لتحديد موعد", "لا شكرًا")),
}


def letter_unit(*, logo_path: str | None = None, name: str = "Vårdcentralen Exempelby") -> LetterUnit:
    return LetterUnit(
        name=name, street_address="Storgatan 1", postal_code=UNIT_POSTAL_CODE, postal_town="Exempelby",
        phone="036-10 20 30", email="halsosamtal@example.com",
        signature="Med vänliga hälsningar\nSjuksköterskorna", logo_path=logo_path,
    )


def letter(
    number: int = 1,
    *,
    language: str = "sv",
    protected: bool = False,
    name: str | None = None,
    street: str = "Exempelgatan 12",
    postal: str = "553 21 Exempelby",
    body: str | None = None,
    link_url: str | None = "https://rhs.example.com/c/Tok3n",
    logo_path: str | None = None,
    unit: LetterUnit | None = None,
) -> Letter:
    subject, default_body, heading, intro, options = TEXTS.get(language, TEXTS["sv"])
    return Letter(
        unit=unit or letter_unit(logo_path=logo_path),
        recipient=LetterRecipient(
            name=name or f"Testperson {number}", address_lines=None if protected else (street, postal)
        ),
        content=LetterContent(
            reference=f"RHS-2026-{number:06d}", language=language, date=dt.date(2026, 3, 2), subject=subject,
            body=default_body if body is None else body, reply_heading=heading, reply_intro=intro,
            reply_options=options, reply_deadline=dt.date(2026, 3, 30), link_url=link_url,
        ),
    )
