"""The daily sweep task keeps the answer timing of the people who answered since it last ran."""

import pytest

from invitations.models import Participation, ParticipationState
from reminders.tasks import run_daily_sweep
from tests.factories import RoundFactory
from tests.reporting.factories import participation_at

pytestmark = pytest.mark.django_db


def test_the_daily_task_stamps_answered_participations_only(now):
    round_ = RoundFactory()
    answered = participation_at(round_, ParticipationState.ANSWERED, start=now)
    silent = participation_at(round_, ParticipationState.INVITED, start=now)
    run_daily_sweep()
    timings = dict(Participation.objects.values_list("pk", "answer_timing"))
    assert timings == {answered.pk: "before_reminder", silent.pk: ""}
