"""The population import: a reviewed changeset, authoritative for its columns, atomic and idempotent."""

from __future__ import annotations

import io

import pytest

from invitations.models import ExitReason, ParticipationState
from population.demo import CSV_HEADER, demo_csv_row, demo_people
from population.models import AccessLogEntry, Person
from population.services.audit import Actor
from population.services.population_import import population_import_run
from tests.factories import CareUnitFactory, ParticipationFactory, PersonFactory, RoundFactory

pytestmark = pytest.mark.django_db

HEADER = "personnummer;fornamn;efternamn;utdelningsadress;postnummer;postort;telefon;epost;e_tjanst;avisering;" \
         "skyddad_identitet;avliden;sprak;omrade"
ANNA = "19760330-2386;Anna;Andersson;Exempelgatan 1;123 45;Exempelby;070-174 06 05;anna@example.com;aktiv;" \
       "epost;nej;nej;sv;0580C1010"
TOLVAN = "19121212-1212;Tolvan;Tolvansson;Provgatan 2;234 56;Påhittad;070-174 06 06;;aldrig_inloggad;;nej;nej;;"


def csv_bytes(*lines: str, encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO(("\n".join(lines) + "\n").encode(encoding))


def run(unit, *lines, commit=True, skip_invalid=False, now=None, encoding="utf-8", raw: bytes | None = None):
    source = io.BytesIO(raw) if raw is not None else csv_bytes(*lines, encoding=encoding)
    return population_import_run(
        unit=unit, source=source, commit=commit, skip_invalid=skip_invalid,
        actor=Actor.system("test", unit=unit), now=now,
    )


@pytest.fixture
def unit():
    return CareUnitFactory()


def test_a_new_list_creates_people_with_normalised_data(unit, now):
    result = run(unit, HEADER, ANNA, TOLVAN, now=now)
    assert result.as_json() == {
        "new": 2, "changed": 0, "unchanged": 0, "removed": 0, "unknown_columns": [], "errors": [],
        "committed": True,
    }
    anna = Person.objects.get(personnummer="197603302386")
    assert (anna.first_name, anna.sex, str(anna.birth_date)) == ("Anna", "female", "1976-03-30")
    assert anna.phone == "+46701740605"
    assert anna.postal_code == "12345"
    assert (anna.eservice_status, anna.notification) == ("active", "email")
    assert anna.listed_unit == unit and anna.is_listed
    tolvan = Person.objects.get(personnummer="191212121212")
    assert tolvan.eservice_status == "never_logged_in"
    assert tolvan.notification == ""  # empty = missing


def test_preview_changes_nothing_and_counts_what_would_change(unit):
    result = run(unit, HEADER, ANNA, TOLVAN, commit=False)
    assert (result.new, result.committed) == (2, False)
    assert Person.objects.count() == 0
    assert [s["name"] for s in result.samples["new"]] == ["Anna Andersson", "Tolvan Tolvansson"]


def test_reimporting_the_same_file_changes_nothing(unit):
    run(unit, HEADER, ANNA, TOLVAN)
    before = list(Person.objects.values_list("updated_at", flat=True).order_by("pk"))
    log_rows = AccessLogEntry.objects.count()
    result = run(unit, HEADER, ANNA, TOLVAN)
    assert (result.new, result.changed, result.unchanged, result.removed) == (0, 0, 2, 0)
    assert list(Person.objects.values_list("updated_at", flat=True).order_by("pk")) == before
    assert AccessLogEntry.objects.count() == log_rows


def test_an_empty_cell_clears_the_stored_value(unit):
    run(unit, HEADER, ANNA)
    result = run(unit, HEADER, ANNA.replace("070-174 06 05", ""))
    assert result.changed == 1
    assert result.samples["changed"][0]["fields"] == ["phone"]
    assert Person.objects.get(personnummer="197603302386").phone == ""


def test_columns_the_file_lacks_are_left_alone(unit):
    run(unit, HEADER, ANNA)
    result = run(unit, "personnummer;fornamn;efternamn", "19760330-2386;Anna;Berg")
    assert result.changed == 1
    anna = Person.objects.get(personnummer="197603302386")
    assert anna.last_name == "Berg"
    assert anna.phone == "+46701740605"  # no telefon column: kept


def test_a_person_missing_from_the_list_is_marked_not_listed_and_their_open_participations_end(unit, now):
    run(unit, HEADER, ANNA, TOLVAN)
    tolvan = Person.objects.get(personnummer="191212121212")
    participation = ParticipationFactory(round=RoundFactory(unit=unit), person=tolvan)
    result = run(unit, HEADER, ANNA, now=now)
    assert result.removed == 1
    tolvan.refresh_from_db()
    assert tolvan.is_listed is False  # never deleted
    participation.refresh_from_db()
    assert participation.state == ParticipationState.EXCLUDED
    assert participation.exit_reason == ExitReason.NOT_LISTED
    assert participation.events.last().to_status == ParticipationState.EXCLUDED


def test_a_person_listed_by_another_units_file_moves_there_logged(unit, now):
    other = CareUnitFactory(region=unit.region)
    run(other, HEADER, ANNA)
    anna = Person.objects.get(personnummer="197603302386")
    old_participation = ParticipationFactory(round=RoundFactory(unit=other), person=anna)

    result = run(unit, HEADER, ANNA, now=now)

    assert (result.changed, result.moved) == (1, 1)
    assert result.samples["changed"][0]["moved_from"] == other.name
    anna.refresh_from_db()
    assert anna.listed_unit == unit
    old_participation.refresh_from_db()
    assert (old_participation.state, old_participation.exit_reason) == ("excluded", ExitReason.MOVED)
    log = AccessLogEntry.objects.filter(person=anna, unit=unit, action="change").get()
    assert "Moved here" in log.detail
    # The other unit's next import no longer counts her as theirs.
    assert run(other, HEADER, TOLVAN, commit=False).removed == 0


def test_a_person_who_died_leaves_every_open_participation(unit, now):
    run(unit, HEADER, ANNA)
    anna = Person.objects.get(personnummer="197603302386")
    participation = ParticipationFactory(round=RoundFactory(unit=unit), person=anna)
    run(unit, HEADER, ANNA.replace(";nej;nej;sv", ";nej;ja;sv"), now=now)
    participation.refresh_from_db()
    assert (participation.state, participation.exit_reason) == ("excluded", ExitReason.DECEASED)


def test_bad_rows_are_reported_with_line_column_and_reason_and_nothing_is_written(unit):
    result = run(
        unit,
        HEADER,
        ANNA,
        "19121212-1213;Fel;Kontrollsiffra;;;;;;;;;;;",
        "19760330-2386x;Fel;Tecken;;;;;;;;;;;",
        TOLVAN.replace("aldrig_inloggad", "kanske"),
        "19121212;För;Kort;;;;;;;;;;;",
        "19380101-1111;Bara;Tre;fält",
    )
    assert result.refused
    assert Person.objects.count() == 0
    errors = [(e.row, e.column) for e in result.errors]
    assert errors == [(3, "personnummer"), (4, "personnummer"), (5, "e_tjanst"), (6, "personnummer"), (7, "")]
    reasons = {e.row: e.reason for e in result.errors}
    assert "check digit" in reasons[3]
    assert "kanske" in reasons[5] and "aktiv" in reasons[5]
    assert "8 digits" in reasons[6]
    assert "4 fields" in reasons[7]


def test_skip_invalid_imports_only_the_valid_rows(unit):
    result = run(unit, HEADER, ANNA, "19121212-1213;Fel;Kontrollsiffra;;;;;;;;;;;", skip_invalid=True)
    assert result.committed and result.new == 1
    assert list(Person.objects.values_list("first_name", flat=True)) == ["Anna"]


def test_a_row_with_bad_contact_data_does_not_remove_the_person(unit):
    run(unit, HEADER, ANNA, TOLVAN)
    result = run(unit, HEADER, ANNA, TOLVAN.replace("070-174 06 06", "070-ABC"), skip_invalid=True)
    assert [e.column for e in result.errors] == ["telefon"]
    assert result.removed == 0
    assert Person.objects.get(personnummer="191212121212").is_listed


def test_the_same_number_twice_in_one_file_rejects_both_rows(unit):
    result = run(unit, HEADER, ANNA, TOLVAN, ANNA.replace("Anna;", "Annie;"), skip_invalid=True)
    assert [(e.row, e.column) for e in result.errors] == [(2, "personnummer"), (4, "personnummer")]
    assert "2, 4" in result.errors[0].reason
    assert list(Person.objects.values_list("first_name", flat=True)) == ["Tolvan"]


def test_duplicates_are_found_across_number_forms(unit):
    result = run(unit, HEADER, ANNA, ANNA.replace("19760330-2386", "7603302386"), commit=False)
    assert len(result.errors) == 2


def test_windows_1252_files_from_excel_are_read(unit):
    result = run(unit, "personnummer;fornamn;efternamn;postort", "19121212-1212;Åsa;Öberg;Märsta", encoding="cp1252")
    assert result.new == 1
    person = Person.objects.get()
    assert (person.first_name, person.last_name, person.postal_town) == ("Åsa", "Öberg", "Märsta")


def test_utf8_with_byte_order_mark_and_commas(unit):
    raw = "\ufeffPersonnummer,Förnamn,Efternamn\n19121212-1212,Tolvan,Tolvansson\n".encode()
    result = run(unit, raw=raw)
    assert (result.new, result.errors) == (1, [])


def test_unreadable_encoding_is_refused_as_a_whole(unit):
    raw = b"personnummer;fornamn;efternamn\n19121212-1212;A;B\n" + b"\x81\x8d\x90;x;y\n"
    result = run(unit, raw=raw)
    assert "encoding" in result.refused
    assert Person.objects.count() == 0


def test_malformed_csv_is_refused_with_the_line(unit):
    raw = b'personnummer;fornamn;efternamn\n19121212-1212;"Tolvan;Tolvansson\n'
    result = run(unit, raw=raw)
    assert "not valid CSV" in result.refused
    assert Person.objects.count() == 0


def test_missing_required_columns_and_unknown_columns(unit):
    assert "fornamn" in run(unit, "personnummer;efternamn", "19121212-1212;B").refused
    result = run(unit, "personnummer;fornamn;efternamn;favoritfarg", "19121212-1212;A;B;blå")
    assert result.unknown_columns == ["favoritfarg"]
    assert result.new == 1


def test_protected_identity_and_language(unit):
    run(unit, HEADER, ANNA.replace(";nej;nej;sv", ";ja;nej;ar"))
    anna = Person.objects.get()
    assert anna.protected_identity and anna.preferred_language == "ar"


def test_every_created_and_changed_person_is_logged(unit, now):
    run(unit, HEADER, ANNA, TOLVAN, now=now)
    assert AccessLogEntry.objects.filter(action="create", unit=unit).count() == 2
    run(unit, HEADER, ANNA.replace("Anna;", "Anne;"), TOLVAN, now=now)
    change = AccessLogEntry.objects.get(action="change")
    assert change.person.first_name == "Anne"
    assert change.actor_name == "test"


def test_a_generated_list_imports_completely(unit):
    people = list(demo_people(count=300, year=2026, ages=[40, 50, 60]))
    lines = [";".join(CSV_HEADER)] + [";".join(demo_csv_row(p)) for p in people]
    result = run(unit, *lines)
    assert (result.new, result.errors) == (300, [])
    assert Person.objects.filter(listed_unit=unit).count() == 300


def test_the_progress_callback_reports_rows(unit):
    calls = []
    lines = [HEADER] + [";".join(demo_csv_row(p)) for p in demo_people(count=20, year=2026, ages=[50])]
    population_import_run(
        unit=unit, source=csv_bytes(*lines), commit=False, actor=Actor.system("test"),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[-1] == (20, 20)


@pytest.mark.postgres
def test_postgres_copy_path_handles_a_larger_file(unit):
    people = list(demo_people(count=6000, year=2026, ages=[40, 50, 60], seed=9))
    lines = [";".join(CSV_HEADER)] + [";".join(demo_csv_row(p)) for p in people]
    assert run(unit, *lines).new == 6000
    again = run(unit, *lines)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 6000)


def test_existing_person_factory_people_count_as_removed_when_absent(unit):
    PersonFactory(unit=unit)
    assert run(unit, HEADER, ANNA, commit=False).removed == 1
