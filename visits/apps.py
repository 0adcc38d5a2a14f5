from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Health dialogue visits")

    def ready(self) -> None:
        from . import panels  # noqa: F401 - the person page's health dialogue panel
