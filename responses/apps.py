from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsesConfig(AppConfig):
    name = "responses"
    verbose_name = _("Replies, booking and lab tests")

    def ready(self) -> None:
        from visits.lab_sources import register_lab_source
        from visits.visit_times import register_visit_time_source

        from . import panels, receivers  # noqa: F401
        from .selectors import lab_values_for_visit, visit_time_for_reminder

        register_lab_source(lab_values_for_visit)  # the visit page shows the lab's values
        register_visit_time_source(visit_time_for_reminder)  # the pre-visit reminder says when and where
