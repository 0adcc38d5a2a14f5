from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HalsokurvaConfig(AppConfig):
    name = "halsokurva"
    verbose_name = _("Hälsokurva")
