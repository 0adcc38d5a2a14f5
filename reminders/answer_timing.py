"""The reminder breakdown: did people answer before any reminder, after the automatic one, after the manual one,
on the phone or by letter?

The answer time is the first
entry into answered (or later) or declined (`Participation.first_answered_at`,
stamped by the state machine), and it is compared with
the times of the outbox rows the person got since the selection
(`Participation.created_at`; the reminder templates' kinds tell the
automatic from the manual reminder) and of the phone and letter
contacts made before it. An answer staff recorded as taken on the phone or by letter
(`Participation.answer_channel`) counts as such; otherwise the latest
contact before the answer decides: a phone call after a manual reminder
counts as "by phone". The daily sweep task keeps the result on the participation
(`answer_timing`, see answer_timings_stamp) once the person has answered.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from invitations.models import (
    AnswerChannel,
    Contact,
    ContactKind,
    ContactReason,
    MessageTemplateVersion,
    Participation,
    TemplateKind,
)
from notifications.models import OutboxMessage

BEFORE_REMINDER = "before_reminder"
AFTER_AUTO = "after_auto_reminder"
AFTER_MANUAL = "after_manual_reminder"
BY_PHONE = "by_phone"
BY_LETTER = "by_letter"
NO_ANSWER = "no_answer"

LABELS = {
    BEFORE_REMINDER: _("Answered before any reminder"),
    AFTER_AUTO: _("Answered after the automatic reminder"),
    AFTER_MANUAL: _("Answered after the manual reminder"),
    BY_PHONE: _("Answered on the phone"),
    BY_LETTER: _("Answered by letter"),
    NO_ANSWER: _("No answer"),
}
# In the order of the timeline, for the table's rows.
ORDER = [BEFORE_REMINDER, AFTER_AUTO, AFTER_MANUAL, BY_PHONE, BY_LETTER, NO_ANSWER]


def _answered_at():
    """The time of the participation's first answer (in a subquery of the participations' query)."""
    return OuterRef("first_answered_at")


def _reminder_before_answer(template_kind: str):
    # A handful of versions: read once, so the database does not look them up again for each message.
    versions = list(MessageTemplateVersion.objects.filter(kind=template_kind).values_list("pk", flat=True))
    return Exists(
        OutboxMessage.objects.filter(
            person_id=OuterRef("person_id"), template_version_id__in=versions,
            created_at__gte=OuterRef("created_at"), created_at__lte=_answered_at(),
        )
    )


def _contact_before_answer(kind: str):
    return Exists(
        Contact.objects.filter(
            participation=OuterRef("pk"), kind=kind, created_at__lte=_answered_at(),
            reason__in=[ContactReason.INVITATION, ContactReason.NO_ANSWER],
        )
    )


def answer_timing_parts() -> list[tuple[Q, object]]:
    """One of ORDER per participation, as (condition, expression) parts that split the scope (Dimension.parts).

    The database groups plain columns for nearly everyone: three parts, one grouped query each: those who have not answered (one group), those whose timing is
    kept (the column: its few values are hashed), and the answers since the last stamping, worked out from
    the contacts and the outbox (found through a partial index: a day's answers at most).
    """
    return [
        (Q(first_answered_at__isnull=True), Value(NO_ANSWER, output_field=CharField())),
        (Q(first_answered_at__isnull=False) & ~Q(answer_timing=""), F("answer_timing")),
        (Q(first_answered_at__isnull=False, answer_timing=""), _timing_from_history()),
    ]


# After stamping this many, PostgreSQL's statistics of the column are refreshed at once: planned with the old
# ones (everyone unstamped) the breakdown's grouped query sorts a million rows instead of hashing six groups.
ANALYZE_AFTER = 1000


def answer_timings_stamp() -> int:
    """Keep the timing on every answered participation that has none yet; returns how many were stamped.

    Run after the daily sweep: what came before a first answer does not change afterwards, so the
    statistics read a column instead of searching the contacts and the outbox per participation.
    """
    stamped = Participation.objects.filter(first_answered_at__isnull=False, answer_timing="").update(
        answer_timing=_timing_from_history()
    )
    if stamped >= ANALYZE_AFTER and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'ANALYZE "{Participation._meta.db_table}"')
    return stamped


def _timing_from_history():
    """The timing of an answered participation, worked out from its contacts and the person's outbox."""
    return Case(
        # Recorded by staff with the channel it came through (the participation's latest answer).
        When(answer_channel=AnswerChannel.PHONE, then=Value(BY_PHONE)),
        When(answer_channel=AnswerChannel.LETTER, then=Value(BY_LETTER)),
        When(_contact_before_answer(ContactKind.PHONE), then=Value(BY_PHONE)),
        When(_contact_before_answer(ContactKind.LETTER), then=Value(BY_LETTER)),
        When(_reminder_before_answer(TemplateKind.REMINDER_MANUAL), then=Value(AFTER_MANUAL)),
        When(_reminder_before_answer(TemplateKind.REMINDER_AUTO), then=Value(AFTER_AUTO)),
        default=Value(BEFORE_REMINDER),
        output_field=CharField(),
    )
