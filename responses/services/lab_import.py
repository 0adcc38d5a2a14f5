"""Import of a lab's file of results, with the same review-then-commit flow as the population import.

Columns (CSV as labs and Excel save it, rhs_portal.csvfile): personnummer,
provtagningsdatum (sample date), analyskod (NPU code or report name, mapped
through the LabCodeMapping table), varde (value, decimal comma or point),
enhet (unit). Every row is checked — the person is listed at the unit and
has the analysis ordered, the code is known, the unit is the code's, the
value plausible — and a bad row is reported with its line and reason. The
preview counts new, changed and unchanged values; the commit records the
values through `lab_results_record` in one transaction, so the orders move
on exactly as when staff type the values in. Importing the same file twice
changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import BinaryIO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import Participation
from population.models import AccessAction, CareUnit, Person
from population.personnummer import InvalidPersonnummer, parse_personnummer
from population.services.audit import Actor, Auditor
from responses.lab.analytes import ANALYTES, Analyte, plausibility_problem, same_unit
from responses.models import LabCodeMapping, LabOrderStatus, LabResult, LabResultImport, ResultSource
from responses.services.lab import LabValue, lab_results_record
from rhs_portal.csvfile import CsvFileError, RowError, open_csv
from rhs_portal.imports import ImportFlow

REQUIRED_COLUMNS = ["personnummer", "provtagningsdatum", "analyskod", "varde", "enhet"]
HEADER_ALIASES = {
    "pnr": "personnummer",
    "personnr": "personnummer",
    "provdatum": "provtagningsdatum",
    "datum": "provtagningsdatum",
    "provtagningsdag": "provtagningsdatum",
    "analys": "analyskod",
    "kod": "analyskod",
    "npu": "analyskod",
    "npu_kod": "analyskod",
    "resultat": "varde",
    "svar": "varde",
}
SAMPLE_SIZE = 50
STORED_ERRORS = 1000
PROGRESS_EVERY = 500
PENDING_ORDER = (LabOrderStatus.ORDERED, LabOrderStatus.SAMPLED, LabOrderStatus.RESULTS_RECEIVED)


@dataclass
class LabImportResult:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    persons: int = 0
    errors: list[RowError] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    committed: bool = False
    refused: str = ""
    rows_read: int = 0
    samples: dict[str, list[dict]] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "new": self.new, "changed": self.changed, "unchanged": self.unchanged, "persons": self.persons,
            "unknown_columns": self.unknown_columns, "errors": [e.as_dict() for e in self.errors],
            "committed": self.committed,
        }

    def as_summary(self) -> dict:
        return {
            **self.as_json(),
            "errors": [e.as_dict() for e in self.errors[:STORED_ERRORS]],
            "error_count": len(self.errors),
            "refused": self.refused,
            "rows_read": self.rows_read,
            "samples": self.samples,
        }


@dataclass(frozen=True)
class _Row:
    line: int
    personnummer: str
    sampled_on: dt.date
    analyte: str
    value: Decimal


class _RowReader:
    """Checks one record's own values (no database): the number, the date, the code, the value, the unit."""

    def __init__(self, *, index: dict[str, int], codes: dict[str, tuple[str, str]], today: dt.date) -> None:
        self.index, self.codes, self.today = index, codes, today

    def read(self, line: int, record: list[str], errors: list[RowError]) -> _Row | None:
        get = {name: record[i].strip() for name, i in self.index.items()}
        before = len(errors)
        try:
            number = parse_personnummer(get["personnummer"], today=self.today).number
        except InvalidPersonnummer as exc:
            errors.append(RowError(line, "personnummer", str(exc.message)))
            number = ""
        sampled_on = self._date(get["provtagningsdatum"], line, errors)
        code = get["analyskod"].upper()
        mapped = self.codes.get(code)
        if mapped is None:
            errors.append(RowError(line, "analyskod", _(
                "The analysis code %(code)s is not known. An administrator can add it to the lab codes."
            ) % {"code": get["analyskod"] or "–"}))
        value = self._value(get["varde"], line, errors)
        if mapped and value is not None:
            analyte, expected_unit = mapped
            if not same_unit(get["enhet"], expected_unit):
                errors.append(RowError(line, "enhet", _("%(analyte)s is given in %(expected)s, not %(given)s.") % {
                    "analyte": Analyte(analyte).label, "expected": expected_unit, "given": get["enhet"] or "–"}))
            else:
                problem = plausibility_problem(analyte, value)
                if problem:
                    errors.append(RowError(line, "varde", problem))
        if len(errors) > before:
            return None
        return _Row(line, number, sampled_on, mapped[0], value)

    def _date(self, raw: str, line: int, errors: list[RowError]) -> dt.date | None:
        for pattern in ("%Y-%m-%d", "%Y%m%d"):
            try:
                day = dt.datetime.strptime(raw[:10] if pattern == "%Y-%m-%d" else raw, pattern).date()  # noqa: DTZ007
            except ValueError:
                continue
            if day > self.today:
                errors.append(RowError(line, "provtagningsdatum", _("The sample date cannot be in the future.")))
                return None
            return day
        errors.append(RowError(line, "provtagningsdatum",
                               _("Not a date: %(value)s. Write it as 2026-03-30.") % {"value": raw or "–"}))
        return None

    def _value(self, raw: str, line: int, errors: list[RowError]) -> Decimal | None:
        text = raw.replace(" ", "").replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or text.startswith(("<", ">")):
            errors.append(RowError(line, "varde", _("Not a number: %(value)s.") % {"value": raw or "–"}))
            return None
        return value.quantize(Decimal("0.01"))


def _lab_codes() -> dict[str, tuple[str, str]]:
    return {code: (analyte, unit) for code, analyte, unit in
            LabCodeMapping.objects.values_list("code", "analyte", "unit")}


def _participations(unit: CareUnit, numbers: set[str]) -> tuple[dict[str, Person], dict[int, Participation]]:
    """The unit's listed persons with these numbers, and for each the participation that has lab orders."""
    persons = {p.personnummer: p for p in Person.objects.filter(personnummer__in=numbers, listed_unit=unit)}
    participations: dict[int, Participation] = {}
    for participation in (
        Participation.objects.filter(person__in=persons.values(), round__unit=unit,
                                     lab_orders__status__in=PENDING_ORDER)
        .select_related("person", "round__unit")
        .order_by("round__year")
        .distinct()
    ):
        participations[participation.person_id] = participation  # the latest round wins
    return persons, participations


def lab_import_run(
    *,
    unit: CareUnit,
    source: BinaryIO,
    commit: bool,
    skip_invalid: bool = False,
    actor: Actor,
    lab_import: LabResultImport | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LabImportResult:
    """Preview (commit=False) or apply a lab result file for `unit`; a bad file changes nothing."""
    now = now or timezone.now()
    result = LabImportResult()
    try:
        table = open_csv(source, required=REQUIRED_COLUMNS, known=REQUIRED_COLUMNS, aliases=HEADER_ALIASES)
        result.unknown_columns = table.unknown_columns
        reader = _RowReader(index=table.index, codes=_lab_codes(), today=timezone.localdate(now))
        rows: list[_Row] = []
        for line, record, problem in table.records():
            result.rows_read += 1
            if record is None:
                result.errors.append(RowError(line, "", problem))
            elif (row := reader.read(line, record, result.errors)) is not None:
                rows.append(row)
            if progress and result.rows_read % PROGRESS_EVERY == 0:
                progress(result.rows_read, 0)
    except CsvFileError as exc:
        result.refused = str(exc)
        return result
    if progress:
        progress(result.rows_read, result.rows_read)
    plan = _plan(unit, rows, result)
    result.errors.sort(key=lambda e: (e.row, e.column))
    if commit:
        if result.errors and not skip_invalid:
            result.refused = _("The file has %(n)d rows with errors. Correct them, or choose to import only the "
                               "valid rows.") % {"n": len({e.row for e in result.errors})}
            return result
        _apply(plan, actor=actor, unit=unit, lab_import=lab_import, now=now)
        result.committed = True
    return result


def _plan(unit: CareUnit, rows: list[_Row], result: LabImportResult):
    """Match rows to participations, drop conflicting duplicates, classify against the stored values."""
    persons, participations = _participations(unit, {r.personnummer for r in rows})
    by_key: dict[tuple[str, str, dt.date], list[_Row]] = defaultdict(list)
    for row in rows:
        by_key[(row.personnummer, row.analyte, row.sampled_on)].append(row)
    valid: list[tuple[Participation, _Row]] = []
    for (number, _analyte, _day), group in by_key.items():
        if len({r.value for r in group}) > 1:
            lines = ", ".join(str(r.line) for r in group)
            result.errors.extend(RowError(r.line, "varde", _(
                "The same analysis and date has different values on lines %(lines)s; none of them is imported."
            ) % {"lines": lines}) for r in group)
            continue
        row = group[0]
        person = persons.get(number)
        if person is None:
            result.errors.append(RowError(row.line, "personnummer",
                                          _("No one with this number is listed at the unit.")))
            continue
        participation = participations.get(person.pk)
        if participation is None:
            result.errors.append(RowError(row.line, "personnummer",
                                          _("No lab tests are ordered for %(name)s.") % {"name": person.full_name}))
            continue
        valid.append((participation, row))
    current = {
        (r.participation_id, r.analyte): r
        for r in LabResult.objects.filter(participation__in={p.pk for p, _r in valid}, superseded_at__isnull=True)
    }
    # Per person and analyte only the latest sample counts.
    latest: dict[tuple[int, str], tuple[Participation, _Row]] = {}
    for participation, row in sorted(valid, key=lambda item: item[1].sampled_on):
        latest[(participation.pk, row.analyte)] = (participation, row)
    samples: dict[str, list[dict]] = {"new": [], "changed": []}
    for (pid, analyte), (participation, row) in latest.items():
        stored = current.get((pid, analyte))
        spec = ANALYTES[analyte]
        sample = {"person_id": participation.person_id, "name": participation.person.full_name, "analyte": str(Analyte(analyte).label),
                  "value": str(row.value), "unit": spec.unit, "date": row.sampled_on.isoformat()}
        if stored is None:
            result.new += 1
            kind = "new"
        elif stored.value == row.value and stored.sampled_on == row.sampled_on:
            result.unchanged += 1
            continue
        else:
            result.changed += 1
            kind = "changed"
            sample["old"] = str(stored.value)
        if len(samples[kind]) < SAMPLE_SIZE:
            samples[kind].append(sample)
    result.samples = samples
    result.persons = len({pid for pid, _a in latest})
    return list(latest.values())


def _apply(plan, *, actor: Actor, unit: CareUnit, lab_import: LabResultImport | None, now: dt.datetime) -> None:
    grouped: dict[tuple[int, dt.date], tuple[Participation, list[_Row]]] = {}
    for participation, row in plan:
        grouped.setdefault((participation.pk, row.sampled_on), (participation, []))[1].append(row)
    with transaction.atomic():
        for (_pid, day), (participation, rows) in sorted(grouped.items(), key=lambda item: item[0][1]):
            lab_results_record(
                participation=participation, sampled_on=day,
                values=[LabValue(r.analyte, r.value, ANALYTES[r.analyte].unit) for r in rows],
                actor=actor, source=ResultSource.IMPORT, lab_import=lab_import, now=now, audit=False,
            )
        Auditor(actor.with_unit(unit), now=now).record_many(
            action=AccessAction.CHANGE, person_ids=sorted({p.person_id for p, _r in plan}),
            object_type="responses.labresult", detail="lab results imported",
        )


def _tasks():
    from responses.tasks import commit_lab_import, preview_lab_import

    return preview_lab_import, commit_lab_import


def _run(imp: LabResultImport, source, commit: bool, now: dt.datetime | None, progress):
    return lab_import_run(
        unit=imp.unit, source=source, commit=commit, skip_invalid=imp.skip_invalid,
        actor=Actor.staff(imp.committed_by or imp.uploaded_by, imp.unit), lab_import=imp, now=now,
        progress=progress,
    )


FLOW = ImportFlow(model=LabResultImport, run=_run, tasks=_tasks, file_prefix="lab-unit")


def lab_imports_purge_files(*, before: dt.datetime, now: dt.datetime) -> int:
    """Retention: lab files and the names and values in their previews go once the import is this old."""
    return FLOW.purge_files(before=before, keep=("new", "changed", "unchanged", "persons", "error_count",
                                                 "rows_read", "committed"))
