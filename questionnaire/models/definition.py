"""A questionnaire definition as versioned data: version → pages → blocks → questions → options.

A published version is never changed: a region adds its questions in a new version (a copy of
the one in force, edited as a draft and then published). Answers point at the version's
questions, so they always keep the version they were given in. Texts are Swedish; each element
carries its other languages in ``translations`` ({"en": {"text": ...}, "ar": {...}}).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

QUESTIONNAIRE_KEY = "fragor-infor-halsosamtalet"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("questionnaire version", "Draft")
    PUBLISHED = "published", pgettext_lazy("questionnaire version", "Published")
    RETIRED = "retired", pgettext_lazy("questionnaire version", "Retired")


class Translated(models.Model):
    """Swedish text fields plus their translations; ``tr(field, language)`` reads one."""

    translations = models.JSONField(_("translations"), default=dict, blank=True,
                                    help_text=_('Other languages, e.g. {"en": {"text": "..."}, "ar": {"text": "..."}}.'))

    class Meta:
        abstract = True

    def tr(self, field: str, language: str) -> str:
        if language and language != "sv":
            value = (self.translations or {}).get(language, {}).get(field)
            if value:
                return value
        return getattr(self, field)


class QuestionnaireVersion(Translated):
    region = models.ForeignKey(
        "population.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="questionnaire_versions",
        verbose_name=_("region"), help_text=_("Empty: the national version, used where a region has none of its own."),
    )
    key = models.SlugField(_("questionnaire"), max_length=60, default=QUESTIONNAIRE_KEY)
    version = models.CharField(_("version"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    valid_from = models.DateField(_("valid from"))
    status = models.CharField(_("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT,
                              db_index=True)
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("based on"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("published by"))

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["-valid_from", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} {self.version}"

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT


class QuestionPage(Translated):
    """One page of the citizen's form: one area (DOMAIN.md §4)."""

    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="pages")
    order = models.PositiveSmallIntegerField(_("order"))
    key = models.SlugField(_("key"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="questionpage_version_key")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class QuestionBlock(Translated):
    """A group of questions on a page, with an optional heading and help text."""

    page = models.ForeignKey(QuestionPage, on_delete=models.CASCADE, related_name="blocks")
    order = models.PositiveSmallIntegerField(_("order"))
    key = models.SlugField(_("key"), max_length=60)
    title = models.CharField(_("heading"), max_length=300, blank=True)
    help_text = models.TextField(_("help text"), blank=True)

    class Meta:
        verbose_name = _("question block")
        verbose_name_plural = _("question blocks")
        ordering = ["page__order", "order"]
        constraints = [models.UniqueConstraint(fields=["page", "key"], name="questionblock_page_key")]

    def __str__(self) -> str:
        return f"{self.page.title} › {self.title or self.key}"


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One answer")
    MULTIPLE = "multiple", _("Several answers")
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Decimal number")
    SCALE = "scale", _("Scale (e.g. 0–50)")
    TEXT = "text", _("Free text")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})


class Question(Translated):
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions",
                                editable=False)
    block = models.ForeignKey(QuestionBlock, on_delete=models.CASCADE, related_name="questions",
                              verbose_name=_("block"))
    order = models.PositiveSmallIntegerField(_("order"))
    key = models.SlugField(
        _("key"), max_length=60,
        help_text=_("Stable name of the question; the national questions' keys are read by the Hälsokurva."),
    )
    kind = models.CharField(_("kind of answer"), max_length=10, choices=QuestionKind.choices)
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    min_value = models.DecimalField(_("lowest value"), max_digits=8, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("highest value"), max_digits=8, decimal_places=2, null=True, blank=True)
    min_label = models.CharField(_("label of the lowest value"), max_length=100, blank=True)
    max_label = models.CharField(_("label of the highest value"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    regional = models.BooleanField(_("regional question"), default=False,
                                   help_text=_("Added by the region to the national questions."))

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["block__page__order", "block__order", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="question_version_key")]

    def __str__(self) -> str:
        return f"{self.key}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.version_id = self.block.page.version_id
        super().save(*args, **kwargs)

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS


class AnswerOption(Translated):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField(_("order"))
    key = models.SlugField(_("key"), max_length=60)
    text = models.CharField(_("answer"), max_length=300)
    points = models.SmallIntegerField(_("points"), null=True, blank=True,
                                      help_text=_("Points of this answer where the question is scored."))

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["question", "order"]
        constraints = [models.UniqueConstraint(fields=["question", "key"], name="answeroption_question_key")]

    def __str__(self) -> str:
        return self.text


class SkipRule(models.Model):
    """When `question` is answered with one of `answers`, the `skips` questions are not asked."""

    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="skip_rules",
                                editable=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="skip_rules",
                                 verbose_name=_("when the question"))
    answers = models.JSONField(_("is answered with"), default=list,
                               help_text=_('Answer option keys, e.g. ["never"].'))
    skips = models.ManyToManyField(Question, related_name="skipped_by", verbose_name=_("skip these questions"))

    class Meta:
        verbose_name = _("skip rule")
        verbose_name_plural = _("skip rules")

    def __str__(self) -> str:
        return f"{self.question.key} ∈ {', '.join(self.answers)}"

    def save(self, *args, **kwargs):
        self.version_id = self.question.version_id
        super().save(*args, **kwargs)
