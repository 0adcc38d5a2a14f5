from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .org import CareUnit
from .person import Person


class ActorKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    SYSTEM = "system", _("System job")
    CITIZEN = "citizen", _("Citizen")


class AccessAction(models.TextChoices):
    VIEW = "view", _("View")
    SEARCH = "search", _("Search")
    CREATE = "create", _("Create")
    CHANGE = "change", _("Change")
    EXPORT = "export", _("Export")
    PRINT = "print", _("Print")


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The access log is append-only.")

    def delete(self):
        raise PermissionError("The access log is append-only.")


class AccessLogEntry(models.Model):
    """One access to a person's data (patientdatalagen, HSLF-FS 2016:40). Append-only."""

    at = models.DateTimeField(_("time"), db_index=True)
    actor_kind = models.CharField(_("actor kind"), max_length=8, choices=ActorKind.choices)
    # The log is written set-based at volume (an import logs every person it
    # touches): its foreign keys are not enforced by the database and carry no
    # single-column index of their own (the composite indexes below lead with
    # them). People, units and users are never deleted, so nothing dangles.
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("user"), db_constraint=False, db_index=False,
    )
    actor_name = models.CharField(
        _("actor"), max_length=150, help_text=_("User name, system job name or 'citizen'.")
    )
    unit = models.ForeignKey(
        CareUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("care unit"),
        db_constraint=False, db_index=False,
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person"),
        db_constraint=False, db_index=False,
    )
    action = models.CharField(_("action"), max_length=8, choices=AccessAction.choices)
    object_type = models.CharField(_("object"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["person", "-at"], name="accesslog_person_at"),
            models.Index(fields=["actor_user", "-at"], name="accesslog_user_at"),
            models.Index(fields=["unit", "-at"], name="accesslog_unit_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The access log is append-only.")
