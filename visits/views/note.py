"""The journal note (preview, codes, kontaktorsak, sign), the citizen summary PDF and the FHIR export."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from population.models import AccessAction
from population.services.audit import Actor, Auditor
from rhs_portal.access import staff_view
from rhs_portal.downloads import pdf_response
from rhs_portal.roles import Capability
from visits import selectors
from visits.fhir import visit_bundle
from visits.forms import NoteForm
from visits.journal import NoteContent, diagnosis_pairs, kva_from_dialogue, note_text
from visits.page import staff_language
from visits.pdf import summary_pdf
from visits.services.note import NoteNotPossible, note_sign
from visits.summary import build_summary


@staff_view(Capability.VISIT_CONDUCT)
def note(request, pk: int):
    visit = selectors.visit_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    summary = build_summary(visit, language=staff_language())
    signed = selectors.note_of(visit)
    actor = Actor.from_request(request)
    if signed is not None:
        Auditor(actor).view(visit.person, obj=signed, detail="signed journal note")
        return render(request, "visits/note_signed.html", {"visit": visit, "note": signed, "s": summary,
                                                           "person": visit.person})
    region = visit.participation.round.unit.region
    reasons, codes = selectors.contact_reasons(region), selectors.kva_codes(region)
    default_reason = next((r.text for r in reasons if r.is_default), reasons[0].text if reasons else "")
    initial = {
        "contact_reason": default_reason,
        "diagnoses": [code for code, _text in summary.suggested_diagnoses],
        "kva": [c.code for c in kva_from_dialogue(summary, codes)],
    }
    form = NoteForm(request.POST or None, initial=initial, reasons=reasons, codes=codes)
    data = form.cleaned_data if form.is_bound and form.is_valid() else initial
    content = NoteContent(
        contact_reason=data.get("contact_reason", ""), diagnoses=diagnosis_pairs(data.get("diagnoses", [])),
        kva=[(c, form.codes[c].text) for c in data.get("kva", []) if c in form.codes],
        advice_text=data.get("advice_text", ""), nurse=visit.nurse.get_full_name() or visit.nurse.get_username(),
        date=timezone.localdate(visit.started_at),
    )
    if request.method == "POST" and "sign" in request.POST and form.is_valid():
        try:
            note_sign(visit=visit, content=content, actor=actor)
        except NoteNotPossible as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The note is signed and the visit is documented."))
            return redirect("visits:note", pk=visit.pk)
    preview = note_text(visit, content)
    if request.htmx and "sign" not in request.POST:
        return render(request, "visits/_note_preview.html", {"preview": preview})
    Auditor(actor).view(visit.person, obj=visit, detail="journal note draft")
    return render(request, "visits/note.html", {"visit": visit, "person": visit.person, "s": summary, "form": form,
                                                "preview": preview})


@staff_view(Capability.VISIT_CONDUCT)
def summary_download(request, pk: int):
    """The citizen's summary as PDF, to print and give at the end of the visit."""
    visit = selectors.visit_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    language = request.GET.get("sprak") or (visit.person.preferred_language or "sv")
    content = summary_pdf(visit, language=language)
    Auditor(Actor.from_request(request)).record(action=AccessAction.PRINT, person=visit.person, obj=visit,
                                                detail="citizen summary PDF")
    return pdf_response(f"halsosamtal-{timezone.localdate(visit.started_at):%Y-%m-%d}.pdf", content, inline=True)


@staff_view(Capability.VISIT_CONDUCT)
def fhir_export(request, pk: int):
    visit = selectors.visit_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    bundle = visit_bundle(build_summary(visit, language="sv"))
    Auditor(Actor.from_request(request)).record(action=AccessAction.EXPORT, person=visit.person, obj=visit,
                                                detail="visit FHIR bundle")
    response = HttpResponse(json.dumps(bundle, ensure_ascii=False, indent=1), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="besok-{visit.pk}.fhir.json"'
    return response
