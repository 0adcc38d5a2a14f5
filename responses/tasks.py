"""Celery entry points: thin, take ids, call the services."""

from celery import shared_task

from responses.services.lab_import import FLOW


@shared_task(name="responses.tasks.preview_lab_import")
def preview_lab_import(import_id: int) -> None:
    FLOW.preview_job(import_id=import_id)


@shared_task(name="responses.tasks.commit_lab_import")
def commit_lab_import(import_id: int) -> None:
    FLOW.commit_job(import_id=import_id)


@shared_task(name="responses.tasks.purge_stale_lab_imports")
def purge_stale_lab_imports() -> dict:
    return FLOW.purge_stale()
