"""The demo data gives the nurse people in every step of the health dialogue."""

import pytest
from django.core.management import call_command

from invitations.models import Participation, ParticipationState
from questionnaire.models import QuestionnaireResponse, ResponseStatus
from visits.models import Visit, VisitStatus

pytestmark = pytest.mark.django_db


def test_seed_demo_prepares_visits_in_every_state():
    call_command("seed_demo", "--persons", "120", "--quiet")
    states = Participation.objects.values_list("state", flat=True)
    assert list(states).count(ParticipationState.DOCUMENTED) == 1
    assert list(states).count(ParticipationState.VISITED) == 1
    assert QuestionnaireResponse.objects.filter(status__in=[ResponseStatus.SUBMITTED, ResponseStatus.LOCKED]).count() == 4
    assert sorted(Visit.objects.values_list("status", flat=True)) == [VisitStatus.DOCUMENTED, VisitStatus.IN_PROGRESS]
    waiting = Participation.objects.filter(state=ParticipationState.ANSWERED, visit__isnull=True)
    assert waiting.filter(pk__in=QuestionnaireResponse.objects.values("participation_id")).count() >= 2
