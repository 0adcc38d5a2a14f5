from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizenConfig(AppConfig):
    name = "citizen"
    verbose_name = _("Citizen pages")

    def ready(self) -> None:
        from .views import booking, home, invitation, questionnaire, results  # noqa: F401 - registers the home page's sections
