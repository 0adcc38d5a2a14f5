"""Pseudonymised research extracts: no direct identifiers, keyed per project, audited, downloaded once.

- pseudonym: HMAC-SHA256 of the personnummer with the project's secret (two
  projects cannot link their extracts; the same person keeps the same pseudonym
  within a project);
- birth year instead of birth date; no names, numbers, addresses or contact data;
- dates either shifted by a per-person offset (the same for every date of the
  person in the project, so intervals survive) or reduced to year–month;
- people who declined research use never appear;
- the file is encrypted at rest (Fernet) and deleted when it is downloaded.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import hmac
import io
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from invitations.models import Participation, ParticipationState
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from reporting.models import AreaIndex, DateMode, ResearchExport, ResearchProject
from reporting.services.timings import first_time
from rhs_portal.models import JobStatus

S = ParticipationState
SHIFT_DAYS = 182  # offsets are drawn from -182 … +182 days


def project_new_secret() -> str:
    return secrets.token_urlsafe(48)


def pseudonym(project: ResearchProject, personnummer: str) -> str:
    digest = hmac.new(project.secret.encode(), f"person:{personnummer}".encode(), hashlib.sha256).hexdigest()
    return digest[:20]


def date_offset(project: ResearchProject, personnummer: str) -> int:
    digest = hmac.new(project.secret.encode(), f"shift:{personnummer}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big") % (2 * SHIFT_DAYS + 1) - SHIFT_DAYS


@dataclass(frozen=True)
class Row:
    participation: Participation
    times: dict[str, dt.datetime | None]
    quintile: int | None
    protect_date: Callable[[dt.datetime | dt.date | None], str]
    loaded: dict  # field key → what the field's `preload` returned for this participation


@dataclass(frozen=True)
class ExportField:
    key: str
    label: str
    columns: tuple[str, ...]
    extract: Callable[[Row], tuple]
    # Reads the field's data for a chunk of participations in one query: ids → {participation id: data}.
    preload: Callable[[list[int]], dict] | None = None


def _days(a, b) -> str:
    return "" if a is None or b is None else str((b - a).days)


FIELDS: dict[str, ExportField] = {}


def register_field(field: ExportField) -> None:
    FIELDS[field.key] = field


LAB_ANALYTES = ("glucose", "hba1c", "total_cholesterol", "hdl", "ldl", "triglycerides")


def _preload_lab(participation_ids: list[int]) -> dict:
    from responses.models import LabResult

    data: dict[int, dict] = {}
    for pid, analyte, value, sampled_on in LabResult.objects.filter(
        participation_id__in=participation_ids, superseded_at__isnull=True
    ).values_list("participation_id", "analyte", "value", "sampled_on"):
        entry = data.setdefault(pid, {"sampled_on": sampled_on})
        entry[analyte] = value
        entry["sampled_on"] = max(entry["sampled_on"], sampled_on)
    return data


def _lab_columns(row: Row) -> tuple:
    lab = row.loaded.get("lab") or {}
    return (row.protect_date(lab.get("sampled_on")), *[lab.get(a, "") for a in LAB_ANALYTES])


for _field in [
    ExportField("cohort", gettext_lazy("Cohort (round year, age turned, birth year)"),
                ("round_year", "age", "birth_year"),
                lambda r: (r.participation.round.year,
                           r.participation.round.year - r.participation.person.birth_date.year,
                           r.participation.person.birth_date.year)),
    ExportField("sex", gettext_lazy("Sex"), ("sex",), lambda r: (r.participation.person.sex,)),
    ExportField("area", gettext_lazy("Area and its deprivation quintile"), ("area_code", "area_quintile"),
                lambda r: (r.participation.person.area_code, r.quintile or "")),
    ExportField("outcome", gettext_lazy("Outcome (state and exit reason)"), ("state", "exit_reason"),
                lambda r: (r.participation.state, r.participation.exit_reason)),
    ExportField("language", gettext_lazy("Preferred language"), ("language",),
                lambda r: (r.participation.person.preferred_language or "sv",)),
    ExportField("timings", gettext_lazy("Timings (dates protected, days between)"),
                ("invited_date", "answered_date", "booked_date", "visit_date", "days_to_answer",
                 "days_to_booking", "days_to_visit"),
                lambda r: (r.protect_date(r.times["invited"]), r.protect_date(r.times["answered"]),
                           r.protect_date(r.times["booked"]), r.protect_date(r.times["visited"]),
                           _days(r.times["invited"], r.times["answered"]),
                           _days(r.times["invited"], r.times["booked"]),
                           _days(r.times["invited"], r.times["visited"]))),
    ExportField("lab", gettext_lazy("Lab values (mmol/l; HbA1c mmol/mol)"),
                ("lab_sample_date", *(f"lab_{a}" for a in LAB_ANALYTES)), _lab_columns, preload=_preload_lab),
]:
    register_field(_field)


def _fernet() -> Fernet:
    key = getattr(settings, "RHS_EXPORT_KEY", "") or ""
    if not key:
        key = base64.urlsafe_b64encode(
            HKDF(algorithm=hashes.SHA256(), length=32, salt=b"rhs-research-export", info=b"fernet").derive(
                settings.SECRET_KEY.encode()
            )
        ).decode()
    return Fernet(key.encode() if isinstance(key, str) else key)


class ExportError(Exception):
    pass


def export_queryset(export: ResearchExport):
    return (
        Participation.objects.filter(round__in=export.rounds.all(), person__research_opt_out=False)
        .select_related("person", "round__unit")
        .annotate(t_invited=first_time(S.INVITED), t_answered=first_time(S.ANSWERED), t_booked=first_time(S.BOOKED),
                  t_visited=first_time(S.VISITED))
        .order_by("pk")
    )


def _with_preloads(queryset, fields: list[ExportField], chunk: int = 2000):
    """(participation, {field key: preloaded data}) in chunks: one query per chunk and field, not per row."""
    batch: list[Participation] = []

    def flush():
        ids = [p.pk for p in batch]
        loads = {f.key: f.preload(ids) for f in fields if f.preload}
        for p in batch:
            yield p, {key: data.get(p.pk) for key, data in loads.items()}

    for participation in queryset.iterator(chunk_size=chunk):
        batch.append(participation)
        if len(batch) >= chunk:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def research_export_run(*, export_id: int, now: dt.datetime | None = None,
                        progress: Callable[[int, int], None] | None = None) -> ResearchExport:
    """Build the extract as a job: CSV with the chosen fields, encrypted at rest, audited per person."""
    now = now or timezone.now()
    export = ResearchExport.objects.select_related("project", "created_by").get(pk=export_id)
    if export.status == JobStatus.DONE:
        return export
    ResearchExport.objects.filter(pk=export.pk).update(status=JobStatus.RUNNING)
    project = export.project
    unknown = [key for key in export.fields if key not in FIELDS]
    if unknown:
        ResearchExport.objects.filter(pk=export.pk).update(
            status=JobStatus.FAILED, failure_message=_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)}
        )
        raise ExportError(unknown)
    fields = [FIELDS[key] for key in export.fields]
    quintiles = dict(AreaIndex.objects.filter(region=project.region).values_list("area_code", "quintile"))
    queryset = export_queryset(export)
    total = queryset.count()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["pseudonym", *[column for f in fields for column in f.columns]])
    person_ids: list[int] = []
    for done, (participation, loaded) in enumerate(_with_preloads(queryset, fields), start=1):
        number = participation.person.personnummer
        offset = date_offset(project, number)

        def protect(value, _offset=offset):
            if value is None:
                return ""
            day = timezone.localtime(value).date() if isinstance(value, dt.datetime) else value
            if export.date_mode == DateMode.YEAR_MONTH:
                return f"{day:%Y-%m}"
            return (day + dt.timedelta(days=_offset)).isoformat()

        row = Row(
            participation=participation,
            times={"invited": participation.t_invited, "answered": participation.t_answered,
                   "booked": participation.t_booked, "visited": participation.t_visited},
            quintile=quintiles.get(participation.person.area_code),
            protect_date=protect,
            loaded=loaded,
        )
        writer.writerow([pseudonym(project, number), *[v for f in fields for v in f.extract(row)]])
        person_ids.append(participation.person_id)
        if progress and done % 1000 == 0:
            progress(done, total)
    token = _fernet().encrypt(buffer.getvalue().encode("utf-8"))
    actor = Actor.system(f"research export #{export.pk} for {export.created_by.get_username()}")
    with transaction.atomic():
        export.encrypted_file.save(f"export-{export.pk}.csv.fernet", ContentFile(token), save=False)
        ResearchExport.objects.filter(pk=export.pk).update(
            encrypted_file=export.encrypted_file.name, status=JobStatus.DONE, finished_at=now,
            row_count=len(person_ids), progress_done=total, progress_total=total,
        )
        auditor = Auditor(actor, now=now)
        detail = f"research export #{export.pk} ({project.name}, {project.ethics_reference}); fields: " + ", ".join(
            export.fields
        )
        auditor.record(action=AccessAction.EXPORT, obj=export, detail=detail)
        auditor.record_many(action=AccessAction.EXPORT, person_ids=person_ids, object_type="reporting.researchexport",
                            detail=detail)
    export.refresh_from_db()
    return export


def research_export_download(*, export: ResearchExport, actor: Actor, now: dt.datetime | None = None) -> bytes:
    """The decrypted CSV, once: the encrypted file is deleted as it is handed over."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = ResearchExport.objects.select_for_update().get(pk=export.pk)
        if locked.status != JobStatus.DONE or not locked.encrypted_file or locked.downloaded_at:
            raise ExportError(_("This extract is not available for download (it may already have been downloaded)."))
        with locked.encrypted_file.open("rb") as handle:
            content = _fernet().decrypt(handle.read())
        locked.encrypted_file.delete(save=False)
        ResearchExport.objects.filter(pk=locked.pk).update(encrypted_file="", downloaded_at=now,
                                                           downloaded_by=actor.user)
        Auditor(actor, now=now).record(
            action=AccessAction.EXPORT, obj=locked,
            detail=f"research export #{locked.pk} downloaded; fields: " + ", ".join(locked.fields),
        )
    return content


def research_export_create(*, project: ResearchProject, rounds, fields: list[str], date_mode: str,
                           actor: Actor) -> ResearchExport:
    from reporting.tasks import run_research_export
    from rhs_portal.tasks import enqueue

    unknown = [key for key in fields if key not in FIELDS]
    if unknown:
        raise ExportError(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    with transaction.atomic():
        export = ResearchExport.objects.create(project=project, fields=fields, date_mode=date_mode,
                                               created_by=actor.user)
        export.rounds.set(rounds)
        enqueue(run_research_export, export.pk)
    return export


def research_exports_purge_files(*, before: dt.datetime, now: dt.datetime) -> int:
    """Retention: an extract nobody downloaded is deleted after a while (it can be run again)."""
    removed = 0
    for export in ResearchExport.objects.filter(finished_at__lt=before).exclude(encrypted_file=""):
        export.encrypted_file.delete(save=False)
        ResearchExport.objects.filter(pk=export.pk).update(encrypted_file="")
        removed += 1
    return removed
