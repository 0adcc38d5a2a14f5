"""The nurse's level overrides and choosing the table in force: pure unit tests, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from halsokurva.overrides import EffectiveRow, effective_rows
from halsokurva.render import render_halsokurva_svg
from halsokurva.scoring import (
    Override,
    OverrideError,
    apply_overrides,
    load_default_table,
    parse_input,
    score,
    select_table,
)

TABLE = load_default_table()
VISIT = {"sex": "female", "stress_mm": 40, "symptoms_yes": 3, "systolic": [150], "kostindex": [3, 3, 3, 3]}


def scored(data=VISIT):
    return score(parse_input(data), TABLE)


def test_an_override_sets_the_level_in_force_and_keeps_the_computed_one():
    result = scored()
    assert result.row("psykisk_halsa").level == 3
    rows = {r.key: r for r in effective_rows(result, [Override("psykisk_halsa", 4, "Svår stress i samtalet")])}
    assert rows["psykisk_halsa"] == EffectiveRow("psykisk_halsa", 3, 4, 5, "Svår stress i samtalet")
    assert rows["psykisk_halsa"].overridden
    assert rows["blodtryck"] == EffectiveRow("blodtryck", 2, 2, "150/", "")
    assert not rows["blodtryck"].overridden


def test_an_override_can_fill_a_missing_row_such_as_life_situation():
    rows = {r.key: r for r in effective_rows(scored(), [Override("livssituation", 2, "Ensam, ekonomisk oro")])}
    assert rows["livssituation"].computed is None
    assert rows["livssituation"].level == 2


def test_apply_overrides_gives_a_result_to_draw_and_leaves_the_original_alone():
    result = scored()
    shown = apply_overrides(result, [Override("matvanor", 2, "Äter mycket godis, ej fångat av frågorna")])
    assert shown.row("matvanor").level == 2
    assert result.row("matvanor").level == 1
    assert shown.ruleset == result.ruleset and shown.alerts == result.alerts
    assert 'class="row row-matvanor level-2"' in render_halsokurva_svg(shown)


@pytest.mark.parametrize(
    ("key", "level", "reason", "bad"),
    [
        ("psykisk_halsa", 4, "", "reason"),
        ("psykisk_halsa", 4, "   ", "reason"),
        ("psykisk_halsa", 5, "x", "level"),
        ("psykisk_halsa", 0, "x", "level"),
        ("psykisk_halsa", True, "x", "level"),
        ("psykisk_halsa", "3", "x", "level"),
        ("blodsocker", 2, "x", "blodsocker"),
    ],
)
def test_a_bad_override_names_what_is_wrong(key, level, reason, bad):
    with pytest.raises(OverrideError) as error:
        Override(key, level, reason)
    assert error.value.key == bad


def test_two_overrides_of_one_row_are_refused():
    with pytest.raises(OverrideError, match="two overrides"):
        effective_rows(scored(), [Override("bmi", 2, "a"), Override("bmi", 3, "b")])


JAN, MAR, JUN = dt.date(2026, 1, 1), dt.date(2026, 3, 1), dt.date(2026, 6, 1)


def test_the_latest_valid_national_table_is_chosen():
    candidates = [(None, JAN, "national-jan"), (None, JUN, "national-jun")]
    assert select_table(candidates, region="ost", on=MAR) == "national-jan"
    assert select_table(candidates, region="ost", on=JUN) == "national-jun"
    assert select_table(candidates, region=None, on=JUN) == "national-jun"


def test_a_regions_own_table_wins_once_valid_and_other_regions_are_ignored():
    candidates = [(None, JAN, "national"), ("ost", MAR, "ost-mar"), ("syd", JAN, "syd")]
    assert select_table(candidates, region="ost", on=JAN) == "national"
    assert select_table(candidates, region="ost", on=MAR) == "ost-mar"
    assert select_table(candidates, region="ost", on=JUN) == "ost-mar"
    assert select_table(candidates, region="norr", on=JUN) == "national"


def test_on_the_same_date_the_later_listed_table_wins_and_none_valid_is_an_error():
    assert select_table([(None, JAN, "a"), (None, JAN, "b")], region=None, on=MAR) == "b"
    with pytest.raises(LookupError, match="2025-12-31"):
        select_table([(None, JAN, "a")], region=None, on=dt.date(2025, 12, 31))
