"""Participations at any point of the programme, with the history the statistics read."""

from __future__ import annotations

import datetime as dt

from invitations.models import ANSWER_STATES, PROGRESSION, ExitReason, ParticipationEvent, ParticipationState
from tests.factories import ParticipationFactory, PersonFactory

S = ParticipationState


def participation_at(round_, state: str, *, start: dt.datetime, exit_reason: str = "", via: list[str] | None = None,
                     days_per_step: int = 3, **person):
    """A participation that went through the progression up to `state` (or `via` then an exit state)."""
    p = ParticipationFactory(
        round=round_, person=PersonFactory(unit=round_.unit, year=round_.year, **person), state=state,
        exit_reason=exit_reason, state_changed_at=start,
    )
    path = via if via is not None else PROGRESSION[: PROGRESSION.index(state) + 1]
    if state not in PROGRESSION and via is None:
        path = [S.SELECTED]
    if state not in path:
        path = [*path, state]
    when = start
    previous = ""
    for step in path:
        ParticipationEvent.objects.create(
            participation=p, from_status=previous, to_status=step, at=when, actor_name="factory"
        )
        if step in ANSWER_STATES and p.first_answered_at is None:
            p.first_answered_at = when
        previous = step
        when += dt.timedelta(days=days_per_step)
    # What PARTICIPATION_MACHINE keeps as it moves a participation: the furthest step entered, the first answer.
    p.reached = max(PROGRESSION.index(step) for step in path if step in PROGRESSION)
    p.save(update_fields=["reached", "first_answered_at"])
    return p


def scenario(round_, start):
    """A hand-built round: 20 selected … with every exit."""
    made = []
    made += [participation_at(round_, S.SELECTED, start=start) for _ in range(2)]
    made += [participation_at(round_, S.INVITED, start=start) for _ in range(3)]
    made += [participation_at(round_, S.ANSWERED, start=start) for _ in range(2)]
    made += [participation_at(round_, S.BOOKED, start=start) for _ in range(2)]
    made += [participation_at(round_, S.VISITED, start=start) for _ in range(1)]
    made += [participation_at(round_, S.DOCUMENTED, start=start) for _ in range(4)]
    # Booked on the phone straight from invited: counts as answered too.
    made += [participation_at(round_, S.BOOKED, start=start, via=[S.SELECTED, S.INVITED, S.BOOKED])]
    made += [participation_at(round_, S.DECLINED, start=start, via=[S.SELECTED, S.INVITED, S.ANSWERED])
             for _ in range(2)]
    made += [participation_at(round_, S.NOT_REACHED, start=start, via=[S.SELECTED, S.INVITED])]
    made += [participation_at(round_, S.EXCLUDED, start=start, exit_reason=ExitReason.MOVED, via=[S.SELECTED])]
    made += [participation_at(round_, S.EXCLUDED, start=start, exit_reason=ExitReason.DECEASED,
                              via=[S.SELECTED, S.INVITED])]
    return made
