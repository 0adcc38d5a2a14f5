from celery import shared_task

from reporting.services import research_export


@shared_task(name="reporting.tasks.run_research_export")
def run_research_export(export_id: int) -> None:
    from reporting.models import ResearchExport

    def progress(done: int, total: int) -> None:
        ResearchExport.objects.filter(pk=export_id).update(progress_done=done, progress_total=total)

    research_export.research_export_run(export_id=export_id, progress=progress)
