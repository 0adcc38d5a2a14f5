"""The access log's one writer (patientdatalagen: every access to a person is logged).

Every service that shows or changes a person's data takes an `Actor` and
records through `Auditor`. Celery jobs act as a named system actor; citizens
act as themselves through their personal link.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from population.models import AccessAction, AccessLogEntry, ActorKind, CareUnit, Person, StaffUser


@dataclass(frozen=True)
class Actor:
    kind: str
    name: str
    user: StaffUser | None = None
    unit: CareUnit | None = None
    person: Person | None = None  # the citizen, when a citizen acts

    @classmethod
    def staff(cls, user: StaffUser, unit: CareUnit | None = None) -> Actor:
        return cls(kind=ActorKind.STAFF, name=user.get_username(), user=user, unit=unit)

    @classmethod
    def system(cls, job: str, unit: CareUnit | None = None) -> Actor:
        return cls(kind=ActorKind.SYSTEM, name=job, unit=unit)

    @classmethod
    def citizen(cls, person: Person, unit: CareUnit | None = None) -> Actor:
        return cls(kind=ActorKind.CITIZEN, name="citizen", person=person, unit=unit or person.listed_unit)

    @classmethod
    def from_request(cls, request) -> Actor:
        staff = getattr(request, "staff", None)
        return cls.staff(request.user, staff.unit if staff else None)

    def with_unit(self, unit: CareUnit) -> Actor:
        return Actor(kind=self.kind, name=self.name, user=self.user, unit=unit, person=self.person)


def _object_ref(obj) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


class Auditor:
    """Writes access log rows for one actor."""

    def __init__(self, actor: Actor, *, now: datetime | None = None) -> None:
        if actor is None:
            raise ValueError("An access needs an actor.")
        self.actor = actor
        self.now = now

    def _row(self, *, action, person_id, object_type, object_id, detail, purpose, unit) -> AccessLogEntry:
        unit = unit or self.actor.unit
        return AccessLogEntry(
            at=self.now or timezone.now(),
            actor_kind=self.actor.kind,
            actor_user=self.actor.user,
            actor_name=self.actor.name[:150],
            unit=unit,
            person_id=person_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=detail[:300],
            purpose=purpose[:200],
        )

    def record(
        self,
        *,
        action: str,
        person: Person | None = None,
        obj=None,
        detail: str = "",
        purpose: str = "",
        unit: CareUnit | None = None,
    ) -> AccessLogEntry:
        object_type, object_id = _object_ref(obj if obj is not None else person)
        entry = self._row(
            action=action,
            person_id=person.pk if person is not None else None,
            object_type=object_type,
            object_id=object_id,
            detail=detail,
            purpose=purpose,
            unit=unit,
        )
        entry.save()
        return entry

    def record_many(
        self,
        *,
        action: str,
        person_ids: Iterable[int],
        object_type: str = "population.person",
        detail: str = "",
        purpose: str = "",
    ) -> int:
        rows = [
            self._row(
                action=action,
                person_id=pid,
                object_type=object_type,
                object_id=str(pid),
                detail=detail,
                purpose=purpose,
                unit=None,
            )
            for pid in person_ids
        ]
        AccessLogEntry.objects.bulk_create(rows)  # one INSERT (SQLite batches by itself)
        return len(rows)

    def view(self, person: Person, *, obj=None, detail: str = "", purpose: str = "") -> AccessLogEntry:
        return self.record(action=AccessAction.VIEW, person=person, obj=obj, detail=detail, purpose=purpose)

    def change(self, person: Person, *, obj=None, detail: str = "", purpose: str = "") -> AccessLogEntry:
        return self.record(action=AccessAction.CHANGE, person=person, obj=obj, detail=detail, purpose=purpose)


def command_actor(unit: CareUnit | None = None) -> Actor:
    """The actor for a command-line run: the operating-system user who ran it."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        who = "unknown"
    return Actor.system(f"command line ({who})", unit=unit)


# Patient data law: logs are kept at least five years.
ACCESS_LOG_MINIMUM_DAYS = 5 * 366


def access_log_purge(*, before: datetime, now: datetime) -> int:
    """Remove log rows older than `before` — the retention sweep's only way past the append-only guard.

    Refuses anything that would cut into the five years the law requires.
    """
    from datetime import timedelta

    from django.db import connection

    if before > now - timedelta(days=ACCESS_LOG_MINIMUM_DAYS):
        raise ValueError("The access log is kept at least five years.")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AccessLogEntry._meta.db_table} WHERE at < %s", [before])
        return cursor.rowcount
