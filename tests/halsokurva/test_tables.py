"""Threshold tables as rows: the seeded default, the table in force, admin validation and the staff page."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from django.urls import reverse

from halsokurva.models import ThresholdTable
from halsokurva.scoring import load_default_table
from halsokurva.selectors import NoTableInForce, table_in_force
from halsokurva.services import ResultFrozen, result_compute, result_freeze, result_override
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, RegionFactory, StaffUserFactory, region_admin

pytestmark = pytest.mark.django_db


def regional_table(region, version="reg-2026.2", valid_from="2026-06-01") -> ThresholdTable:
    table = copy.deepcopy(load_default_table())
    table["version"], table["valid_from"] = version, valid_from
    return ThresholdTable.objects.create(
        region=region, version=version, valid_from=dt.date.fromisoformat(valid_from), table=table
    )


def test_the_shipped_default_is_seeded_as_the_national_table():
    table = ThresholdTable.objects.get(region__isnull=True)
    assert table.version == "2026.1-default" and table.table == load_default_table()
    assert table.needs_review_count > 20


def test_the_table_in_force_follows_region_and_date():
    region = RegionFactory()
    own = regional_table(region)
    assert table_in_force(region=region, on=dt.date(2026, 5, 31)).version == "2026.1-default"
    assert table_in_force(region=region, on=dt.date(2026, 6, 1)) == own
    assert table_in_force(region=RegionFactory(), on=dt.date(2026, 6, 1)).version == "2026.1-default"
    with pytest.raises(NoTableInForce):
        table_in_force(region=region, on=dt.date(2025, 1, 1))


def test_a_result_keeps_its_table_and_overrides_beside_the_computed_level(now):
    region = RegionFactory()
    result = result_compute(inputs={"sex": "female", "stress_mm": 45, "symptoms_yes": 2}, region=region,
                            on=now.date(), now=now)
    assert result.ruleset == "2026.1-default" and result.sex_used == "female"
    assert result.scoring_result().row("psykisk_halsa").level == 3
    regional_table(region, valid_from="2026-01-02")  # a newer table does not touch the stored result
    result.refresh_from_db()
    assert result.ruleset == "2026.1-default"
    user = StaffUserFactory()
    result_override(result=result, row_key="psykisk_halsa", level=4, reason="Akut kris", user=user, now=now)
    from halsokurva.selectors import result_view

    view = result_view(result)
    assert view.level("psykisk_halsa") == 4
    assert next(r for r in view.rows if r.key == "psykisk_halsa").computed == 3
    result_override(result=result, row_key="psykisk_halsa", level=None, reason="", user=user, now=now)
    assert result_view(result).level("psykisk_halsa") == 3
    result_freeze(result=result, now=now)
    with pytest.raises(ResultFrozen):
        result_compute(inputs={}, region=region, on=now.date(), result=result, now=now)
    with pytest.raises(ResultFrozen):
        result_override(result=result, row_key="bmi", level=2, reason="x", user=user, now=now)


def _form(table: dict, region) -> dict:
    return {"region": region.pk if region else "", "table": json.dumps(table), "note": "Beslut 2026-05-01"}


def test_a_region_admin_adds_a_validated_table_for_their_region(client):
    region = RegionFactory()
    admin_user = region_admin(region)
    client.force_login(admin_user)
    table = copy.deepcopy(load_default_table())
    table["version"], table["valid_from"] = "ost-2026.2", "2026-06-01"
    table["rows"]["kolesterol"]["bands"][1]["lte"] = 6.6  # overlaps the next band
    response = client.post(reverse("admin:halsokurva_thresholdtable_add"), _form(table, region))
    assert response.status_code == 200
    assert "rows.kolesterol.bands[2]" in response.content.decode()
    assert not ThresholdTable.objects.filter(version="ost-2026.2").exists()

    table["rows"]["kolesterol"]["bands"][1]["lte"] = 6.49
    response = client.post(reverse("admin:halsokurva_thresholdtable_add"), _form(table, region))
    assert response.status_code == 302
    saved = ThresholdTable.objects.get(version="ost-2026.2")
    assert saved.region == region and saved.valid_from == dt.date(2026, 6, 1) and saved.created_by == admin_user


def test_a_region_admin_may_not_add_a_national_table_or_reuse_a_version(client):
    region = RegionFactory()
    client.force_login(region_admin(region))
    table = load_default_table()
    response = client.post(reverse("admin:halsokurva_thresholdtable_add"), _form(table, None))
    assert response.status_code == 200 and ThresholdTable.objects.count() == 1
    response = client.post(reverse("admin:halsokurva_thresholdtable_add"), _form(table, region))
    assert "finns redan" in response.content.decode()


def test_national_and_used_tables_are_read_only_and_other_regions_hidden(client, now):
    region, other = RegionFactory(), RegionFactory()
    client.force_login(region_admin(region))
    national = ThresholdTable.objects.get(region__isnull=True)
    theirs = regional_table(other, version="other-1")
    mine = regional_table(region, version="mine-1", valid_from="2026-01-01")
    response = client.get(reverse("admin:halsokurva_thresholdtable_changelist"))
    assert set(response.context["cl"].queryset) == {national, mine}
    assert client.get(reverse("admin:halsokurva_thresholdtable_change", args=[theirs.pk])).status_code == 302
    page = client.get(reverse("admin:halsokurva_thresholdtable_change", args=[national.pk]))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert client.get(reverse("admin:halsokurva_thresholdtable_change", args=[mine.pk])).context["has_change_permission"]
    result_compute(inputs={}, region=region, on=now.date(), now=now)
    assert not client.get(
        reverse("admin:halsokurva_thresholdtable_change", args=[mine.pk])
    ).context["has_change_permission"]


def test_staff_read_the_table_in_force_in_words(client):
    unit = CareUnitFactory()
    client.force_login(StaffUserFactory(unit=unit, roles=[Role.DIALOGUE_LEADER]))
    regional_table(unit.region, version="reg-9", valid_from="2099-01-01")
    page = client.get(reverse("halsokurva:table")).content.decode()
    assert "2026.1-default" in page and "reg-9" in page
    assert "Midja-stusskvot" in page and "0,90–0,94" in page
    assert "Behöver klinisk granskning" in page
    page = client.get(reverse("halsokurva:table") + "?version=reg-9").content.decode()
    assert 'aria-current="true">reg-9' in page
