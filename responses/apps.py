from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsesConfig(AppConfig):
    name = "responses"
    verbose_name = _("Replies, booking and lab tests")

    def ready(self) -> None:
        from visits.lab_sources import register_lab_source

        from . import panels, receivers  # noqa: F401
        from .selectors import lab_values_for_visit

        register_lab_source(lab_values_for_visit)  # the visit page shows the lab's values
