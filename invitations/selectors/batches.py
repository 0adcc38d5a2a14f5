"""Reads for sending: the batches a user may see, the recipient check table, and the preview per channel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from invitations.answers import answer_labels
from invitations.models import (
    CitizenLink,
    ExitReason,
    Route,
    SendBatch,
    SendBatchItem,
    TemplateKind,
)
from invitations.selectors.rounds import _unit_ids
from invitations.services.recipients import answer_deadline, message_context, recipient_for
from invitations.services.routing import FORWARDING, NO_ADDRESS, facts_for, route_person
from invitations.services.templates import template_languages, template_render, variant_language
from notifications.services import notice_preview
from population.models import CareUnit, StaffUser
from rhs_portal.roles import Capability


def batches_for_user(*, user: StaffUser, unit: CareUnit) -> QuerySet[SendBatch]:
    return SendBatch.objects.filter(unit__in=_unit_ids(user=user, unit=unit, capability=Capability.CASE_HANDLE))


def batch_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> SendBatch:
    return get_object_or_404(batches_for_user(user=user, unit=unit).select_related("round", "unit__region"), pk=pk)


def batches_of_round(*, user: StaffUser, unit: CareUnit, round_) -> QuerySet[SendBatch]:
    return batches_for_user(user=user, unit=unit).filter(round=round_).select_related("created_by", "sent_by")


@dataclass(frozen=True)
class CheckRow:
    item: SendBatchItem
    person: object
    personnummer_invalid: bool
    route: str
    route_label: str
    reason: str
    reason_label: str
    language: str

    @property
    def notification_missing(self) -> bool:
        return not self.person.notification


def _reason_label(route: str, reason: str) -> str:
    if route == Route.EXCLUDED:
        return str(ExitReason(reason).label)
    if reason == FORWARDING:
        return _("Via the tax agency's forwarding (no address)")
    if reason == NO_ADDRESS:
        return _("Address missing")
    return ""


def _sent_or_routed(item: SendBatchItem, unit_id: int) -> tuple[str, str, bool]:
    facts = facts_for(item.participation.person, unit_id=unit_id)
    if item.route:
        return item.route, item.route_reason, not facts.personnummer_valid
    routing = route_person(facts)
    return routing.route, routing.reason, not facts.personnummer_valid


def batch_check_rows(*, batch: SendBatch) -> list[CheckRow]:
    """Per person: what the staff tool would show, the channel the rule picks, and the language variant."""
    items = batch.items.select_related("participation__person").order_by("position")
    letter_kind = TemplateKind.INVITATION_LETTER
    languages = {
        Route.DIGITAL: template_languages(kind=batch.template_kind, unit=batch.unit),
        Route.LETTER: template_languages(kind=letter_kind, unit=batch.unit),
    }
    rows = []
    for item in items:
        person = item.participation.person
        route, reason, invalid = _sent_or_routed(item, batch.unit_id)
        available = languages.get(route)
        rows.append(CheckRow(
            item=item, person=person, personnummer_invalid=invalid, route=route,
            route_label=str(Route(route).label), reason=reason, reason_label=_reason_label(route, reason),
            language=variant_language(preferred=person.preferred_language, available=available) if available else "",
        ))
    return rows


@dataclass
class ChannelPreview:
    route: str
    label: str
    count: int
    example_name: str = ""
    parts: list[dict] = field(default_factory=list)  # {"title", "to", "subject", "body", "language"}
    options: list[str] = field(default_factory=list)


def _link_for_preview(participation) -> str:
    link = CitizenLink.objects.filter(participation=participation, revoked_at__isnull=True).first()
    if link is not None:
        from invitations.services.links import link_url

        return link_url(link)
    return settings.PUBLIC_BASE_URL.rstrip("/") + "/invanare/" + _("(personal link)") + "/"


def _render(kind, unit, person, link, now, language=None):
    language = language if language is not None else person.preferred_language
    return template_render(kind=kind, unit=unit, language=language, context=message_context(
        person=person, unit=unit, language=language or "sv", link_url=link, deadline=answer_deadline(now)))


def batch_preview(*, batch: SendBatch, rows: list[CheckRow], message: str, now: dt.datetime) -> list[ChannelPreview]:
    """Exactly what each channel will send, shown for the first person the channel reaches."""
    unit, text = batch.unit, message.strip()
    previews = []
    for route in (Route.DIGITAL, Route.PHONE, Route.LETTER, Route.EXCLUDED):
        reached = [r for r in rows if r.route == route]
        if not reached:
            continue
        first = reached[0]
        person, participation = first.person, first.item.participation
        preview = ChannelPreview(route=route, label=str(Route(route).label), count=len(reached),
                                 example_name=person.full_name)
        link = _link_for_preview(participation)
        if route == Route.DIGITAL:
            rendered = _render(batch.template_kind, unit, person, link, now)
            body = rendered.body + (f"\n\n{text}" if text else "")
            preview.parts.append({"title": _("Message in the inbox"), "subject": rendered.subject, "body": body,
                                  "language": rendered.language})
            preview.options = answer_labels(batch.template_kind, rendered.language)
            for medium, to, subject, notice in notice_preview(recipient=recipient_for(person), link_url=link):
                title = _("Notice by e-mail") if medium == "email" else _("Notice by SMS")
                preview.parts.append({"title": title, "to": to, "subject": subject, "body": notice,
                                      "language": recipient_for(person).language})
        elif route == Route.PHONE:
            script = _render(TemplateKind.PHONE_SCRIPT, unit, person, link, now, language="sv")
            preview.parts.append({"title": _("On the phone list, with the call guide"), "subject": script.subject,
                                  "body": script.body + (f"\n\n{text}" if text else ""), "language": "sv"})
        elif route == Route.LETTER:
            letter = _render(TemplateKind.INVITATION_LETTER, unit, person, link, now)
            reply = _render(TemplateKind.REPLY_LETTER, unit, person, link, now)
            preview.parts.append({"title": _("Letter (on the letter list, printed in a letter batch)"),
                                  "subject": letter.subject, "body": letter.body + (f"\n\n{text}" if text else ""),
                                  "language": letter.language})
            preview.parts.append({"title": _("Reply letter"), "subject": reply.subject, "body": reply.body,
                                  "language": reply.language})
            preview.options = answer_labels(TemplateKind.INVITATION_PHONE, reply.language)
        previews.append(preview)
    return previews
