"""One way to change a status: check the table, compare-and-set, append history.

Each state machine (a case's status, a participation's state, …) is a
`StateMachine` describing its model, status field, transition table and
history model. `transition()` moves one row; `bulk_transition()` moves every
row of a queryset set-based (for sweeps). Both update only rows that still
have the old status: zero rows updated means someone else got there first,
which `transition()` reports as `TransitionConflict`.

A machine may also keep a *progress* column: the rank of the furthest state
of its `progression` the row has ever entered (statistics count "reached
this step" from one integer instead of searching the history), and a
*first-entered* column: when the row first entered one of a set of states.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import models, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _


class TransitionNotAllowed(Exception):
    def __init__(self, from_status: str, to_status: str) -> None:
        super().__init__(f"{from_status} → {to_status} is not allowed")
        self.from_status = from_status
        self.to_status = to_status


class TransitionConflict(Exception):
    """The row changed under us (another user or worker handled it first)."""

    message = _("Someone else just handled this. The page shows the current state.")


@dataclass(frozen=True)
class StateMachine:
    model: type[models.Model]
    field: str
    table: dict[str, frozenset[str]]
    history_model: type[models.Model]
    history_fk: str  # the history model's FK field name pointing at `model`
    changed_at_field: str | None = None
    progress_field: str | None = None  # keeps the rank of the furthest state of `progression` entered
    progression: tuple[str, ...] = ()
    first_entered_field: str | None = None  # stamped the first time the row enters one of `first_entered_states`
    first_entered_states: frozenset[str] = frozenset()

    def rank(self, status: str) -> int | None:
        return self.progression.index(status) if status in self.progression else None

    def _derived_updates(self, to_status: str, now: datetime) -> dict:
        """The progress and first-entered columns' updates for a move into `to_status` (database expressions)."""
        updates = {}
        rank = self.rank(to_status)
        if self.progress_field and rank is not None:
            updates[self.progress_field] = Greatest(F(self.progress_field), Value(rank))
        if self.first_entered_field and to_status in self.first_entered_states:
            updates[self.first_entered_field] = Coalesce(F(self.first_entered_field), Value(now))
        return updates

    def _set_derived(self, obj: models.Model, to_status: str, now: datetime) -> None:
        """The same on the Python object that was moved."""
        rank = self.rank(to_status)
        if self.progress_field and rank is not None:
            setattr(obj, self.progress_field, max(getattr(obj, self.progress_field), rank))
        if self.first_entered_field and to_status in self.first_entered_states:
            setattr(obj, self.first_entered_field, getattr(obj, self.first_entered_field) or now)

    def allowed(self, from_status: str, to_status: str) -> bool:
        return to_status in self.table.get(from_status, frozenset())

    def _history(self, *, obj_id, from_status, to_status, actor_name, actor_user, now, note):
        return self.history_model(
            **{
                f"{self.history_fk}_id": obj_id,
                "from_status": from_status,
                "to_status": to_status,
                "at": now,
                "actor_name": actor_name[:150],
                "actor_user": actor_user,
                "note": note[:300],
            }
        )

    def transition(
        self,
        obj: models.Model,
        to_status: str,
        *,
        actor_name: str,
        actor_user=None,
        now: datetime,
        note: str = "",
        **updates,
    ) -> models.Model:
        """Move `obj` to `to_status`, or raise TransitionNotAllowed / TransitionConflict."""
        from_status = getattr(obj, self.field)
        if not self.allowed(from_status, to_status):
            raise TransitionNotAllowed(from_status, to_status)
        values = {self.field: to_status, **updates}
        if self.changed_at_field:
            values[self.changed_at_field] = now
        with transaction.atomic():
            count = (
                self.model.objects.filter(pk=obj.pk, **{self.field: from_status})
                .update(**values, **self._derived_updates(to_status, now))
            )
            if count == 0:
                raise TransitionConflict()
            self._history(
                obj_id=obj.pk, from_status=from_status, to_status=to_status, actor_name=actor_name,
                actor_user=actor_user, now=now, note=note,
            ).save()
        for name, value in values.items():
            setattr(obj, name, value)
        self._set_derived(obj, to_status, now)
        return obj

    def bulk_transition(
        self,
        queryset: models.QuerySet,
        to_status: str,
        *,
        actor_name: str,
        actor_user=None,
        now: datetime,
        note: str = "",
        **updates,
    ) -> list[int]:
        """Move every row of `queryset` whose status allows it; returns the ids moved."""
        moved: list[int] = []
        sources = [s for s, targets in self.table.items() if to_status in targets]
        values = {self.field: to_status, **updates}
        if self.changed_at_field:
            values[self.changed_at_field] = now
        with transaction.atomic():
            for from_status in sources:
                ids = list(
                    queryset.filter(**{self.field: from_status})
                    .select_for_update(skip_locked=True)
                    .values_list("pk", flat=True)
                )
                if not ids:
                    continue
                # Compare-and-set: a row another worker moved meanwhile is not touched.
                self.model.objects.filter(pk__in=ids, **{self.field: from_status}).update(
                    **values, **self._derived_updates(to_status, now)
                )
                self.history_model.objects.bulk_create(
                    [
                        self._history(
                            obj_id=pk, from_status=from_status, to_status=to_status, actor_name=actor_name,
                            actor_user=actor_user, now=now, note=note,
                        )
                        for pk in ids
                    ],
                    batch_size=None,  # one INSERT: a sweep's queries do not grow with its size
                )
                moved.extend(ids)
        return moved


class StatusHistory(models.Model):
    """Abstract append-only history row; concrete models add the FK to their subject."""

    from_status = models.CharField(_("from"), max_length=20)
    to_status = models.CharField(_("to"), max_length=20)
    at = models.DateTimeField(_("time"))
    actor_name = models.CharField(_("by"), max_length=150)
    actor_user = models.ForeignKey(
        "population.StaffUser", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]
