"""Copying the default texts into a region (used by the service and by the data migration: no model imports)."""

from __future__ import annotations

import datetime as dt

from invitations.template_defaults import DEFAULT_TEXTS, STANDARD_TEXTS


def seed_region_defaults(region_id: int, *, template_model, version_model, standard_text_model,
                         now: dt.datetime) -> int:
    """Copy the default texts the region lacks, in a few set-based queries; returns how many."""
    have = set(
        template_model.objects.filter(region_id=region_id, unit__isnull=True).values_list("kind", "language")
    )
    texts = [
        (kind, language, subject, body)
        for language, by_kind in DEFAULT_TEXTS.items()
        for kind, (subject, body) in by_kind.items()
        if (kind, language) not in have
    ]
    if texts:
        templates = template_model.objects.bulk_create(
            [template_model(region_id=region_id, kind=k, language=lang, subject=s, body=b, version=1, updated_at=now)
             for k, lang, s, b in texts]
        )
        versions = version_model.objects.bulk_create(
            [version_model(template=t, kind=t.kind, language=t.language, number=1, subject=t.subject, body=t.body,
                           created_at=now) for t in templates]
        )
        for template, version in zip(templates, versions, strict=True):
            template.current_version = version
        template_model.objects.bulk_update(templates, ["current_version"])
    if not standard_text_model.objects.filter(region_id=region_id).exists():
        standard_text_model.objects.bulk_create(
            [standard_text_model(region_id=region_id, title=title, text=text, position=i)
             for i, (title, text) in enumerate(STANDARD_TEXTS)]
        )
    return len(texts)
