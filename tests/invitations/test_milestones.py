"""Participation milestones: stamped the first time, kept afterwards, filled from the history by the migrations."""

import datetime as dt
from importlib import import_module

import pytest
from django.db import connection

from invitations.models import InvitationCase, Participation, ParticipationState
from invitations.services.participation import participation_milestone
from tests.factories import ParticipationFactory
from tests.invitations.factories import case_for

pytestmark = pytest.mark.django_db


def test_a_milestone_keeps_the_first_time(now):
    participation = ParticipationFactory(state=ParticipationState.INVITED)
    assert participation_milestone(participation_id=participation.pk, milestone="lab_results_at", now=now)
    later = now + dt.timedelta(days=3)
    assert not participation_milestone(participation_id=participation.pk, milestone="lab_results_at", now=later)
    participation.refresh_from_db()
    assert participation.lab_results_at == now
    with pytest.raises(ValueError):
        participation_milestone(participation_id=participation.pk, milestone="state", now=now)


def test_reading_the_invitation_stamps_the_participation_once(now):
    from invitations.services.cases import case_mark_read
    from population.services.audit import Actor

    participation = ParticipationFactory(state=ParticipationState.INVITED)
    first = case_for(participation=participation, status="sent_unread", created_at=now)
    case_mark_read(case=first, actor=Actor.system("citizen"), now=now + dt.timedelta(hours=2))
    case_mark_read(case=first, actor=Actor.system("citizen"), now=now + dt.timedelta(hours=5))  # opened again
    participation.refresh_from_db()
    assert participation.read_at == now + dt.timedelta(hours=2)


def test_the_migration_fills_the_read_milestone_from_the_cases(now):
    participation, unread = (ParticipationFactory(state=ParticipationState.INVITED) for _ in range(2))
    read = case_for(participation=participation, status="read", created_at=now)
    InvitationCase.objects.filter(pk=read.pk).update(read_at=now + dt.timedelta(days=1))
    case_for(participation=unread, status="sent_unread", created_at=now)
    with connection.cursor() as cursor:
        cursor.execute(import_module("invitations.migrations.0012_participation_milestones").BACKFILL_READ)
    assert dict(Participation.objects.values_list("pk", "read_at")) == {
        participation.pk: now + dt.timedelta(days=1), unread.pk: None,
    }
