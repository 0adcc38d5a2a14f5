"""The monthly reimbursement report: documented visits with kontaktorsak, diagnoses and KVÅ codes.

Reimbursement depends on the codes on the signed journal note. The report
counts them per month and unit; staff who may see personal data also get the
visit-by-visit list (for checking against the EHR) and the visits held but not
yet documented.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from visits.models import JournalNote, Visit, VisitStatus


@dataclass
class MonthReport:
    month: dt.date
    documented: int = 0
    contact_reasons: Counter = field(default_factory=Counter)
    diagnoses: Counter = field(default_factory=Counter)
    kva: Counter = field(default_factory=Counter)
    notes: list[JournalNote] = field(default_factory=list)


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.date(month.year, month.month, 1)
    end = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(start, dt.time(), tz), dt.datetime.combine(end, dt.time(), tz)


def _code(entry) -> str:
    if isinstance(entry, dict):
        return str(entry.get("code", ""))
    return str(entry)


def reimbursement_month(*, unit_ids, month: dt.date) -> MonthReport:
    start, end = month_bounds(month)
    notes = list(
        JournalNote.objects.filter(visit__unit_id__in=unit_ids, signed_at__gte=start, signed_at__lt=end)
        .select_related("visit__person", "visit__unit", "signed_by")
        .order_by("signed_at")
    )
    report = MonthReport(month=start.date(), documented=len(notes), notes=notes)
    for note in notes:
        report.contact_reasons[note.contact_reason] += 1
        report.diagnoses.update(_code(c) for c in note.diagnosis_codes)
        report.kva.update(_code(c) for c in note.kva_codes)
    return report


def visits_not_documented(*, unit_ids) -> QuerySet[Visit]:
    """Visits held (started) whose note is not signed yet, oldest first."""
    return (
        Visit.objects.filter(unit_id__in=unit_ids, status=VisitStatus.IN_PROGRESS)
        .select_related("person", "nurse", "participation")
        .order_by("started_at")
    )
