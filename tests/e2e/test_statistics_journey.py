"""A statistician opens the dashboard, filters, opens a chart's table and downloads CSV."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from invitations.models import ParticipationState
from reporting.models import AreaIndex
from rhs_portal.roles import Role
from tests.conftest import aware
from tests.e2e.conftest import assert_accessible, login
from tests.factories import CareUnitFactory, RoundFactory, StaffUserFactory
from tests.reporting.factories import participation_at

pytestmark = pytest.mark.django_db(transaction=True)
S = ParticipationState


def test_statistician_filters_reads_a_table_and_downloads_csv(page):
    unit = CareUnitFactory(name="Vårdcentralen Statistik")
    StaffUserFactory(username="stig", unit=unit, roles=[Role.STATISTICIAN])
    start = aware(2026, 2, 2, 9, 0)
    for year in (2025, 2026):
        round_ = RoundFactory(unit=unit, year=year)
        for _ in range(7):
            participation_at(round_, S.VISITED, start=start, area_code="A1")
        for _ in range(2):
            participation_at(round_, S.DECLINED, start=start, area_code="B1", via=[S.SELECTED, S.INVITED])
    AreaIndex.objects.create(region=unit.region, area_code="A1", index=2, quintile=5, imported_at=start)
    AreaIndex.objects.create(region=unit.region, area_code="B1", index=1, quintile=1, imported_at=start)

    login(page, "stig")
    page.get_by_role("link", name="Statistik").click()
    expect(page.get_by_role("heading", name="Deltagandetratt")).to_be_visible()
    assert_accessible(page, context="statistics overview")

    page.get_by_label("Omgång").select_option("2026")
    page.get_by_role("button", name="Visa", exact=True).click()
    page.get_by_text("Visa tabellen").first.click()
    table = page.get_by_role("table", name="Deltagandetratt")
    expect(table.get_by_role("row", name="Inbjudna 9")).to_be_visible()
    expect(table.get_by_role("row", name="Avslut: Tackat nej")).to_contain_text("<5")
    assert_accessible(page, context="funnel table open")

    page.get_by_role("link", name="Jämlikhet").click()
    expect(page.get_by_role("heading", name="Samtal av inbjudna, efter Kvintil i områdesindex")).to_be_visible()
    assert_accessible(page, context="equity")

    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner CSV").click()
    content = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert "Kvintil 5 (störst behov)" in content and "<5" in content

    page.get_by_role("link", name="Veckotrend").click()
    expect(page.get_by_role("heading", name="Per vecka")).to_be_visible()
    assert_accessible(page, context="weekly trend")
