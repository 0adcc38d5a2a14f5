from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Statistics, equity follow-up and research export (DESIGN.md's `statistics`, see ADR 10 for the name)."""

    name = "reporting"
    verbose_name = _("Statistics and research")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from reporting.aggregates import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="reporting-sqlite-functions")
        from reporting.services import export_fields_visit  # noqa: F401 - registers the visit's export fields
