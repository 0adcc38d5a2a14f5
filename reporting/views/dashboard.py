"""Statistics pages: the funnel, breakdowns (equity), timings. Every view downloads as CSV."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from population.models import AccessAction
from population.services.audit import Actor, Auditor
from reporting import selectors
from reporting.access import region_scopes_for, statistics_view
from reporting.charts import Bar, bar_chart, line_chart
from reporting.forms import DimensionForm, StatsFilterForm
from reporting.services.funnel import DIMENSIONS, funnel
from reporting.services.present import SUPPRESSED, cell, percent
from reporting.services.timings import durations, weekly
from rhs_portal.downloads import csv_response


def _filters(request):
    scope = request.stats_scope
    form = StatsFilterForm(
        request.GET or None, years=selectors.scope_years(scope), units=selectors.scope_units(scope)
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, data, selectors.filtered_participations(scope, data)


def _base_context(request, form, active: str) -> dict:
    scope = request.stats_scope
    return {
        "scope": scope,
        "form": form,
        "active": active,
        "suppressing": scope.suppress,
        "can_region": scope.is_region or bool(region_scopes_for(request.user)),
        "query": request.GET.urlencode(),
    }


def _log_export(request, what: str) -> None:
    """Aggregates name no person: one log row for the download, without a person."""
    Auditor(Actor.from_request(request)).record(action=AccessAction.EXPORT, detail=f"statistics CSV: {what}")


def _funnel_rows(table, suppress: bool):
    invited = table.total.get("invited")
    rows = []
    for step in table.steps:
        value = table.total.get(step.key)
        rows.append(
            {
                "key": step.key,
                "label": step.label,
                "exit": step.exit,
                "count": cell(value, suppress=suppress),
                "share": percent(value, invited, suppress=suppress) if step.key != "selected" else "",
                "raw": value,
            }
        )
    return rows


@statistics_view
def overview(request):
    form, filters, participations = _filters(request)
    scope = request.stats_scope
    table = funnel(participations)
    rows = _funnel_rows(table, scope.suppress)
    if request.GET.get("format") == "csv":
        _log_export(request, "funnel")
        return csv_response(
            "deltagande.csv",
            [_("Step"), _("People"), _("Share of invited")],
            [[r["label"], r["count"], r["share"]] for r in rows],
        )
    bars = [
        Bar(str(r["label"]), None if isinstance(r["count"], str) else r["count"], str(r["count"]))
        for r in rows
    ]
    timing = durations(participations)
    return render(
        request,
        "reporting/overview.html",
        {
            **_base_context(request, form, "overview"),
            "rows": rows,
            "chart": bar_chart(bars, title=_("Participation funnel")),
            "durations": [
                {
                    "key": d.key,
                    "count": cell(d.count, suppress=scope.suppress),
                    "median": _days_shown(d.median_days, d.count, scope.suppress),
                    "mean": _days_shown(d.mean_days, d.count, scope.suppress),
                }
                for d in timing
            ],
        },
    )


def _days_shown(days: float | None, count: int, suppress: bool):
    if suppress and count < 5:
        return SUPPRESSED
    return "–" if days is None else days


def breakdown_rows(table, suppress: bool) -> list[dict]:
    rows = []
    for row in table.rows:
        group = row["group"]
        rows.append(
            {
                "group": _group_label(table.dimension.key, group),
                "cells": [cell(row.get(step.key), suppress=suppress) for step in table.steps],
                "answered_rate": percent(row.get("answered"), row.get("invited"), suppress=suppress),
                "visited_rate": percent(row.get("visited"), row.get("invited"), suppress=suppress),
                "raw": row,
            }
        )
    return rows


def _group_label(key: str, value) -> str:
    if value is None:
        return _("Unknown")
    if key == "sex":
        return {"male": _("Men"), "female": _("Women")}.get(value, str(value))
    if key == "channel":
        return {"digital": _("Digital (inbox)"), "phone": _("Phone"), "letter": _("Letter")}.get(value, str(value))
    if key == "template":
        from invitations.models import InvitationCase

        labels = dict(InvitationCase._meta.get_field("template_kind").choices)
        return str(labels.get(value, value))
    if key == "reminder":
        from reminders.answer_timing import LABELS

        return str(LABELS.get(value, value))
    if key == "quintile":
        return _("Quintile %(q)s") % {"q": value} + (_(" (greatest need)") if value == 5 else
                                                   _(" (least need)") if value == 1 else "")
    return str(value)


@statistics_view
def breakdown(request):
    form, filters, participations = _filters(request)
    scope = request.stats_scope
    dim_form = DimensionForm(request.GET or None, region_scope=scope.is_region)
    dim = request.GET.get("dim") if request.GET.get("dim") in DIMENSIONS else "age"
    if dim == "unit" and not scope.is_region:
        dim = "age"
    table = funnel(participations, dimension=dim)
    rows = breakdown_rows(table, scope.suppress)
    if request.GET.get("format") == "csv":
        _log_export(request, f"breakdown by {dim}")
        header = [str(DIMENSIONS[dim].label), *[str(s.label) for s in table.steps], _("Answered of invited"),
                  _("Visit held of invited")]
        return csv_response(
            f"deltagande-{dim}.csv", header,
            [[r["group"], *r["cells"], r["answered_rate"], r["visited_rate"]] for r in rows],
        )
    bars = []
    for r in rows:
        raw = r["raw"]
        hidden = r["visited_rate"] in (SUPPRESSED, "–")
        value = None if hidden else 100 * raw["visited"] / raw["invited"]
        bars.append(Bar(r["group"], value, r["visited_rate"]))
    return render(
        request,
        "reporting/breakdown.html",
        {
            **_base_context(request, form, "equity" if dim == "quintile" else "breakdown"),
            "dim_form": dim_form,
            "dimension": DIMENSIONS[dim],
            "steps": table.steps,
            "rows": rows,
            "chart": bar_chart(bars, title=_("Visit held of invited, by %(dim)s") % {"dim": DIMENSIONS[dim].label},
                               max_value=100),
        },
    )


@statistics_view
def trends(request):
    form, filters, participations = _filters(request)
    scope = request.stats_scope
    weeks = weekly(participations)
    shown = [
        {
            "week": w["week"],
            "monday": w["monday"],
            "invited": cell(w["invited"], suppress=scope.suppress),
            "answered": cell(w["answered"], suppress=scope.suppress),
            "visited": cell(w["visited"], suppress=scope.suppress),
        }
        for w in weeks
    ]
    if request.GET.get("format") == "csv":
        _log_export(request, "weekly trend")
        return csv_response(
            "veckotrend.csv", [_("Week"), _("Invited"), _("Answered"), _("Visit held")],
            [[w["week"], w["invited"], w["answered"], w["visited"]] for w in shown],
        )
    points = [
        (w["week"], {k: (None if isinstance(w[k], str) else w[k]) for k in ("invited", "answered", "visited")})
        for w in shown
    ]
    series = [("invited", _("Invited")), ("answered", _("Answered")), ("visited", _("Visit held"))]
    return render(
        request,
        "reporting/trends.html",
        {
            **_base_context(request, form, "trends"),
            "weeks": shown,
            "chart": line_chart(points, series=series, title=_("Per week")) if points else None,
        },
    )
