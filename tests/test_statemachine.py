"""The participation state machine: every allowed and every refused transition, compare-and-set."""

import datetime as dt

import pytest

from invitations.models import PARTICIPATION_MACHINE, PROGRESSION, Participation, ParticipationState
from rhs_portal.statemachine import TransitionConflict, TransitionNotAllowed
from tests.factories import ParticipationFactory

pytestmark = pytest.mark.django_db
S = ParticipationState
ALL = [(a, b) for a in S.values for b in S.values if a != b]


@pytest.mark.parametrize("from_state, to_state", ALL)
def test_transition_follows_the_table(from_state, to_state, now):
    participation = ParticipationFactory(state=from_state)
    if PARTICIPATION_MACHINE.allowed(from_state, to_state):
        PARTICIPATION_MACHINE.transition(participation, to_state, actor_name="test", now=now)
        participation.refresh_from_db()
        assert participation.state == to_state
        assert participation.state_changed_at == now
        event = participation.events.get()
        assert (event.from_status, event.to_status, event.actor_name) == (from_state, to_state, "test")
    else:
        with pytest.raises(TransitionNotAllowed):
            PARTICIPATION_MACHINE.transition(participation, to_state, actor_name="test", now=now)
        participation.refresh_from_db()
        assert participation.state == from_state
        assert not participation.events.exists()


def test_a_stale_object_loses_to_whoever_changed_the_row_first(now):
    participation = ParticipationFactory(state=S.INVITED)
    stale = Participation.objects.get(pk=participation.pk)
    PARTICIPATION_MACHINE.transition(participation, S.ANSWERED, actor_name="first", now=now)
    with pytest.raises(TransitionConflict):
        PARTICIPATION_MACHINE.transition(stale, S.DECLINED, actor_name="second", now=now)
    assert Participation.objects.get(pk=participation.pk).state == S.ANSWERED
    assert participation.events.count() == 1


def test_bulk_transition_moves_only_rows_whose_state_allows_it(now):
    movable = [ParticipationFactory(state=S.SELECTED), ParticipationFactory(state=S.INVITED)]
    done = ParticipationFactory(state=S.DOCUMENTED)
    moved = PARTICIPATION_MACHINE.bulk_transition(
        Participation.objects.all(), S.EXCLUDED, actor_name="sweep", now=now, exit_reason="moved"
    )
    assert sorted(moved) == sorted(p.pk for p in movable)
    done.refresh_from_db()
    assert done.state == S.DOCUMENTED
    assert set(Participation.objects.filter(pk__in=moved).values_list("exit_reason", flat=True)) == {"moved"}


def test_the_furthest_step_entered_is_kept_and_never_goes_back(now):
    participation = ParticipationFactory(state=S.SELECTED)
    assert participation.reached == 0
    expected = {S.INVITED: 1, S.BOOKED: 3, S.ANSWERED: 3, S.DECLINED: 3}  # a booking cancelled, then a decline
    for day, (state, rank) in enumerate(expected.items()):
        PARTICIPATION_MACHINE.transition(participation, state, actor_name="test", now=now + dt.timedelta(days=day))
        assert participation.reached == rank
    participation.refresh_from_db()
    assert participation.reached == PROGRESSION.index(S.BOOKED)
    # The first answer (here the booking, on day 1) is stamped once: the later moves keep it.
    assert participation.first_answered_at == now + dt.timedelta(days=1)


def test_a_bulk_transition_raises_the_furthest_step_of_the_rows_it_moves(now):
    selected = ParticipationFactory.create_batch(2, state=S.SELECTED)
    booked = ParticipationFactory(state=S.BOOKED, reached=PROGRESSION.index(S.BOOKED))
    PARTICIPATION_MACHINE.bulk_transition(
        Participation.objects.filter(pk__in=[selected[0].pk, booked.pk]), S.INVITED, actor_name="test", now=now
    )
    reached = dict(Participation.objects.values_list("pk", "reached"))
    # invited from selected; booked → invited is not in the table, so the booked row keeps its state and rank
    assert reached == {selected[0].pk: 1, selected[1].pk: 0, booked.pk: 3}


def test_the_migration_fills_the_furthest_step_from_the_history(now):
    from importlib import import_module

    from django.db import connection

    from invitations.models import ParticipationEvent

    participation = ParticipationFactory(state=S.DECLINED)
    for step in (S.SELECTED, S.INVITED, S.ANSWERED, S.DECLINED):
        ParticipationEvent.objects.create(participation=participation, from_status="", to_status=step, at=now,
                                          actor_name="history")
    untouched = ParticipationFactory(state=S.SELECTED)
    backfill = import_module("invitations.migrations.0010_participation_reached").BACKFILL
    with connection.cursor() as cursor:
        cursor.execute(backfill)
    assert dict(Participation.objects.values_list("pk", "reached")) == {participation.pk: 2, untouched.pk: 0}


def test_the_migration_fills_the_channel_and_the_first_answer_from_batches_and_history(now):
    from importlib import import_module

    from django.db import connection

    from invitations.models import ParticipationEvent, SendBatch, SendBatchItem

    participation = ParticipationFactory(state=S.DECLINED)
    for day, step in enumerate((S.SELECTED, S.INVITED, S.ANSWERED, S.DECLINED)):
        ParticipationEvent.objects.create(participation=participation, from_status="", to_status=step,
                                          at=now + dt.timedelta(days=day), actor_name="history")
    round_ = participation.round
    draft = SendBatch.objects.create(unit=round_.unit, round=round_, template_kind="invitation_phone",
                                     status="draft", status_changed_at=now, created_at=now)
    sent = SendBatch.objects.create(unit=round_.unit, round=round_, template_kind="invitation_phone",
                                    status="sent", status_changed_at=now, created_at=now, sent_at=now)
    SendBatchItem.objects.create(batch=draft, participation=participation, position=1, route="digital")
    SendBatchItem.objects.create(batch=sent, participation=participation, position=1, route="letter")
    untouched = ParticipationFactory(state=S.SELECTED)
    module = import_module("invitations.migrations.0011_participation_invited_via_first_answer")
    with connection.cursor() as cursor:
        cursor.execute(module.BACKFILL_INVITED_VIA)
        cursor.execute(module.BACKFILL_FIRST_ANSWER)
    rows = {pk: (via, at) for pk, via, at in Participation.objects.values_list("pk", "invited_via", "first_answered_at")}
    assert rows == {participation.pk: ("letter", now + dt.timedelta(days=2)), untouched.pk: ("", None)}
