from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from population.models import CareUnit, Person
from rhs_portal.statemachine import StateMachine, StatusHistory


class Round(models.Model):
    """A unit's invitation round for one year: who turns the invited ages."""

    unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    ages = models.JSONField(_("ages"), default=list)
    seed = models.BigIntegerField(_("random seed"), help_text=_("Fixes the random order of the participants."))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation round")
        verbose_name_plural = _("invitation rounds")
        ordering = ["-year", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="round_unit_year_unique")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    @property
    def ages_display(self) -> str:
        return ", ".join(str(a) for a in sorted(self.ages))


class ParticipationState(models.TextChoices):
    SELECTED = "selected", pgettext_lazy("participation state", "Selected")
    INVITED = "invited", pgettext_lazy("participation state", "Invited")
    ANSWERED = "answered", pgettext_lazy("participation state", "Answered")
    BOOKED = "booked", pgettext_lazy("participation state", "Booked")
    VISITED = "visited", pgettext_lazy("participation state", "Visit held")
    DOCUMENTED = "documented", pgettext_lazy("participation state", "Documented")
    DECLINED = "declined", pgettext_lazy("participation state", "Declined")
    NOT_REACHED = "not_reached", pgettext_lazy("participation state", "Not reached")
    EXCLUDED = "excluded", pgettext_lazy("participation state", "Excluded")


class ExitReason(models.TextChoices):
    NONE = "", _("—")
    MOVED = "moved", _("Moved to another unit")
    NOT_LISTED = "not_listed", _("No longer listed")
    DECEASED = "deceased", _("Deceased")
    INVALID_NUMBER = "invalid_number", _("Invalid personal identity number")
    OTHER = "other", _("Other reason")


class CitizenAnswer(models.TextChoices):
    NONE = "", "—"
    SELF_BOOK = "self_book", pgettext_lazy("answer", "Will book a time")
    CALL_ME = "call_me", pgettext_lazy("answer", "Call me")
    DECLINE = "decline", pgettext_lazy("answer", "No thank you")


class AnswerChannel(models.TextChoices):
    """How an answer reached the unit (kept for the statistics)."""

    NONE = "", "—"
    PORTAL = "portal", pgettext_lazy("answer channel", "In the portal")
    PHONE = "phone", pgettext_lazy("answer channel", "By phone")
    LETTER = "letter", pgettext_lazy("answer channel", "By reply letter")


OPEN_STATES = frozenset(
    {ParticipationState.SELECTED, ParticipationState.INVITED, ParticipationState.ANSWERED, ParticipationState.BOOKED}
)


class Participation(models.Model):
    """One person's participation in one round, from selection to visit or exit."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    position = models.PositiveIntegerField(_("order"), help_text=_("Place in the round's random order."))
    state = models.CharField(
        _("state"), max_length=12, choices=ParticipationState.choices, default=ParticipationState.SELECTED,
        db_index=True,
    )
    state_changed_at = models.DateTimeField(_("state changed"))
    exit_reason = models.CharField(_("exit reason"), max_length=16, choices=ExitReason.choices, blank=True)
    # The latest answer, however it came (portal, phone, reply letter): the statistics read these.
    answer = models.CharField(_("answer"), max_length=10, choices=CitizenAnswer.choices, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer_channel = models.CharField(_("answered through"), max_length=8, choices=AnswerChannel.choices,
                                      blank=True)
    # The cohort as selected: the age turned in the round's year and the area the person lived in then
    # (the statistics group by these without reading every person).
    age = models.PositiveSmallIntegerField(_("age in the round's year"), null=True, blank=True, editable=False)
    area_code = models.CharField(_("area when selected"), max_length=20, blank=True, default="", db_default="",
                                 editable=False)
    # The furthest step of PROGRESSION ever entered (its index), kept by PARTICIPATION_MACHINE: the funnel
    # counts "reached this step" from it instead of searching the history.
    reached = models.PositiveSmallIntegerField(_("furthest step reached"), default=0, db_default=0, editable=False)
    # How the invitation went out (the send batch's route: digital, phone or letter), and when the person first
    # answered (answered, booked or later, or declined): what the statistics group by, kept as they happen.
    invited_via = models.CharField(_("invited through"), max_length=8, blank=True, default="", db_default="",
                                   editable=False)
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True, editable=False)
    # Answered before any reminder, after which reminder, on the phone or by letter: kept by the reminders
    # app once the person has answered (reminders.answer_timing), for the statistics.
    answer_timing = models.CharField(_("answered after"), max_length=24, blank=True, default="", db_default="",
                                     editable=False)
    # Milestones other steps reach, stamped the first time (participation_milestone): the invitation read,
    # the questionnaire handed in, the lab results in. Set once, like `reached`: a later change keeps them.
    read_at = models.DateTimeField(_("invitation first read"), null=True, blank=True, editable=False)
    questionnaire_at = models.DateTimeField(_("questionnaire handed in"), null=True, blank=True, editable=False)
    lab_results_at = models.DateTimeField(_("lab results in"), null=True, blank=True, editable=False)
    # When the person was selected for the round (the service's `now`): reminders before it belong to
    # another round, and the statistics' period filters on it.
    created_at = models.DateTimeField(_("selected"), default=timezone.now)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="participation_round_person_unique"),
            models.UniqueConstraint(fields=["round", "position"], name="participation_round_position_unique"),
        ]
        indexes = [
            models.Index(fields=["round", "state", "position"], name="participation_round_state"),
            # The answers whose timing the reminders app has not kept yet (a day's at most).
            models.Index(
                fields=["id"], condition=Q(answer_timing="", first_answered_at__isnull=False),
                name="participation_timing_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.round}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class ParticipationEvent(StatusHistory):
    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("participation event")
        verbose_name_plural = _("participation events")


_S = ParticipationState
# The programme's steps in order; a participation has reached a step when it entered it or a later one.
PROGRESSION = (_S.SELECTED, _S.INVITED, _S.ANSWERED, _S.BOOKED, _S.VISITED, _S.DOCUMENTED)
# The states that mean the person answered the invitation (a decline is an answer too).
ANSWER_STATES = (_S.ANSWERED, _S.BOOKED, _S.VISITED, _S.DOCUMENTED, _S.DECLINED)
PARTICIPATION_MACHINE = StateMachine(
    model=Participation,
    field="state",
    changed_at_field="state_changed_at",
    history_model=ParticipationEvent,
    history_fk="participation",
    progress_field="reached",
    progression=PROGRESSION,
    first_entered_field="first_answered_at",
    first_entered_states=frozenset(ANSWER_STATES),
    table={
        _S.SELECTED: frozenset({_S.INVITED, _S.EXCLUDED}),
        # A visit may be held without a booking in the portal (booked by phone, or on site): → visited.
        _S.INVITED: frozenset({_S.ANSWERED, _S.BOOKED, _S.VISITED, _S.DECLINED, _S.NOT_REACHED, _S.EXCLUDED}),
        _S.ANSWERED: frozenset({_S.BOOKED, _S.VISITED, _S.DECLINED, _S.NOT_REACHED, _S.EXCLUDED}),
        _S.BOOKED: frozenset({_S.ANSWERED, _S.VISITED, _S.DECLINED, _S.NOT_REACHED, _S.EXCLUDED}),
        _S.VISITED: frozenset({_S.DOCUMENTED}),
        _S.DOCUMENTED: frozenset(),
        # A person who declined or could not be reached may still come back.
        _S.DECLINED: frozenset({_S.ANSWERED, _S.BOOKED}),
        _S.NOT_REACHED: frozenset({_S.ANSWERED, _S.BOOKED, _S.DECLINED}),
        # Listed again after leaving: selectable again.
        _S.EXCLUDED: frozenset({_S.SELECTED}),
    },
)


class CitizenLink(models.Model):
    """The citizen's personal link to their participation (invitation, booking, questionnaire, results).

    The URL carries `public_id` signed with the site's secret (django.core.signing),
    so a link cannot be guessed or altered; it is valid while the participation
    is open and for a while after (LINK_VALID_AFTER_CLOSE), and staff can revoke it.
    """

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="links")
    public_id = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    failed_checks = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")
        indexes = [models.Index(fields=["participation", "revoked_at"], name="citizenlink_participation")]

    def __str__(self) -> str:
        return f"link {self.public_id[:6]}… ({self.participation_id})"
