"""A case handler logs in, switches unit, imports a list with two bad rows, selects a cohort, opens a person."""

import re

import pytest
from playwright.sync_api import expect

from population.demo import CSV_HEADER, demo_csv_row, demo_people
from population.models import AccessLogEntry, Person
from rhs_portal.roles import Role
from tests.e2e.conftest import assert_accessible, login
from tests.factories import CareUnitFactory, StaffUserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_import_select_and_open_a_person(page, tmp_path):
    home = CareUnitFactory(name="Vårdcentralen Norr")
    other = CareUnitFactory(name="Vårdcentralen Söder", region=home.region)
    user = StaffUserFactory(username="hugo", unit=home, roles=[Role.CASE_HANDLER])
    user.memberships.create(unit=other, role=Role.CASE_HANDLER)

    people = list(demo_people(count=30, year=2026, ages=[40, 50, 60], seed=3))
    rows = [";".join(CSV_HEADER)] + [";".join(demo_csv_row(p)) for p in people]
    rows.insert(5, "19121212-1213;Fel;Kontrollsiffra;;;;;;;;;;;")
    rows.insert(9, "19760230-2386;Fel;Datum;;;;;;;;;;;")
    csv_path = tmp_path / "lista.csv"
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")

    # Log in: two units, so the portal asks which one.
    login(page, "hugo")
    expect(page.get_by_role("heading", name="Välj vårdenhet")).to_be_visible()
    assert_accessible(page, context="unit picker")
    page.get_by_role("button", name="Vårdcentralen Söder").click()
    expect(page.get_by_role("heading", name="Vårdcentralen Söder")).to_be_visible()
    page.get_by_role("link", name="Byt enhet").click()
    page.get_by_role("button", name="Vårdcentralen Norr").click()
    expect(page.get_by_role("heading", name="Vårdcentralen Norr")).to_be_visible()
    assert_accessible(page, context="start page")

    # Import the list: the preview shows the two bad rows with line and reason.
    page.get_by_role("link", name="Importera lista").click()
    assert_accessible(page, context="import page")
    page.get_by_label("Enhetens lista (CSV)").set_input_files(str(csv_path))
    page.get_by_role("button", name="Ladda upp och kontrollera").click()
    expect(page.get_by_role("heading", name="Rader med fel")).to_be_visible()
    errors = page.get_by_role("table", name="Rader med fel")
    expect(errors.get_by_role("row")).to_have_count(3)  # header + 2
    expect(errors).to_contain_text("Kontrollsiffran är fel")
    expect(errors).to_contain_text("19760230")
    assert_accessible(page, context="import preview")
    assert Person.objects.count() == 0

    page.get_by_label("Importera bara de giltiga raderna").check()
    page.get_by_role("button", name="Importera", exact=True).click()
    expect(page.get_by_text("Listan importerades")).to_be_visible()
    assert Person.objects.filter(listed_unit=home).count() == 30

    # Select the cohort for 2026.
    page.get_by_role("link", name="Omgångar").click()
    page.get_by_label("År").fill("2026")
    page.get_by_label("Åldrar").fill("40, 50, 60")
    page.get_by_role("button", name="Välj ut kohort").click()
    expect(page.get_by_text("30 personer lades till i omgången.")).to_be_visible()
    assert_accessible(page, context="round page")

    # Open a person from the round.
    first = page.get_by_role("table", name="Deltagare").locator("tbody").get_by_role("link").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name.split(", ")[1])
    expect(page.get_by_role("heading", name="Deltaganden")).to_be_visible()
    assert_accessible(page, context="person page")
    assert AccessLogEntry.objects.filter(actor_user=user, action="view").count() == 1
    assert re.search(r"/personer/\d+/$", page.url)
