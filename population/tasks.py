"""Celery entry points: thin, take ids, call the services."""

from celery import shared_task

from population.services import imports


@shared_task(name="population.tasks.preview_import")
def preview_import(import_id: int) -> None:
    imports.import_preview_job(import_id=import_id)


@shared_task(name="population.tasks.commit_import")
def commit_import(import_id: int) -> None:
    imports.import_commit_job(import_id=import_id)


@shared_task(name="population.tasks.purge_stale_imports")
def purge_stale_imports() -> dict:
    return imports.imports_purge_stale()
