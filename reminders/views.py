"""The "Påminnelser" queue (manual reminder tasks; send one or the selected) and the sweep's policy preview."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from population.models import AccessAction
from population.services.audit import Actor, Auditor
from reminders.rules import next_sweep_at, sweep_time_on
from reminders.selectors import manual_tasks_by_ids, manual_tasks_for_user, sweep_preview
from reminders.services.tasks import manual_tasks_send
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability
from rhs_portal.tables import paginate


@staff_view(Capability.CASE_HANDLE)
def queue(request):
    page = paginate(request, manual_tasks_for_user(user=request.user, unit=request.staff.unit))
    Auditor(Actor.from_request(request)).record_many(
        action=AccessAction.VIEW,
        person_ids=[t.participation.person_id for t in page],
        object_type="reminders.reminder",
        detail="reminder queue",
    )
    return render(request, "reminders/queue.html", {"page_obj": page})


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()]


@require_POST
@staff_view(Capability.CASE_HANDLE)
def send(request):
    """One click on a row sends that task's reminder; "Send selected" sends every ticked one."""
    ids = _ids([request.POST["only"]]) if request.POST.get("only") else _ids(request.POST.getlist("tasks"))
    if not ids:
        messages.error(request, _("Choose at least one reminder to send."))
        return redirect("reminders:queue")
    tasks = manual_tasks_by_ids(user=request.user, unit=request.staff.unit, ids=ids)
    sent = manual_tasks_send(tasks=tasks, actor=Actor.from_request(request))
    if sent:
        messages.success(
            request, ngettext("%(n)d reminder sent.", "%(n)d reminders sent.", sent) % {"n": sent}
        )
    if sent < len(ids):
        messages.warning(
            request,
            _(
                "Some reminders were not sent: someone else sent them, or the person has "
                "answered or the case is closed."
            ),
        )
    return redirect("reminders:queue")


PREVIEW_DAYS_AHEAD = 60


@staff_view(Capability.CASE_HANDLE)
def preview(request):
    """What the sweep would do on a day (default: its next run), at the user's unit; read only."""
    now = timezone.now()
    next_run = next_sweep_at(now)
    today = timezone.localdate(now)
    day = next_run.date()
    wanted = request.GET.get("datum", "").strip()
    if wanted:
        try:
            chosen = dt.date.fromisoformat(wanted)
        except ValueError:
            chosen = None
        if chosen is None or not today <= chosen <= today + dt.timedelta(days=PREVIEW_DAYS_AHEAD):
            messages.error(request, _("Choose a date from today to %(days)d days ahead.") % {
                "days": PREVIEW_DAYS_AHEAD})
        else:
            day = chosen
    at = sweep_time_on(day, now)
    rules = sweep_preview(user=request.user, unit=request.staff.unit, now=at)
    Auditor(Actor.from_request(request), now=now).record_many(
        action=AccessAction.VIEW,
        person_ids={p.pk for rule in rules for p in rule["people"]},
        detail=f"reminder sweep preview for {at:%Y-%m-%d %H:%M}",
    )
    return render(request, "reminders/preview.html", {
        "rules": rules, "at": at, "day": day, "next_run": next_run, "is_next_run": at == next_run,
        "min_day": today, "max_day": today + dt.timedelta(days=PREVIEW_DAYS_AHEAD),
    })
