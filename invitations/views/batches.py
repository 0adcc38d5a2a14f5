"""Sending invitations: build a batch from a round, check the recipients, add a message, preview, send."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from invitations import selectors
from invitations.forms import BatchCreateForm, BatchMessageForm
from invitations.selectors.batches import (
    batch_check_rows,
    batch_get_for_user,
    batch_preview,
    batches_of_round,
)
from invitations.services.batches import (
    RECOMMENDED_BATCH_SIZE,
    BatchError,
    BatchFilters,
    batch_create,
    batch_discard,
    batch_remove_person,
    batch_save_message,
    batch_send,
)
from invitations.services.templates import TemplateMissing, standard_texts_for
from invitations.services.web_times import unit_has_web_times
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability


@staff_view(Capability.CASE_HANDLE)
def batch_new(request, pk: int):
    unit, now = request.staff.unit, timezone.now()
    round_ = selectors.round_get_for_user(user=request.user, unit=unit, pk=pk, capability=Capability.CASE_HANDLE)
    web_times = unit_has_web_times(unit=unit, now=now)
    form = BatchCreateForm(request.POST or None, round_=round_, web_times=web_times)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            batch = batch_create(
                round_=round_, template_kind=data["template_kind"], size=data["size"],
                filters=BatchFilters(ages=data["ages"], reachability=data["reachability"]),
                actor=Actor.from_request(request), confirm_large=data["confirm_large"], now=now,
            )
        except BatchError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("invitations:batch_detail", pk=batch.pk)
    counts = selectors.rounds_with_counts(user=request.user, unit=unit).get(pk=round_.pk)
    return render(request, "invitations/batch_new.html", {
        "round": round_, "form": form, "web_times": web_times, "not_invited": counts.n_selected,
        "batches": batches_of_round(user=request.user, unit=unit, round_=round_)[:20],
    })


@staff_view(Capability.CASE_HANDLE)
def batch_detail(request, pk: int):
    batch = batch_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    texts = list(standard_texts_for(unit=batch.unit))
    if request.method == "POST":
        form = BatchMessageForm(request.POST)
        if form.is_valid():
            message = form.cleaned_data["message"]
            chosen = next((t for t in texts if str(t.pk) == request.POST.get("insert")), None)
            if chosen is not None:
                message = f"{message}\n\n{chosen.text}".strip()
            try:
                batch_save_message(batch=batch, message=message)
            except BatchError as exc:
                messages.error(request, str(exc))
            return redirect(reverse("invitations:batch_detail", args=[batch.pk]) + "#forhandsgranskning")
    else:
        form = BatchMessageForm(initial={"message": batch.message})
    rows = batch_check_rows(batch=batch)
    Auditor(Actor.from_request(request)).record(
        action=AccessAction.SEARCH, detail=f"send batch {batch.pk}: recipient check ({len(rows)} people)"
    )
    try:
        previews = batch_preview(batch=batch, rows=rows, message=batch.message, now=timezone.now())
        template_problem = ""
    except TemplateMissing as exc:
        previews, template_problem = [], str(exc)
    return render(request, "invitations/batch_detail.html", {
        "batch": batch, "rows": rows, "form": form, "texts": texts, "previews": previews,
        "template_problem": template_problem, "large": len(rows) > RECOMMENDED_BATCH_SIZE,
        "missing_count": sum(1 for r in rows if r.notification_missing),
    })


@require_POST
@staff_view(Capability.CASE_HANDLE)
def batch_send_view(request, pk: int):
    batch = batch_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    form = BatchMessageForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else None
    try:
        result = batch_send(batch=batch, actor=Actor.from_request(request), message=message)
    except (BatchError, TemplateMissing) as exc:
        messages.error(request, str(exc))
        return redirect("invitations:batch_detail", pk=batch.pk)
    counts = result.counts
    if result.already_sent:
        messages.info(request, _("The batch had already been sent; no one was invited twice."))
    else:
        messages.success(request, _(
            "Sent. Digital: %(digital)d, phone list: %(phone)d, letter list: %(letter)d, excluded: %(excluded)d."
        ) % {k: counts.get(k, 0) for k in ("digital", "phone", "letter", "excluded")})
    return redirect("invitations:batch_detail", pk=batch.pk)


@require_POST
@staff_view(Capability.CASE_HANDLE)
def batch_remove(request, pk: int):
    batch = batch_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    try:
        left = batch_remove_person(batch=batch, participation_id=int(request.POST.get("participation", 0)))
    except (BatchError, ValueError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Removed from the batch. %(n)d left.") % {"n": left})
    return redirect("invitations:batch_detail", pk=batch.pk)


@require_POST
@staff_view(Capability.CASE_HANDLE)
def batch_discard_view(request, pk: int):
    batch = batch_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    try:
        batch_discard(batch=batch, actor=Actor.from_request(request))
    except BatchError as exc:
        messages.error(request, str(exc))
        return redirect("invitations:batch_detail", pk=batch.pk)
    messages.success(request, _("The batch was discarded. Its people can be picked again."))
    return redirect("invitations:batch_new", pk=batch.round_id)
