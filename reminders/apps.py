from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from responses.day_flags import register_day_flag_source

        from . import receivers  # noqa: F401
        from .selectors import previsit_flags

        register_day_flag_source(previsit_flags)  # the nurse's day view shows the pre-visit flag
