"""Dates inside a sentence, as citizens read them ('tisdag 10 mars', 'Tuesday 10 March')."""

import datetime as dt

from django.utils import timezone, translation
from django.utils.formats import date_format

# Languages that write weekday names in lower case inside a sentence.
_LOWER_WEEKDAYS = {"sv"}


def day_in_text(value: dt.date | dt.datetime, with_time: bool = False) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
        text = date_format(value, "l j F") + (f" {value:%H:%M}" if with_time else "")
    else:
        text = date_format(value, "l j F")
    if translation.get_language() in _LOWER_WEEKDAYS:
        text = text[:1].lower() + text[1:]
    return text
