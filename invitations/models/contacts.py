"""Contacts of a participation outside 1177-style cases: phone calls to make, letters to print, replies on paper."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from population.models import CareUnit
from rhs_portal.statemachine import StateMachine, StatusHistory

from .cases import InvitationCase
from .rounds import Participation


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Phone call")
    LETTER = "letter", _("Letter")
    REPLY = "reply", _("Reply on paper")


class ContactReason(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    NO_ANSWER = "no_answer", _("No answer to the digital invitation")
    CALL_ME = "call_me", _("Asked to be called")
    NO_SHOW = "no_show", _("Did not come: offer a new time")
    RETURNED_MAIL = "returned_mail", _("The letter came back")
    STAFF = "staff", _("Added by staff")


class ContactStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("contact status", "To do")
    IN_BATCH = "in_batch", pgettext_lazy("contact status", "In a letter batch")
    DONE = "done", pgettext_lazy("contact status", "Done")
    RETURNED = "returned", pgettext_lazy("contact status", "Returned mail")
    CANCELLED = "cancelled", pgettext_lazy("contact status", "Cancelled")


class Contact(models.Model):
    participation = models.ForeignKey(Participation, on_delete=models.PROTECT, related_name="contacts")
    unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=8, choices=ContactKind.choices)
    reason = models.CharField(_("reason"), max_length=16, choices=ContactReason.choices)
    status = models.CharField(_("status"), max_length=10, choices=ContactStatus.choices, default=ContactStatus.OPEN)
    status_changed_at = models.DateTimeField(_("status changed"))
    case = models.ForeignKey(
        InvitationCase, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts",
        verbose_name=_("case"), help_text=_("The case this contact follows up, if any."),
    )
    via_forwarding = models.BooleanField(
        _("via the tax agency's forwarding"), default=False,
        help_text=_("Protected identity: the letter carries no address and goes through the forwarding routine."),
    )
    message = models.TextField(_("message"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    idempotency_key = models.CharField(max_length=200, unique=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["unit", "kind", "status", "created_at"], name="contact_unit_kind_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.participation.person}"

    @property
    def reference(self) -> str:
        """The letter's reference, printed on both pages and in the print manifest."""
        return f"RHS-{self.created_at:%Y}-{self.pk:06d}"


class ContactEvent(StatusHistory):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("contact event")
        verbose_name_plural = _("contact events")


_S = ContactStatus
CONTACT_MACHINE = StateMachine(
    model=Contact,
    field="status",
    changed_at_field="status_changed_at",
    history_model=ContactEvent,
    history_fk="contact",
    table={
        _S.OPEN: frozenset({_S.IN_BATCH, _S.DONE, _S.CANCELLED}),
        # A batch that is discarded gives its letters back to the list.
        _S.IN_BATCH: frozenset({_S.OPEN, _S.DONE}),
        # A printed letter that comes back.
        _S.DONE: frozenset({_S.RETURNED}),
        _S.RETURNED: frozenset(),
        _S.CANCELLED: frozenset(),
    },
)
