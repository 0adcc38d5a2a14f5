"""Writes of questionnaire versions: import a definition, make a draft from a version, publish, retire.

A published version never changes; a region adds its questions by making a draft from the
version in force, editing it in admin and publishing it with a date from which new
questionnaires use it. Responses already started keep their version.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from questionnaire.definition import (
    DefinitionError,
    definition_export,
    definition_import,
    validate_definition,
)
from questionnaire.models import QuestionnaireVersion, VersionStatus


class VersionError(Exception):
    pass


def version_import(*, data: dict, region=None, user=None) -> QuestionnaireVersion:
    """A new draft from definition JSON (DefinitionError names the first problem; nothing is saved then)."""
    if QuestionnaireVersion.objects.filter(version=str(data.get("version", ""))).exists():
        raise DefinitionError("version", _("version %(version)s exists already") % {"version": data["version"]})
    with transaction.atomic():
        return definition_import(data, region=region, status=VersionStatus.DRAFT, created_by=user)


def version_draft_from(*, version: QuestionnaireVersion, region, new_version: str, valid_from: dt.date,
                       user=None) -> QuestionnaireVersion:
    """A draft copy of `version` for `region` (same questions, new version name and date)."""
    data = definition_export(version)
    data["version"], data["valid_from"] = new_version, valid_from.isoformat()
    with transaction.atomic():
        if QuestionnaireVersion.objects.filter(version=new_version).exists():
            raise VersionError(_("Version %(version)s exists already.") % {"version": new_version})
        draft = definition_import(data, region=region, status=VersionStatus.DRAFT, created_by=user, based_on=version)
    return draft


def version_publish(*, version: QuestionnaireVersion, user=None, now: dt.datetime | None = None) -> QuestionnaireVersion:
    """Publish a draft after checking it as a whole (the same checks as an import)."""
    now = now or timezone.now()
    if version.status != VersionStatus.DRAFT:
        raise VersionError(_("Only a draft can be published."))
    try:
        validate_definition(definition_export(version))
    except DefinitionError as exc:
        raise VersionError(_("The draft cannot be published: %(problem)s") % {"problem": exc}) from None
    updated = QuestionnaireVersion.objects.filter(pk=version.pk, status=VersionStatus.DRAFT).update(
        status=VersionStatus.PUBLISHED, published_at=now, published_by=user
    )
    if not updated:
        raise VersionError(_("Someone else just changed this version."))
    version.refresh_from_db()
    return version


def version_retire(*, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """Stop using a published version for new questionnaires (started ones keep it)."""
    if version.status != VersionStatus.PUBLISHED:
        raise VersionError(_("Only a published version can be retired."))
    QuestionnaireVersion.objects.filter(pk=version.pk).update(status=VersionStatus.RETIRED)
    version.refresh_from_db()
    return version
