from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Health dialogue visits")

    def ready(self) -> None:
        from questionnaire.signals import response_handed_in

        from . import panels  # noqa: F401 - the person page's health dialogue panel
        from .receivers import stamp_questionnaire_handed_in

        response_handed_in.connect(stamp_questionnaire_handed_in, dispatch_uid="visits-questionnaire-milestone")
