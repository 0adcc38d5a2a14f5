"""The region's contact timings (the manual's defaults when the region has none)."""

from __future__ import annotations

from invitations.models import DEFAULT_TIMINGS, ContactTimings


def contact_timings(region_id: int) -> ContactTimings:
    """The region's row, or an unsaved row with the defaults."""
    found = ContactTimings.objects.filter(region_id=region_id).first()
    return found if found is not None else ContactTimings(region_id=region_id, **DEFAULT_TIMINGS)


def contact_timings_by_region() -> dict[int, ContactTimings]:
    """Every region's saved row, for the sweep (regions without a row use `contact_timings`)."""
    return {t.region_id: t for t in ContactTimings.objects.all()}
