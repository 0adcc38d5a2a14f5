"""Message templates as data: region rows with per-unit overrides, language variants, versions.

A template is one text (subject and body) of one kind in one language, for a
region (unit empty) or overriding the region's text for one unit. Every change
of the text is a new `MessageTemplateVersion`; a sent message keeps the id of
the version it was rendered from, so changing a template never changes what
was sent.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from population.models import CareUnit, Region


class TemplateKind(models.TextChoices):
    INVITATION_WEB = "invitation_web", _("Invitation with web times")
    INVITATION_PHONE = "invitation_phone", _("Invitation via telephone")
    INVITATION_LETTER = "invitation_letter", _("Letter invitation")
    REPLY_LETTER = "reply_letter", _("Reply letter")
    PHONE_SCRIPT = "phone_script", _("Phone call script")
    DATA_PROTECTION = "data_protection", _("How is my data protected?")
    REPLY_QUESTIONNAIRE = "reply_questionnaire", _("Reply: fill in the questionnaire")
    REPLY_WE_CALL = "reply_we_call", _("Reply: we will call you")
    REPLY_SELF_BOOK = "reply_self_book", _("Reply: book your time yourself")
    REPLY_DECLINED = "reply_declined", _("Reply: declined")
    REMINDER_AUTO = "reminder_auto", _("Automatic reminder")
    REMINDER_MANUAL = "reminder_manual", _("Manual reminder")
    BOOKING_CONFIRMATION = "booking_confirmation", _("Booking confirmation")
    BOOKING_CHANGED = "booking_changed", _("Booking changed")
    BOOKING_CANCELLED = "booking_cancelled", _("Booking cancelled")
    BOOKING_REMINDER = "booking_reminder", _("Reminder of the booked time")
    LAB_REMINDER = "lab_reminder", _("Lab test reminder")
    PREVISIT_REMINDER = "previsit_reminder", _("Reminder before the visit")


# Languages a template variant can be written in (each named in itself).
TEMPLATE_LANGUAGES = [
    ("sv", "Svenska"),
    ("en", "English"),
    ("ar", "العربية"),
    ("fi", "Suomi"),
    ("so", "Soomaali"),
    ("fa", "فارسی"),
    ("ti", "ትግርኛ"),
    ("pl", "Polski"),
    ("bs", "Bosanski/Hrvatski/Srpski"),
    ("ku", "Kurdî"),
    ("uk", "Українська"),
    ("es", "Español"),
]


class MessageTemplate(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="message_templates",
                               verbose_name=_("region"))
    unit = models.ForeignKey(
        CareUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="message_templates",
        verbose_name=_("unit"), help_text=_("Empty: the region's text. A unit's text replaces the region's there."),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=TemplateKind.choices)
    language = models.CharField(_("language"), max_length=8, choices=TEMPLATE_LANGUAGES, default="sv")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_("Placeholders: {{ name }}, {{ unit }}, {{ unit_phone }}, {{ link }}, {{ deadline }}, "
                    "{{ date }}, {{ time }}, {{ place }}. Only placeholders and simple filters are allowed."),
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    current_version = models.ForeignKey(
        "MessageTemplateVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("current version"),
    )
    updated_at = models.DateTimeField(_("last changed"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["region", "kind", "unit", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind", "language"], condition=models.Q(unit__isnull=True),
                name="template_region_kind_language",
            ),
            models.UniqueConstraint(
                fields=["unit", "kind", "language"], condition=models.Q(unit__isnull=False),
                name="template_unit_kind_language",
            ),
        ]

    def __str__(self) -> str:
        owner = self.unit.name if self.unit_id else self.region.name
        return f"{self.get_kind_display()} ({self.language}) – {owner}"


class MessageTemplateVersion(models.Model):
    """The text of a template as it was at one version. Append-only; kept when a unit's override is removed."""

    template = models.ForeignKey(
        MessageTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="versions"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=TemplateKind.choices)
    language = models.CharField(_("language"), max_length=8, choices=TEMPLATE_LANGUAGES)
    number = models.PositiveIntegerField(_("version"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(pgettext_lazy("template version", "created"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        ordering = ["template", "-number"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="template_version_unique")]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"


class StandardText(models.Model):
    """A ready-made sentence a case handler inserts into a message with one click."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="standard_texts",
                               verbose_name=_("region"))
    unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="standard_texts", verbose_name=_("unit"),
                             help_text=_("Empty: offered in every unit of the region."))
    title = models.CharField(_("title"), max_length=80)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("standard text")
        verbose_name_plural = _("standard texts")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title
