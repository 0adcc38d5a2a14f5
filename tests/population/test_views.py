import pytest
from django.urls import reverse

from population.models import AccessLogEntry, ImportStatus, Person, PopulationImport
from population.services.imports import import_commit_job, import_preview_job
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, PersonFactory, staff_with

pytestmark = pytest.mark.django_db

CSV = "personnummer;fornamn;efternamn;telefon\n19121212-1212;Tolvan;Tolvansson;070-174 06 06\n19121212-1213;Fel;Rad;\n"


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def handler(client, unit):
    user = staff_with(unit, Role.CASE_HANDLER)
    client.force_login(user)
    return user


def test_search_by_number_or_name_logs_the_search_once(client, unit, handler):
    anna = PersonFactory(unit=unit, first_name="Anna", last_name="Kvist")
    PersonFactory(unit=CareUnitFactory(), first_name="Anna", last_name="Kvist")  # another unit's
    response = client.get(reverse("population:person_search"), {"q": "anna kvist"})
    assert list(response.context["page_obj"]) == [anna]
    response = client.get(reverse("population:person_search"), {"q": anna.personnummer_display})
    assert list(response.context["page_obj"]) == [anna]
    assert AccessLogEntry.objects.filter(action="search", actor_user=handler).count() == 2
    assert not AccessLogEntry.objects.filter(action="view").exists()


def test_person_page_is_logged_and_hides_a_protected_address(client, unit, handler):
    person = PersonFactory(unit=unit, protected_identity=True, street_address="Hemliga vägen 1")
    response = client.get(reverse("population:person_detail", args=[person.pk]))
    assert response.status_code == 200
    assert "Hemliga vägen" not in response.content.decode()
    entry = AccessLogEntry.objects.get(action="view", person=person)
    assert (entry.actor_user, entry.unit) == (handler, unit)


def test_upload_preview_and_commit_with_skip_invalid(client, unit, handler, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("lista.csv", CSV.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("population:import_list"), {"file": upload})
    assert len(callbacks) == 1  # the preview job is queued after the commit
    imp = PopulationImport.objects.get()
    assert response.url == reverse("population:import_detail", args=[imp.pk])
    import_preview_job(import_id=imp.pk)
    imp.refresh_from_db()
    assert imp.status == ImportStatus.PREVIEWED
    assert (imp.summary["new"], imp.error_count) == (1, 1)
    page = client.get(response.url).content.decode()
    assert "check digit" in page or "kontrollsiffra" in page.lower()

    # Without the tick, errors refuse the commit and nothing changes.
    response = client.post(reverse("population:import_commit", args=[imp.pk]), follow=True)
    imp.refresh_from_db()
    assert imp.status == ImportStatus.PREVIEWED
    assert Person.objects.count() == 0

    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("population:import_commit", args=[imp.pk]), {"skip_invalid": "on"})
    assert len(callbacks) == 1
    import_commit_job(import_id=imp.pk)
    imp.refresh_from_db()
    assert imp.status == ImportStatus.COMMITTED
    assert list(Person.objects.values_list("first_name", flat=True)) == ["Tolvan"]
    assert not imp.file  # the uploaded list is not kept
    # A second commit of the same import does nothing.
    client.post(reverse("population:import_commit", args=[imp.pk]), {"skip_invalid": "on"})
    assert Person.objects.count() == 1


def test_upload_of_a_non_csv_file_is_refused_with_a_message(client, handler):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("population:import_list"), {"file": SimpleUploadedFile("x.pdf", b"%PDF")})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert PopulationImport.objects.count() == 0


def test_discard_changes_nothing(client, unit, handler):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(reverse("population:import_list"), {"file": SimpleUploadedFile("l.csv", CSV.encode())})
    imp = PopulationImport.objects.get()
    import_preview_job(import_id=imp.pk)
    client.post(reverse("population:import_discard", args=[imp.pk]))
    imp.refresh_from_db()
    assert imp.status == ImportStatus.DISCARDED
    assert Person.objects.count() == 0


def test_import_progress_fragment_asks_for_a_refresh_when_done(client, unit, handler):
    imp = PopulationImport.objects.create(unit=unit, uploaded_by=handler, original_name="x.csv",
                                          status=ImportStatus.PREVIEWING, progress_done=5, progress_total=10)
    response = client.get(reverse("population:import_progress", args=[imp.pk]))
    assert 'hx-trigger="every 1s"' in response.content.decode()
    PopulationImport.objects.filter(pk=imp.pk).update(status=ImportStatus.PREVIEWED)
    response = client.get(reverse("population:import_progress", args=[imp.pk]))
    assert response["HX-Refresh"] == "true"


def test_list_pages_use_a_fixed_number_of_queries(client, unit, handler, django_assert_max_num_queries):
    from invitations.services.cohort import cohort_select
    from population.services.audit import Actor

    for _ in range(60):
        PersonFactory(unit=unit, age=50, last_name="Berg")
    round_, _n = cohort_select(unit=unit, year=2026, actor=Actor.system("t"))
    with django_assert_max_num_queries(14):
        client.get(reverse("population:person_search"), {"q": "Berg", "per_page": 50})
    with django_assert_max_num_queries(14):
        client.get(reverse("invitations:round_detail", args=[round_.pk]), {"per_page": 50})
