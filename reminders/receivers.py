"""Listens to invitations: any answer or decline stops every pending reminder, in the answering transaction."""

from django.dispatch import receiver

from invitations.signals import participation_answered
from reminders.services.tasks import pending_reminders_cancel


@receiver(participation_answered, dispatch_uid="reminders_cancel_pending_on_answer")
def cancel_pending_reminders(sender, *, participation, now, actor, **kwargs):
    pending_reminders_cancel(participation_id=participation.pk, actor=actor, now=now)
