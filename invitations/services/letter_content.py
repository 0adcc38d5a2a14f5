"""What goes on each printed letter: built from the letter contact, the unit and the templates.

Produces the letter engine's plain data objects (`invitations.letters.data`),
one at a time, so a batch of 10,000 letters never holds them all in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

from invitations.answers import answer_labels
from invitations.letters.data import LANGUAGES, Letter, LetterContent, LetterRecipient, LetterUnit
from invitations.models import Letter as LetterRow
from invitations.models import TemplateKind
from invitations.services.links import link_for_participation, link_url
from invitations.services.recipients import message_context
from invitations.services.template_text import render_template_text
from invitations.services.templates import TemplateCache, normalise_language
from population.contact import format_phone, format_postal_code
from population.models import CareUnit, Person

# A letter takes a few days to arrive: the citizen gets three weeks from printing to answer.
LETTER_ANSWER_WITHIN = dt.timedelta(days=21)


def letter_unit(unit: CareUnit) -> LetterUnit:
    logo_path = None
    if unit.logo:
        try:
            logo_path = unit.logo.path
        except (ValueError, NotImplementedError):  # no file, or storage without local paths
            logo_path = None
    return LetterUnit(
        name=unit.name, street_address=unit.street_address, postal_code=format_postal_code(unit.postal_code),
        postal_town=unit.postal_town, phone=format_phone(unit.phone), email=unit.email,
        signature=unit.letter_signature, logo_path=logo_path,
    )


def letter_recipient(person: Person) -> LetterRecipient:
    if person.protected_identity:
        return LetterRecipient(name=person.full_name, address_lines=None)
    town = f"{format_postal_code(person.postal_code)} {person.postal_town}".strip()
    lines = tuple(line for line in (person.full_name, person.street_address, town) if line)
    return LetterRecipient(name=person.full_name, address_lines=lines)


def letter_language(person: Person) -> str:
    """The person's language when letters exist in it, else Swedish."""
    language = normalise_language(person.preferred_language)
    return language if language in LANGUAGES else "sv"


def build_letter(row: LetterRow, *, texts: TemplateCache, now: dt.datetime) -> tuple[Letter, int, int]:
    """The engine's letter for one row, and the template versions used (letter, reply letter)."""
    contact = row.contact
    participation = contact.participation
    person, unit = participation.person, texts.unit
    language = letter_language(person)
    url = link_url(link_for_participation(participation=participation, now=now))
    deadline = timezone.localdate(now + LETTER_ANSWER_WITHIN)
    context = message_context(person=person, unit=unit, language=language, link_url=url, deadline=deadline)
    letter_version = texts.version(TemplateKind.INVITATION_LETTER, language)
    reply_version = texts.version(TemplateKind.REPLY_LETTER, language)
    body = render_template_text(letter_version.body, context)
    if contact.message:
        body = f"{body}\n\n{contact.message}"
    content = LetterContent(
        reference=contact.reference, language=letter_version.language, date=timezone.localdate(now),
        subject=render_template_text(letter_version.subject, context), body=body,
        reply_heading=render_template_text(reply_version.subject, context),
        reply_intro=render_template_text(reply_version.body, context),
        reply_options=tuple(answer_labels(TemplateKind.INVITATION_PHONE, letter_version.language)),
        reply_deadline=deadline, link_url=url,
    )
    letter = Letter(unit=letter_unit(unit), recipient=letter_recipient(person), content=content)
    return letter, letter_version.pk, reply_version.pk


def letters_of_batch(rows, *, unit: CareUnit, now: dt.datetime, versions: dict) -> Iterator[Letter]:
    """The engine's letters for the rows, one at a time; `versions` collects row id → template versions."""
    texts = TemplateCache(unit)
    for row in rows:
        letter, letter_version, reply_version = build_letter(row, texts=texts, now=now)
        versions[row.pk] = (letter_version, reply_version, letter.content.language)
        yield letter

