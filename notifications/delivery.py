"""One delivery attempt: hand the message to its channel's backend, announce inbox messages.

Each e-mail or SMS that goes out is a `Dispatch` row (unique per message and
medium), so a retried attempt never sends a medium twice.
"""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext as _

from notifications.backends import PermanentDeliveryError
from notifications.backends.copies import write_copy
from notifications.backends.email import send_email
from notifications.backends.inbox import inbox_adapter
from notifications.backends.sms import sms_backend
from notifications.models import Channel, Dispatch, Medium, NotifyBy, OutboxMessage

ANNOUNCE_BY = {
    NotifyBy.EMAIL: (Medium.EMAIL,),
    NotifyBy.SMS: (Medium.SMS,),
    NotifyBy.EMAIL_SMS: (Medium.EMAIL, Medium.SMS),
    NotifyBy.MISSING: (),
}


def deliver(message: OutboxMessage, *, now: dt.datetime) -> None:
    if message.channel == Channel.INBOX:
        adapter = inbox_adapter()
        external_id = adapter.publish(message, now=now)
        if external_id and external_id != message.external_id:
            OutboxMessage.objects.filter(pk=message.pk).update(external_id=external_id[:100])
            message.external_id = external_id
        if adapter.announces:
            announce(message, now=now)
    elif message.channel == Channel.EMAIL:
        if not message.recipient_email:
            raise PermanentDeliveryError("no e-mail address")
        dispatch(message, Medium.EMAIL, message.recipient_email, message.subject, message.body, now=now)
    elif message.channel == Channel.SMS:
        if not message.recipient_phone:
            raise PermanentDeliveryError("no mobile number")
        dispatch(message, Medium.SMS, message.recipient_phone, "", message.body, now=now)
    else:
        raise PermanentDeliveryError(f"unknown channel {message.channel}")


def announcement(*, medium: str, name: str, link_url: str, language: str) -> tuple[str, str]:
    """The notice of a new inbox message: no health content, only the link (as 1177's notices)."""
    with translation.override(language or "sv"):
        if medium == Medium.SMS:
            return "", _("You have a new message from your care unit. Read it here: %(link)s") % {"link": link_url}
        subject = _("You have a new message from your care unit")
        text = _(
            "Hello %(name)s,\n\nYou have a new message from your care unit. Read it and answer here:\n%(link)s\n\n"
            "To protect your information you confirm who you are before the message is shown.\n"
            "This e-mail cannot be answered."
        ) % {"name": name, "link": link_url}
        return subject, text


def announcements(*, notify_by: str, email: str, phone: str, name: str, link_url: str,
                  language: str) -> list[tuple[str, str, str, str]]:
    """(medium, address, subject, text) of each notice an inbox message gets."""
    addresses = {Medium.EMAIL: email, Medium.SMS: phone}
    notices = []
    for medium in ANNOUNCE_BY.get(notify_by, ()):
        if addresses[medium]:  # a medium without an address is skipped: the inbox still has the message
            subject, text = announcement(medium=medium, name=name, link_url=link_url, language=language)
            notices.append((medium, addresses[medium], subject, text))
    return notices


def announce(message: OutboxMessage, *, now: dt.datetime) -> None:
    for medium, address, subject, text in announcements(
        notify_by=message.notify_by, email=message.recipient_email, phone=message.recipient_phone,
        name=message.recipient_name, link_url=message.link_url, language=message.language,
    ):
        dispatch(message, medium, address, subject, text, now=now)


def dispatch(message: OutboxMessage, medium: str, address: str, subject: str, text: str, *, now: dt.datetime) -> None:
    if Dispatch.objects.filter(message=message, medium=medium).exists():
        return  # sent by an earlier attempt
    if medium == Medium.EMAIL:
        send_email(to=address, subject=subject, text=text)
    else:
        sms_backend().send(to=address, text=text)
    copy = write_copy(message_id=message.pk, medium=medium, address=address, subject=subject, text=text, now=now)
    Dispatch.objects.create(
        message=message, medium=medium, address=address, subject=subject[:200], text=text, sent_at=now,
        copy_path=copy,
    )
