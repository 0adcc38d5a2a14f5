from django.utils.translation import gettext_lazy as _

CITIZEN_LANGUAGE_NAMES = [("sv", "Svenska"), ("en", "English"), ("ar", "العربية")]


def languages(request) -> dict:
    """The languages citizen pages offer, each named in itself."""
    return {"citizen_languages": CITIZEN_LANGUAGE_NAMES, "citizen_language_label": _("Language")}
