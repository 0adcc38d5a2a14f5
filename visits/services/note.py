"""Signing the journal note: the text is stored as copied to the EHR, and the visit becomes documented.

Signing marks the participation visited → documented, freezes the Hälsokurva result (a later
table never changes it) and closes the questionnaire for changes, all in one transaction. A
second click returns the note already signed.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from halsokurva.services import result_freeze
from invitations.models import PARTICIPATION_MACHINE, ParticipationState
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from questionnaire.selectors import response_for_participation
from questionnaire.services.responses import response_lock
from rhs_portal.statemachine import TransitionConflict, TransitionNotAllowed
from visits.journal import NoteContent, note_text
from visits.models import VISIT_MACHINE, JournalNote, Visit, VisitStatus


class NoteNotPossible(Exception):
    pass


def note_sign(*, visit: Visit, content: NoteContent, actor: Actor, now: dt.datetime | None = None) -> JournalNote:
    now = now or timezone.now()
    if not content.contact_reason.strip():
        raise NoteNotPossible(_("Choose the contact reason: reimbursement depends on it."))
    if not content.diagnoses:
        raise NoteNotPossible(_("Choose at least the main diagnosis code."))
    with transaction.atomic():
        visit = Visit.objects.select_for_update(of=("self",)).select_related("participation", "result", "person").get(pk=visit.pk)
        existing = JournalNote.objects.filter(visit=visit).first()
        if existing is not None:
            return existing
        if visit.status != VisitStatus.IN_PROGRESS:
            raise NoteNotPossible(_("The visit is already documented."))
        text = note_text(visit, content)
        note = JournalNote.objects.create(
            visit=visit, contact_reason=content.contact_reason.strip(),
            diagnosis_codes=[code for code, _text in content.diagnoses], kva_codes=[code for code, _t in content.kva],
            advice_text=content.advice_text.strip(), text=text, signed_at=now, signed_by=actor.user,
        )
        VISIT_MACHINE.transition(visit, VisitStatus.DOCUMENTED, actor_name=actor.name, actor_user=actor.user, now=now,
                                 note="journal note signed")
        try:
            PARTICIPATION_MACHINE.transition(visit.participation, ParticipationState.DOCUMENTED, actor_name=actor.name,
                                             actor_user=actor.user, now=now, note="journal note signed")
        except (TransitionNotAllowed, TransitionConflict):
            raise NoteNotPossible(_("The participation is '%(state)s' and cannot be marked documented.") % {
                "state": visit.participation.get_state_display()}) from None
        if visit.result_id:
            result_freeze(result=visit.result, now=now)
        response = response_for_participation(participation_id=visit.participation_id)
        if response is not None:
            response_lock(response=response, actor=actor, now=now)
        Auditor(actor, now=now).record(action=AccessAction.CHANGE, person=visit.person, obj=note,
                                       detail="journal note signed; visit documented")
    return note
