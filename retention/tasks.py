from celery import shared_task

from retention.services import retention_sweep


@shared_task(name="retention.tasks.sweep")
def sweep() -> dict:
    return retention_sweep().report
