from django import template

from rhs_portal.dates import day_in_text as _day_in_text

register = template.Library()


@register.filter
def day_in_text(value, with_time=False):
    """`{{ slot.starts_at|day_in_text }}` → 'tisdag 10 mars'; `|day_in_text:True` adds the time."""
    if not value:
        return ""
    return _day_in_text(value, with_time=bool(with_time))
