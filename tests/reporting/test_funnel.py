import datetime as dt

import pytest

from invitations.models import ParticipationState
from reporting.models import AreaIndex
from reporting.services.funnel import funnel, participations_in_scope
from reporting.services.present import cell, percent
from reporting.services.timings import Duration, durations, weekly
from tests.conftest import aware
from tests.factories import CareUnitFactory, RegionFactory, RoundFactory
from tests.reporting.factories import participation_at, scenario

pytestmark = pytest.mark.django_db
S = ParticipationState


@pytest.fixture
def round_():
    return RoundFactory(unit=CareUnitFactory(), year=2026)


def test_funnel_counts_match_a_hand_built_round(round_):
    scenario(round_, aware(2026, 2, 2, 9, 0))
    table = funnel(participations_in_scope(unit_ids=[round_.unit_id]))
    progression = {k: v for k, v in table.total.items() if k not in ("invited_digital", "invited_phone",
                                                                     "invited_letter", "read", "lab_done",
                                                                     "questionnaire")}
    assert progression == {
        "selected": 20,
        "invited": 17,  # all but the 2 still selected and the one who moved before being invited
        "answered": 12,  # 2 answered + 2 booked + 1 visited + 4 documented + 1 phone-booked + 2 declined after answering
        "booked": 8,
        "visited": 5,
        "documented": 4,
        "declined": 2,
        "not_reached": 1,
        "moved": 1,
        "deceased": 1,
    }


def test_breakdown_by_sex_and_by_deprivation_quintile(round_, now):
    for _ in range(3):
        participation_at(round_, S.VISITED, start=now, sex="female", area_code="A1")
    participation_at(round_, S.INVITED, start=now, sex="male", area_code="B2")
    AreaIndex.objects.create(region=round_.unit.region, area_code="A1", index=1.5, quintile=5, imported_at=now)
    AreaIndex.objects.create(region=round_.unit.region, area_code="B2", index=0.5, quintile=1, imported_at=now)
    # The same code in another region's index says nothing about this region's people.
    AreaIndex.objects.create(region=RegionFactory(), area_code="A1", index=0.1, quintile=2, imported_at=now)
    participation_at(round_, S.INVITED, start=now, sex="male", area_code="")  # no known area
    qs = participations_in_scope(unit_ids=[round_.unit_id])
    by_sex = {r["group"]: (r["invited"], r["visited"]) for r in funnel(qs, dimension="sex").rows}
    assert by_sex == {"female": (3, 3), "male": (2, 0)}
    by_quintile = {r["group"]: (r["invited"], r["visited"]) for r in funnel(qs, dimension="quintile").rows}
    assert by_quintile == {1: (1, 0), 5: (3, 3), None: (1, 0)}


def test_age_cohort_is_the_age_turned_in_the_round_year(round_, now):
    participation_at(round_, S.INVITED, start=now, age=40)
    participation_at(round_, S.INVITED, start=now, age=60)
    rows = funnel(participations_in_scope(unit_ids=[round_.unit_id]), dimension="age").rows
    assert [r["group"] for r in rows] == [40, 60]


def test_an_empty_scope_gives_zeros_not_errors():
    table = funnel(participations_in_scope(unit_ids=[CareUnitFactory().pk]), dimension="sex")
    assert table.total["selected"] == 0 and table.rows == []


def test_small_cells_are_suppressed_only_when_asked():
    assert cell(4, suppress=True) == "<5"
    assert cell(0, suppress=True) == "<5"
    assert cell(5, suppress=True) == 5
    assert cell(4, suppress=False) == 4
    assert cell(None, suppress=True) == "–"
    # A share is hidden when it would reveal a small cell.
    assert percent(3, 40, suppress=True) == "<5"
    assert percent(30, 40, suppress=True) == "75 %"
    assert percent(3, 40, suppress=False) == "8 %"


def test_durations_and_weekly_trend(round_):
    start = aware(2026, 2, 2, 9, 0)  # a Monday, ISO week 6
    for _ in range(2):
        participation_at(round_, S.VISITED, start=start, days_per_step=7)
    qs = participations_in_scope(unit_ids=[round_.unit_id])
    by_key = {d.key: d for d in durations(qs)}
    assert (by_key["to_answer"].count, by_key["to_answer"].median_days) == (2, 7.0)
    assert by_key["to_visit"].median_days == 21.0
    weeks = {w["week"]: (w["invited"], w["answered"], w["visited"]) for w in weekly(qs)}
    assert weeks == {"2026-v07": (2, 0, 0), "2026-v08": (0, 2, 0), "2026-v10": (0, 0, 2)}


def test_period_and_year_filters(round_):
    participation_at(round_, S.INVITED, start=aware(2026, 2, 2, 9, 0))
    other = RoundFactory(unit=round_.unit, year=2025)
    participation_at(other, S.INVITED, start=aware(2025, 2, 2, 9, 0))
    assert participations_in_scope(unit_ids=[round_.unit_id], years=[2025]).count() == 1
    future = dt.date.today() + dt.timedelta(days=30)
    assert participations_in_scope(unit_ids=[round_.unit_id], date_from=future).count() == 0


def test_durations_are_exact_medians_and_means_over_those_who_took_the_step(round_):
    start = aware(2026, 2, 2, 9, 0)
    for days in (1, 2, 4, 9):  # invited → answered after this many days
        participation_at(round_, S.ANSWERED, start=start, days_per_step=days)
    participation_at(round_, S.INVITED, start=start)  # never answered: not in the answer time
    participation_at(round_, S.SELECTED, start=start)  # never invited: in no time at all
    by_key = {d.key: d for d in durations(participations_in_scope(unit_ids=[round_.unit_id]))}
    assert by_key["to_answer"] == Duration("to_answer", 4, 3.0, 4.0)  # median of 1, 2, 4, 9 is (2 + 4) / 2
    assert by_key["to_booking"] == Duration("to_booking", 0, None, None)


def test_durations_keep_fractions_of_a_day(round_):
    start = aware(2026, 2, 2, 9, 0)
    p = participation_at(round_, S.ANSWERED, start=start, days_per_step=1)
    p.events.filter(to_status=S.ANSWERED).update(at=start + dt.timedelta(hours=60))  # invited at +24 h
    (answer,) = [d for d in durations(participations_in_scope(unit_ids=[round_.unit_id])) if d.key == "to_answer"]
    assert (answer.median_days, answer.mean_days) == (1.5, 1.5)


def test_the_weekly_trend_counts_weeks_in_swedish_time(round_):
    # Just after midnight on a Monday in Stockholm is still Sunday in UTC: it belongs to the new week.
    participation_at(round_, S.INVITED, start=aware(2026, 2, 8, 0, 30), days_per_step=1)
    weeks = {w["week"]: (w["monday"], w["invited"]) for w in weekly(participations_in_scope(unit_ids=[round_.unit_id]))}
    assert weeks == {"2026-v07": (dt.date(2026, 2, 9), 1)}
