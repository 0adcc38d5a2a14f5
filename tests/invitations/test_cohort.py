import json
import subprocess
import sys

import pytest
from django.core.management import call_command

from invitations.models import Participation, ParticipationState, Round
from invitations.services.cohort import CohortError, cohort_select
from population.models import AccessLogEntry
from population.services.audit import Actor
from tests.factories import CareUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return CareUnitFactory()


def select(unit, year=2026, ages=None, now=None):
    return cohort_select(unit=unit, year=year, ages=ages, actor=Actor.system("test", unit=unit), now=now)


def test_selects_listed_living_people_turning_the_ages(unit, now):
    turning_50 = PersonFactory(unit=unit, age=50)
    turning_40 = PersonFactory(unit=unit, age=40)
    PersonFactory(unit=unit, age=45)  # not an invited age
    PersonFactory(unit=unit, age=60, deceased=True)
    PersonFactory(unit=unit, age=60, is_listed=False)
    PersonFactory(unit=CareUnitFactory(), age=50)  # another unit's
    round_, added = select(unit, now=now)
    assert added == 2
    assert round_.ages == [40, 50, 60]
    assert set(round_.participations.values_list("person", flat=True)) == {turning_50.pk, turning_40.pk}
    assert set(round_.participations.values_list("state", flat=True)) == {ParticipationState.SELECTED}


def test_order_is_random_but_reproducible_and_a_second_run_selects_no_one(unit):
    people = [PersonFactory(unit=unit, age=50) for _ in range(30)]
    round_, added = select(unit)
    assert added == 30
    order = list(round_.participations.order_by("position").values_list("person_id", flat=True))
    assert order != [p.pk for p in people]  # not in insertion order
    assert select(unit)[1] == 0
    # The same seed orders the same people the same way.
    Participation.objects.all().delete()
    select(unit)
    assert list(round_.participations.order_by("position").values_list("person_id", flat=True)) == order


def test_newcomers_after_an_import_are_appended(unit):
    [PersonFactory(unit=unit, age=60) for _ in range(5)]
    round_, _ = select(unit)
    newcomer = PersonFactory(unit=unit, age=60)
    assert select(unit)[1] == 1
    last = round_.participations.order_by("-position").first()
    assert (last.person, last.position) == (newcomer, 6)


def test_given_ages_override_the_region_default_and_are_kept(unit):
    PersonFactory(unit=unit, age=70)
    round_, added = select(unit, ages=[70])
    assert added == 1 and round_.ages == [70]
    round_, _ = select(unit, ages=[40])
    assert round_.ages == [40, 70]


def test_bad_ages_and_years_are_refused(unit):
    with pytest.raises(CohortError, match="not a valid age"):
        select(unit, ages=[5])
    with pytest.raises(CohortError, match="not a valid year"):
        select(unit, year=1850)
    assert Round.objects.count() == 0


def test_selection_is_logged_per_person(unit):
    person = PersonFactory(unit=unit, age=40)
    select(unit)
    assert AccessLogEntry.objects.filter(person=person, action="create").count() == 1


def test_command_prints_json_and_selects_zero_the_second_time(unit, capsys):
    PersonFactory(unit=unit, age=50)
    call_command("select_cohort", "--unit", unit.hsa_id, "--year", "2026", "--json")
    assert json.loads(capsys.readouterr().out) == {"selected": 1}
    call_command("select_cohort", "--unit", unit.hsa_id, "--year", "2026", "--ages", "40,50,60", "--json")
    assert json.loads(capsys.readouterr().out) == {"selected": 0}


def test_command_refuses_an_unknown_unit_with_exit_1(capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("select_cohort", "--unit", "SE0000000000-NONE", "--year", "2026", "--json")
    assert exit_info.value.code == 1
    assert "error" in json.loads(capsys.readouterr().out)


def test_manage_py_entry_point_runs():
    result = subprocess.run([sys.executable, "manage.py", "select_cohort", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "--ages" in result.stdout
