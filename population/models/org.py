from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rhs_portal.roles import RegionRoleKind, Role

hsa_id_validator = RegexValidator(
    r"^SE\d{10}-[A-Za-z0-9]{1,20}$",
    _("An HSA-id looks like SE2321000032-E123 (SE, ten digits, a dash and a code)."),
)


def default_ages() -> list[int]:
    return [40, 50, 60]


class Region(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    default_ages = models.JSONField(
        _("ages invited"), default=default_ages, help_text=_("Ages invited the year they are reached.")
    )
    staff_support = models.CharField(
        _("technical support for staff"), max_length=300, blank=True,
        help_text=_("For example: the e-health service desk, phone 010-103 60 00."),
    )
    citizen_support = models.CharField(
        _("e-services support for citizens"), max_length=300, blank=True,
        help_text=_("For example: 0770-72 00 00, every day 06:00–22:00."),
    )
    programme_contact = models.EmailField(_("programme contact address"), blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CareUnit(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="units", verbose_name=_("region"))
    name = models.CharField(_("name"), max_length=160)
    hsa_id = models.CharField(_("HSA-id"), max_length=40, unique=True, validators=[hsa_id_validator])
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    postal_town = models.CharField(_("postal town"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    letter_signature = models.TextField(
        _("letter signature"), blank=True, help_text=_("Printed at the end of letters, e.g. the nurses' names.")
    )
    logo = models.ImageField(_("logo"), upload_to="unit-logos/", blank=True)

    class Meta:
        verbose_name = _("care unit")
        verbose_name_plural = _("care units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StaffUser(AbstractUser):
    """A member of staff. Citizens never have accounts; they use personal links."""

    hsa_id = models.CharField(
        _("personal HSA-id"), max_length=40, blank=True, null=True, unique=True,
        help_text=_("Used to match a login from the region's identity provider."),
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """One role of one staff member in one care unit."""

    user = models.ForeignKey(StaffUser, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(CareUnit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("unit"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique_role")]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} – {self.get_role_display()}"


class RegionRole(models.Model):
    """A region-wide role: region administrator or region statistician."""

    user = models.ForeignKey(StaffUser, on_delete=models.CASCADE, related_name="region_roles")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="staff_roles")
    role = models.CharField(_("role"), max_length=30, choices=RegionRoleKind.choices)

    class Meta:
        verbose_name = _("region role")
        verbose_name_plural = _("region roles")
        constraints = [models.UniqueConstraint(fields=["user", "region", "role"], name="region_role_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.region} – {self.get_role_display()}"
