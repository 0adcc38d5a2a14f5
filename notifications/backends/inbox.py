"""Where inbox messages live: the portal's own citizen inbox, or an external one (1177).

`InboxAdapter` is what a 1177 integration implements (ADR 0012): `publish`
hands the message over and returns the id the service gave it; when
`announces` is true the portal itself notifies the citizen by e-mail/SMS
(1177 sends its own notifications, so its adapter sets it false). Read
receipts come back through `notifications.services.message_mark_read`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from notifications.models import OutboxMessage


class InboxAdapter(Protocol):
    announces: bool

    def publish(self, message: OutboxMessage, *, now: dt.datetime) -> str: ...


class EmbeddedInbox:
    """The portal's own inbox: the outbox row is the message the citizen reads on their pages."""

    announces = True

    def publish(self, message: OutboxMessage, *, now: dt.datetime) -> str:
        return ""


def inbox_adapter() -> InboxAdapter:
    return import_string(settings.RHS_INBOX_ADAPTER)()
