"""Moving a participation through PARTICIPATION_MACHINE for booking changes."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from invitations.models import PARTICIPATION_MACHINE, Participation, ParticipationState
from population.services.audit import Actor
from responses.rules import STAFF_BOOKABLE, WEB_BOOKABLE
from responses.services.errors import BookingError

_P = ParticipationState


def participation_lock(participation: Participation) -> Participation:
    """The participation row, locked until the transaction ends (one booking change at a time per person)."""
    return Participation.objects.select_for_update().select_related("person", "round__unit").get(
        pk=participation.pk
    )


def participation_to_booked(*, participation: Participation, actor: Actor, now: dt.datetime, web: bool) -> None:
    allowed = WEB_BOOKABLE if web else STAFF_BOOKABLE
    if participation.state not in allowed:
        if web:
            raise BookingError(_("Your health dialogue can no longer be booked here. Please call us."))
        raise BookingError(
            _("A time cannot be booked for a participation that is %(state)s.")
            % {"state": participation.get_state_display().lower()}
        )
    if participation.state == _P.BOOKED:
        return
    if participation.state == _P.SELECTED:
        PARTICIPATION_MACHINE.transition(
            participation, _P.INVITED, actor_name=actor.name, actor_user=actor.user, now=now,
            note=_("Invited on the phone when the time was booked"),
        )
    PARTICIPATION_MACHINE.transition(
        participation, _P.BOOKED, actor_name=actor.name, actor_user=actor.user, now=now, note=_("Time booked"),
    )


def participation_unbook(*, participation: Participation, actor: Actor, now: dt.datetime, note: str) -> None:
    """Back from booked to answered: the person still wants a dialogue but has no time now."""
    if participation.state == _P.BOOKED:
        PARTICIPATION_MACHINE.transition(
            participation, _P.ANSWERED, actor_name=actor.name, actor_user=actor.user, now=now, note=note
        )


def participation_to_visited(*, participation: Participation, actor: Actor, now: dt.datetime) -> None:
    if participation.state == _P.BOOKED:
        PARTICIPATION_MACHINE.transition(
            participation, _P.VISITED, actor_name=actor.name, actor_user=actor.user, now=now,
            note=_("Came to the health dialogue"),
        )
