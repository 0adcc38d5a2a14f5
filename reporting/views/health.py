"""Health results and the reimbursement report."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from halsokurva.scoring import ROW_KEYS
from halsokurva.texts import TEXTS
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from reporting.access import statistics_view
from reporting.charts import Bar, bar_chart
from reporting.services.funnel import DIMENSIONS
from reporting.services.health import ALERT_GROUPS, health_summary
from reporting.services.present import SUPPRESSED, cell, percent
from reporting.services.reimbursement import reimbursement_month, visits_not_documented
from reporting.views.dashboard import _base_context, _filters, _group_label, _log_export
from rhs_portal.downloads import csv_response

HEALTH_DIMENSIONS = ("age", "sex", "area", "quintile")


@statistics_view
def health(request):
    form, filters, participations = _filters(request)
    scope = request.stats_scope
    dim = request.GET.get("dim") if request.GET.get("dim") in HEALTH_DIMENSIONS else "age"
    summary = health_summary(participations, dimension=dim)
    suppress = scope.suppress
    row_labels = TEXTS.get((get_language() or "sv")[:2], TEXTS["sv"])["rows"]
    level_rows = []
    for key in ROW_KEYS:
        counts = summary.levels[key]
        known = sum(v for k, v in counts.items() if k is not None)
        level_rows.append({
            "label": row_labels.get(key, key),
            "cells": [(cell(counts.get(level, 0), suppress=suppress),
                       percent(counts.get(level, 0), known, suppress=suppress)) for level in (1, 2, 3, 4)],
            "missing": cell(counts.get(None, 0), suppress=suppress),
            "action": percent(counts.get(3, 0) + counts.get(4, 0), known, suppress=suppress),
            "action_value": None if not known else 100 * (counts.get(3, 0) + counts.get(4, 0)) / known,
        })
    alert_keys = [*ALERT_GROUPS, "high_bp"]
    alert_labels = [str(ALERT_GROUPS[k][0]) for k in ALERT_GROUPS] + [_("High blood pressure (level 3–4)")]
    alerts = summary.alerts.get(dim, {})
    sizes = summary.group_sizes.get(dim, {})
    alert_rows = [
        {
            "group": _group_label(dim, group),
            "visits": cell(sizes[group], suppress=suppress),
            "cells": [(cell(alerts.get(group, {}).get(k, 0), suppress=suppress),
                       percent(alerts.get(group, {}).get(k, 0), sizes[group], suppress=suppress)) for k in alert_keys],
        }
        for group in sorted(sizes, key=lambda g: (g is None, str(g)))
    ]
    if request.GET.get("format") == "csv":
        _log_export(request, f"health results by {dim}")
        header = [_("Row"), *[f"{_('Level')} {n}" for n in (1, 2, 3, 4)], _("Missing"), _("Needs action (3–4)")]
        rows = [[r["label"], *[c[0] for c in r["cells"]], r["missing"], r["action"]] for r in level_rows]
        rows += [[], [_("Group"), _("Visits"), *alert_labels]]
        rows += [[r["group"], r["visits"], *[c[0] for c in r["cells"]]] for r in alert_rows]
        return csv_response(f"halsoresultat-{dim}.csv", header, rows)
    bars = [Bar(str(r["label"]), None if r["action"] in (SUPPRESSED, "–") else r["action_value"], r["action"])
            for r in level_rows]
    return render(request, "reporting/health.html", {
        **_base_context(request, form, "health"),
        "visits": cell(summary.visits, suppress=suppress),
        "level_rows": level_rows,
        "alert_labels": alert_labels,
        "alert_rows": alert_rows,
        "dim": dim,
        "dimensions": [(d, _dimension_label(d)) for d in HEALTH_DIMENSIONS],
        "chart": bar_chart(bars, title=_("Share at level 3–4 (needs action), per row"), max_value=100),
    })


def _dimension_label(key: str) -> str:
    return str(DIMENSIONS[key].label)


def _month(value: str | None) -> dt.date:
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return dt.date(year, month, 1)
    except (ValueError, TypeError):
        return dt.date(today.year, today.month, 1)


@statistics_view
def reimbursement(request):
    scope = request.stats_scope
    month = _month(request.GET.get("month"))
    report = reimbursement_month(unit_ids=scope.unit_ids, month=month)
    personal = not scope.suppress  # the visit-by-visit lists name people
    undocumented = list(visits_not_documented(unit_ids=scope.unit_ids)) if personal else []
    if personal and (report.notes or undocumented):
        Auditor(Actor.from_request(request)).record_many(
            action=AccessAction.VIEW if request.GET.get("format") != "csv" else AccessAction.EXPORT,
            person_ids={n.visit.person_id for n in report.notes} | {v.person_id for v in undocumented},
            object_type="visits.journalnote", detail=f"reimbursement report {month:%Y-%m}",
        )
    if request.GET.get("format") == "csv":
        if personal:
            header = [_("Signed"), _("Personal identity number"), _("Care unit"), _("Contact reason"),
                      _("Diagnoses"), _("KVÅ codes"), _("Signed by")]
            rows = [[timezone.localtime(n.signed_at).strftime("%Y-%m-%d"), n.visit.person.personnummer_display,
                     n.visit.unit.name, n.contact_reason, " ".join(map(str, n.diagnosis_codes)),
                     " ".join(map(str, n.kva_codes)), str(n.signed_by or "")] for n in report.notes]
        else:
            _log_export(request, f"reimbursement {month:%Y-%m}")
            header = [_("Code"), _("Documented visits")]
            rows = [[c, cell(n, suppress=True)] for c, n in (report.diagnoses + report.kva).most_common()]
        return csv_response(f"ersattning-{month:%Y-%m}.csv", header, rows)
    suppress = scope.suppress

    def counted(counter):
        return [(code, cell(n, suppress=suppress)) for code, n in counter.most_common()]

    return render(request, "reporting/reimbursement.html", {
        **_base_context(request, None, "reimbursement"),
        "month": month,
        "previous": (month - dt.timedelta(days=1)).replace(day=1),
        "next": (month + dt.timedelta(days=32)).replace(day=1),
        "documented": cell(report.documented, suppress=suppress),
        "contact_reasons": counted(report.contact_reasons),
        "diagnoses": counted(report.diagnoses),
        "kva": counted(report.kva),
        "notes": report.notes if personal else [],
        "undocumented": undocumented,
        "personal": personal,
    })
