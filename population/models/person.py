from django.db import models
from django.utils.translation import gettext_lazy as _

from .org import CareUnit


class Sex(models.TextChoices):
    MALE = "male", _("Man")
    FEMALE = "female", _("Woman")


class EServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    NEVER_LOGGED_IN = "never_logged_in", _("Never logged in")
    LOCKED = "locked", _("Locked login")
    UNKNOWN = "", _("Unknown")


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Mobile")
    EMAIL_SMS = "email_sms", _("E-mail and mobile")
    MISSING = "", _("Missing")


class Person(models.Model):
    """A person on a care unit's list.

    Never deleted: a person missing from a new list is marked not listed, a
    person on another unit's list moves there.
    """

    personnummer = models.CharField(
        _("personal identity number"), max_length=12,
        help_text=_("Twelve digits, normalised; a coordination number has 60 added to the day."),
    )
    is_coordination_number = models.BooleanField(_("coordination number"), default=False)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    postal_town = models.CharField(_("postal town"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, help_text=_("Normalised, e.g. +46701740605."))
    email = models.EmailField(_("e-mail"), blank=True)
    eservice_status = models.CharField(
        _("e-services account"), max_length=16, choices=EServiceStatus.choices, blank=True
    )
    notification = models.CharField(
        _("notification"), max_length=10, choices=NotificationChannel.choices, blank=True
    )
    protected_identity = models.BooleanField(_("protected identity"), default=False)
    deceased = models.BooleanField(_("deceased"), default=False)
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)
    area_code = models.CharField(_("area code"), max_length=20, blank=True, help_text=_("E.g. a DeSO code."))
    listed_unit = models.ForeignKey(  # indexed by person_unit_listed_birth, which leads with it
        CareUnit, on_delete=models.PROTECT, related_name="persons", verbose_name=_("listed at"), db_index=False
    )
    is_listed = models.BooleanField(_("listed"), default=True)
    # db_default: the population import inserts rows with SQL (ADR 4); every
    # column it does not name needs a default in the database itself.
    research_opt_out = models.BooleanField(
        _("declines research use"), default=False, db_default=False,
        help_text=_("The person has said no to their data being used in research extracts."),
    )
    research_opt_out_at = models.DateTimeField(_("research choice recorded"), null=True, blank=True)
    is_synthetic = models.BooleanField(
        _("synthetic (demo) person"), default=False, help_text=_("Made-up data, not a real person.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["last_name", "first_name"]
        constraints = [
            # A constraint rather than unique=True: no extra pattern-ops index on PostgreSQL.
            models.UniqueConstraint(fields=["personnummer"], name="person_personnummer_unique"),
        ]
        indexes = [
            models.Index(fields=["listed_unit", "is_listed", "birth_date"], name="person_unit_listed_birth"),
            models.Index(fields=["last_name", "first_name"], name="person_name"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def personnummer_display(self) -> str:
        return f"{self.personnummer[:8]}-{self.personnummer[8:]}"

    @property
    def has_address(self) -> bool:
        return bool(self.street_address and self.postal_code)
