"""The dialogue: per habit the citizen's own goal, motivation and confidence, and the advice given."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .visit import Visit


class Habit(models.TextChoices):
    PHYSICAL_ACTIVITY = "physical_activity", _("Physical activity")
    DIET = "diet", _("Eating habits")
    ALCOHOL = "alcohol", _("Alcohol")
    TOBACCO = "tobacco", _("Tobacco")


# The Hälsokurva row of each habit (its level suggests the advice and the Z72 code).
HABIT_ROWS = {
    Habit.PHYSICAL_ACTIVITY: "fysisk_aktivitet",
    Habit.DIET: "matvanor",
    Habit.ALCOHOL: "alkohol",
    Habit.TOBACCO: "tobak",
}


class FollowUp(models.TextChoices):
    NONE = "none", _("No follow-up needed")
    NEW_DIALOGUE = "new_dialogue", _("A new dialogue (follow-up visit or call)")
    PHYSICIAN = "physician", _("Contact with a physician")
    FAR = "far", _("Physical activity on prescription (FaR)")


class HabitGoal(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="goals")
    habit = models.CharField(_("habit"), max_length=20, choices=Habit.choices)
    goal = models.TextField(_("my goal"), blank=True, help_text=_("In the citizen's own words."))
    motivation = models.PositiveSmallIntegerField(_("motivation (0–10)"), null=True, blank=True)
    confidence = models.PositiveSmallIntegerField(_("confidence (0–10)"), null=True, blank=True)
    advice = models.ForeignKey("visits.KvaCode", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("advice given"))

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["visit", "habit"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "habit"], name="habitgoal_visit_habit"),
            models.CheckConstraint(condition=models.Q(motivation__lte=10), name="habitgoal_motivation_0_10"),
            models.CheckConstraint(condition=models.Q(confidence__lte=10), name="habitgoal_confidence_0_10"),
        ]

    def __str__(self) -> str:
        return f"{self.get_habit_display()}: {self.goal[:40]}"

    @property
    def is_empty(self) -> bool:
        return not (self.goal or self.motivation is not None or self.confidence is not None or self.advice_id)
