"""Load the national "Frågor inför hälsosamtalet" (questionnaire/default_definition.json) as a published version."""

import json

from django.db import migrations

from questionnaire.definition import DEFAULT_DEFINITION_FILE, definition_import, model_set


def seed(apps, schema_editor):
    data = json.loads(DEFAULT_DEFINITION_FILE.read_text(encoding="utf-8"))
    Version = apps.get_model("questionnaire", "QuestionnaireVersion")
    if Version.objects.filter(version=data["version"]).exists():
        return
    version = definition_import(data, status="published", models=model_set(apps))
    Version.objects.filter(pk=version.pk).update(published_at=version.created_at)


def unseed(apps, schema_editor):
    data = json.loads(DEFAULT_DEFINITION_FILE.read_text(encoding="utf-8"))
    Version = apps.get_model("questionnaire", "QuestionnaireVersion")
    Version.objects.filter(version=data["version"], responses__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("questionnaire", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
