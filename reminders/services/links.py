"""The citizens' personal links for many participations at once (a fixed number of queries)."""

from __future__ import annotations

import datetime as dt
import secrets

from invitations.models import CitizenLink
from invitations.services.links import link_url


def link_urls_for(participation_ids, *, now: dt.datetime) -> dict[int, str]:
    """Each participation's current link URL; a link is created where there is none (as the invitation does)."""
    ids = set(participation_ids)
    current: dict[int, CitizenLink] = {}
    for link in CitizenLink.objects.filter(participation_id__in=ids, revoked_at__isnull=True).order_by(
        "created_at"
    ):
        current[link.participation_id] = link  # the newest wins
    missing = [
        CitizenLink(participation_id=pid, public_id=secrets.token_urlsafe(16), created_at=now)
        for pid in ids - set(current)
    ]
    for link in CitizenLink.objects.bulk_create(missing):
        current[link.participation_id] = link
    return {pid: link_url(link) for pid, link in current.items()}
