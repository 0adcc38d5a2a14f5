"""Dates inside a sentence, as people read them: 'tisdag 10 mars', 'Tuesday 10 March'.

Django's Swedish weekday names start with a capital letter; inside a Swedish
sentence they are written in lower case.
"""

import datetime as dt

from django.utils import timezone, translation
from django.utils.formats import date_format

# Languages that write weekday names in lower case inside a sentence.
_LOWER_WEEKDAYS = {"sv"}


def day_in_text(value: dt.date | dt.datetime, *, with_time: bool = False, with_year: bool = False) -> str:
    """`value` (a datetime is shown in Stockholm time) as a weekday and date in the active language."""
    pattern = "l j F Y" if with_year else "l j F"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
        text = date_format(value, pattern) + (f" {value:%H:%M}" if with_time else "")
    else:
        text = date_format(value, pattern)
    if translation.get_language() in _LOWER_WEEKDAYS:
        text = text[:1].lower() + text[1:]
    return text
