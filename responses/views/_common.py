"""Small helpers the responses pages share."""

import datetime as dt

from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme


def back_to(request, default: str) -> str:
    """The `next` the form posted, when it is a page of this site; else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def by_day(slots) -> list[dict]:
    """Slots grouped by their Stockholm date, in order: [{"date": ..., "slots": [...]}]."""
    days: dict[dt.date, list] = {}
    for slot in slots:
        days.setdefault(timezone.localdate(slot.starts_at), []).append(slot)
    return [{"date": day, "slots": day_slots} for day, day_slots in days.items()]
