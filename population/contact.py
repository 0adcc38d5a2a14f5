"""Normalising contact data as Swedish lists write it."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

_PHONE_JUNK = re.compile(r"[\s\-()./]")


def normalise_phone(raw: str) -> str:
    """'070-174 06 05' → '+46701740605'. Empty stays empty. Raises ValueError with a reason."""
    value = _PHONE_JUNK.sub("", raw or "")
    if not value:
        return ""
    if value.startswith("00"):
        value = "+" + value[2:]
    elif value.startswith("0"):
        value = "+46" + value[1:]
    elif not value.startswith("+"):
        value = "+46" + value
    digits = value[1:]
    if not digits.isdigit() or not 7 <= len(digits) <= 15:
        raise ValueError(_("Not a phone number: %(value)s.") % {"value": raw})
    return value


def format_phone(value: str) -> str:
    """'+46701740605' → '070-174 06 05'; other countries stay as stored."""
    if not value.startswith("+46"):
        return value
    national = "0" + value[3:]
    if national.startswith("07") and len(national) == 10:
        return f"{national[:3]}-{national[3:6]} {national[6:8]} {national[8:]}"
    if len(national) >= 8:
        return f"{national[:3]}-{national[3:]}"
    return national


def normalise_postal_code(raw: str) -> str:
    value = (raw or "").replace(" ", "")
    if not value:
        return ""
    if not (len(value) == 5 and value.isdigit()):
        raise ValueError(_("A postal code has five digits: %(value)s.") % {"value": raw})
    return value


def format_postal_code(value: str) -> str:
    return f"{value[:3]} {value[3:]}" if len(value) == 5 else value


_EMAIL = re.compile(r"^[^@\s,;]{1,64}@[^@\s,;]+\.[^@\s,;.]{2,}$")


def normalise_email(raw: str) -> str:
    """Lower-cased; checked with a quick pattern first, Django's validator for anything unusual."""
    value = (raw or "").strip()
    if not value:
        return ""
    if not (_EMAIL.match(value) and value.isascii()):
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError(_("Not an e-mail address: %(value)s.") % {"value": raw}) from None
    return value.lower()
