"""Celery entry points: thin, take ids, call the services."""

from celery import shared_task

from invitations.services import letters


@shared_task(name="invitations.tasks.render_letter_batch")
def render_letter_batch(batch_id: int) -> None:
    letters.letter_batch_render_job(batch_id=batch_id)


@shared_task(name="invitations.tasks.requeue_letter_batches")
def requeue_letter_batches() -> dict:
    return letters.letter_batches_requeue_stuck()
