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


def test_a_large_stamping_refreshes_the_planners_statistics(now, monkeypatch):
    from reminders import answer_timing

    monkeypatch.setattr(answer_timing, "ANALYZE_AFTER", 1)
    round_ = RoundFactory()
    participation_at(round_, ParticipationState.DECLINED, start=now, via=[ParticipationState.SELECTED,
                                                                          ParticipationState.INVITED])
    assert answer_timing.answer_timings_stamp() == 1  # and, on PostgreSQL, ANALYZE ran without an error
    assert Participation.objects.get().answer_timing == "before_reminder"
