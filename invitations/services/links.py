"""The citizen's personal link: create, resolve, revoke.

A link names one participation. Its URL token is the link's random public id
signed with the site's secret; it stops working when staff revoke it, or when
the participation has been closed for longer than LINK_VALID_AFTER_CLOSE.
Repeated failed identity checks lock it for a while.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from invitations.models import OPEN_STATES, CitizenLink, Participation
from population.models import AccessAction
from population.services.audit import Actor, Auditor

SALT = "rhs.citizen-link"
LINK_VALID_AFTER_CLOSE = dt.timedelta(days=30)
MAX_FAILED_CHECKS = 5
LOCK_TIME = dt.timedelta(minutes=30)


class LinkProblem(Exception):
    """Why a link does not open: 'invalid', 'revoked' or 'expired' (the page says so plainly)."""

    def __init__(self, reason: str, link: CitizenLink | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.link = link


@dataclass(frozen=True)
class ResolvedLink:
    link: CitizenLink
    participation: Participation


def link_token(link: CitizenLink) -> str:
    return signing.Signer(salt=SALT).sign(link.public_id)


def link_url(link: CitizenLink) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("citizen:home", kwargs={"token": link_token(link)})


def link_for_participation(*, participation: Participation, now: dt.datetime | None = None) -> CitizenLink:
    """The participation's current (unrevoked) link, created when there is none."""
    now = now or timezone.now()
    with transaction.atomic():
        Participation.objects.select_for_update().filter(pk=participation.pk).first()
        link = participation.links.filter(revoked_at__isnull=True).order_by("-created_at").first()
        if link is None:
            link = CitizenLink.objects.create(
                participation=participation, public_id=secrets.token_urlsafe(16), created_at=now
            )
    return link


def link_revoke(*, link: CitizenLink, actor: Actor, now: dt.datetime | None = None) -> CitizenLink:
    now = now or timezone.now()
    CitizenLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=now, revoked_by=actor.user)
    link.refresh_from_db()
    Auditor(actor, now=now).record(
        action=AccessAction.CHANGE, person=link.participation.person, obj=link, detail="personal link revoked"
    )
    return link


def link_is_expired(participation: Participation, now: dt.datetime) -> bool:
    if participation.state in OPEN_STATES:
        return False
    return participation.state_changed_at + LINK_VALID_AFTER_CLOSE < now


def link_resolve(token: str, *, now: dt.datetime | None = None) -> ResolvedLink:
    """The link and participation a token names, or LinkProblem."""
    now = now or timezone.now()
    try:
        public_id = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        raise LinkProblem("invalid") from None
    link = (
        CitizenLink.objects.select_related("participation__person", "participation__round__unit__region")
        .filter(public_id=public_id)
        .first()
    )
    if link is None:
        raise LinkProblem("invalid")
    if link.revoked_at is not None:
        raise LinkProblem("revoked", link)
    if link_is_expired(link.participation, now):
        raise LinkProblem("expired", link)
    return ResolvedLink(link=link, participation=link.participation)


def link_is_locked(link: CitizenLink, now: dt.datetime) -> bool:
    return link.locked_until is not None and link.locked_until > now


def link_record_check(*, link: CitizenLink, success: bool, now: dt.datetime | None = None) -> CitizenLink:
    """Count a failed identity check (locking the link after MAX_FAILED_CHECKS) or reset on success."""
    now = now or timezone.now()
    if success:
        CitizenLink.objects.filter(pk=link.pk).update(failed_checks=0, locked_until=None, last_used_at=now)
    else:
        failed = link.failed_checks + 1
        locked_until = now + LOCK_TIME if failed >= MAX_FAILED_CHECKS else None
        CitizenLink.objects.filter(pk=link.pk).update(
            failed_checks=0 if locked_until else failed, locked_until=locked_until
        )
    link.refresh_from_db()
    return link
