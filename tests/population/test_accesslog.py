import pytest
from django.urls import reverse

from population.models import AccessLogEntry
from population.services.audit import Actor, Auditor
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, PersonFactory, staff_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return CareUnitFactory()


def test_log_rows_cannot_be_changed_or_deleted(unit):
    person = PersonFactory(unit=unit)
    entry = Auditor(Actor.system("test", unit=unit)).view(person)
    entry.detail = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.update(detail="x")


def test_auditor_needs_an_actor():
    with pytest.raises(ValueError):
        Auditor(None)


def test_unit_admin_reads_a_persons_log_and_downloads_csv_and_pdf(client, unit):
    admin = staff_with(unit, Role.UNIT_ADMIN)
    nurse = staff_with(unit, Role.DIALOGUE_LEADER)
    person = PersonFactory(unit=unit)
    Auditor(Actor.staff(nurse, unit)).view(person, detail="visit page")
    client.force_login(admin)

    response = client.get(reverse("population:accesslog_person", args=[person.pk]), {"user": nurse.pk})
    rows = list(response.context["page_obj"])
    assert [r.actor_user for r in rows] == [nurse]

    response = client.get(reverse("population:accesslog_person", args=[person.pk]), {"format": "csv"})
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert nurse.username in body and "visit page" in body

    response = client.get(reverse("population:accesslog_person", args=[person.pk]), {"format": "pdf"})
    assert response.content.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert person.personnummer_display in text
    # Reading and exporting the log are themselves logged.
    actions = set(AccessLogEntry.objects.filter(actor_user=admin, person=person).values_list("action", flat=True))
    assert actions == {"view", "export", "print"}


def test_log_filters_by_action_and_date(client, unit):
    admin = staff_with(unit, Role.UNIT_ADMIN)
    person = PersonFactory(unit=unit)
    Auditor(Actor.system("job", unit=unit)).change(person)
    client.force_login(admin)
    response = client.get(reverse("population:accesslog"), {"action": "change"})
    assert [e.action for e in response.context["page_obj"]] == ["change"]
    response = client.get(reverse("population:accesslog"), {"date_from": "2030-01-01", "date_to": "2029-01-01"})
    assert response.context["form"].errors
