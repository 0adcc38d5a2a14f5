"""Message templates: render the right variant for a unit and a language; save new versions; seed regions.

Which text is used for (kind, unit, language): the unit's override in that
language, else the region's text in that language, else the same two in
Swedish. The rendered message names the version it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import MessageTemplate, MessageTemplateVersion, StandardText
from invitations.services.template_text import check_template_text, render_template_text
from invitations.template_defaults.seeding import seed_region_defaults
from population.models import CareUnit, Region

DEFAULT_LANGUAGE = "sv"


class TemplateMissing(LookupError):
    pass


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str
    language: str  # the variant actually used ("sv" when the preferred one is missing)
    template_version_id: int


def normalise_language(language: str | None) -> str:
    return (language or DEFAULT_LANGUAGE).strip().lower().replace("_", "-").split("-")[0] or DEFAULT_LANGUAGE


def _candidates(*, kind: str, unit: CareUnit, languages: set[str]):
    return MessageTemplate.objects.filter(region_id=unit.region_id, kind=kind, language__in=languages).filter(
        Q(unit=unit) | Q(unit__isnull=True)
    )


def _pick(templates, *, unit: CareUnit, language: str) -> MessageTemplate | None:
    ranked = {(t.unit_id is not None, t.language): t for t in templates}
    for key in ((True, language), (False, language), (True, DEFAULT_LANGUAGE), (False, DEFAULT_LANGUAGE)):
        if key in ranked:
            return ranked[key]
    return None


def template_for(*, kind: str, unit: CareUnit, language: str) -> MessageTemplate:
    language = normalise_language(language)
    templates = _candidates(kind=kind, unit=unit, languages={language, DEFAULT_LANGUAGE}).select_related(
        "current_version"
    )
    template = _pick(templates, unit=unit, language=language)
    if template is None or template.current_version is None:
        raise TemplateMissing(
            _("The region has no text for the template %(kind)s. Add it in the administration.") % {"kind": kind}
        )
    return template


def _rendered(version: MessageTemplateVersion, context: dict) -> RenderedMessage:
    return RenderedMessage(
        subject=render_template_text(version.subject, context),
        body=render_template_text(version.body, context),
        language=version.language,
        template_version_id=version.pk,
    )


def template_render(*, kind: str, unit: CareUnit, language: str, context: dict) -> RenderedMessage:
    """Render the template variant for `unit` and `language` with `context` (missing placeholders are empty)."""
    return _rendered(template_for(kind=kind, unit=unit, language=language).current_version, context)


class TemplateCache:
    """The unit's template versions, looked up once per kind and language (a batch renders many messages)."""

    def __init__(self, unit: CareUnit) -> None:
        self.unit = unit
        self._versions: dict[tuple[str, str], MessageTemplateVersion] = {}

    def version(self, kind: str, language: str) -> MessageTemplateVersion:
        key = (kind, normalise_language(language))
        if key not in self._versions:
            self._versions[key] = template_for(kind=kind, unit=self.unit, language=key[1]).current_version
        return self._versions[key]

    def render(self, *, kind: str, language: str, context: dict) -> RenderedMessage:
        return _rendered(self.version(kind, language), context)


def template_languages(*, kind: str, unit: CareUnit) -> set[str]:
    """The languages that have a variant of `kind` for the unit (its own or the region's)."""
    return set(
        MessageTemplate.objects.filter(region_id=unit.region_id, kind=kind, current_version__isnull=False)
        .filter(Q(unit=unit) | Q(unit__isnull=True))
        .values_list("language", flat=True)
    )


def variant_language(*, preferred: str, available: set[str]) -> str:
    """The variant a person gets: their language where one exists, else Swedish."""
    preferred = normalise_language(preferred)
    return preferred if preferred in available else DEFAULT_LANGUAGE


def template_save(*, template: MessageTemplate, user=None, now: dt.datetime | None = None) -> MessageTemplate:
    """Save the template; a changed text becomes a new version (old versions stay as they were)."""
    now = now or timezone.now()
    check_template_text(template.subject)
    check_template_text(template.body)
    with transaction.atomic():
        current = template.current_version
        changed = current is None or (current.subject, current.body) != (template.subject, template.body)
        if template.unit_id and not template.region_id:
            template.region_id = template.unit.region_id
        template.updated_at, template.updated_by = now, user
        template.save()
        if changed:
            number = (template.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
            version = MessageTemplateVersion.objects.create(
                template=template, kind=template.kind, language=template.language, number=number,
                subject=template.subject, body=template.body, created_at=now,
                created_by=user,
            )
            template.version, template.current_version = number, version
            template.save(update_fields=["version", "current_version"])
    return template


def templates_seed_region(*, region: Region, now: dt.datetime | None = None) -> int:
    return seed_region_defaults(
        region.pk, template_model=MessageTemplate, version_model=MessageTemplateVersion,
        standard_text_model=StandardText, now=now or timezone.now(),
    )


def standard_texts_for(*, unit: CareUnit):
    return StandardText.objects.filter(region_id=unit.region_id).filter(Q(unit=unit) | Q(unit__isnull=True))
