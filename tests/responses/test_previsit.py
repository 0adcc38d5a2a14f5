"""The pre-visit status reads the questionnaire through one adapter (the questionnaire app is another stream's)."""

import sys
import types

import pytest

from responses.previsit import LabState, previsit_statuses, questionnaire_answered_many
from tests.factories import CareUnitFactory
from tests.responses.factories import participation_in

pytestmark = pytest.mark.django_db


def test_without_the_questionnaire_app_the_status_is_unknown():
    participation = participation_in(CareUnitFactory())
    assert questionnaire_answered_many([participation]) == {participation.pk: None}


def test_the_agreed_selector_is_read_and_only_answered_counts(monkeypatch):
    unit = CareUnitFactory()
    done, started, fresh = (participation_in(unit) for _i in range(3))
    statuses = {done.pk: "answered", started.pk: "in_progress"}
    calls = []

    def questionnaire_statuses(*, participation_ids):
        calls.append(list(participation_ids))
        return {pid: statuses.get(pid, "not_started") for pid in participation_ids}

    fake = types.ModuleType("questionnaire.selectors")
    fake.questionnaire_statuses = questionnaire_statuses
    package = types.ModuleType("questionnaire")
    package.selectors = fake
    monkeypatch.setitem(sys.modules, "questionnaire", package)
    monkeypatch.setitem(sys.modules, "questionnaire.selectors", fake)

    found = previsit_statuses([done, started, fresh])
    assert [found[p.pk].questionnaire_answered for p in (done, started, fresh)] == [True, False, False]
    assert all(found[p.pk].lab == LabState.NOT_ORDERED for p in (done, started, fresh))
    assert len(calls) == 1  # one read for the whole list

    del fake.questionnaire_statuses
    fake.questionnaire_status = lambda *, participation: statuses.get(participation.pk, "not_started")
    assert questionnaire_answered_many([done, fresh]) == {done.pk: True, fresh.pk: False}
