"""Write a questionnaire version as definition JSON (or as a FHIR Questionnaire) to stdout or a file.

    python manage.py questionnaire_export 2026.1-nationell > fragor.json
    python manage.py questionnaire_export 2026.1-nationell --fhir --output fragor.fhir.json
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from questionnaire.definition import definition_export
from questionnaire.fhir import questionnaire_resource
from questionnaire.models import QuestionnaireVersion
from questionnaire.structure import load_structure


class Command(BaseCommand):
    help = "Export a questionnaire version as JSON (the import format) or as a FHIR R4 Questionnaire."

    def add_arguments(self, parser):
        parser.add_argument("version", help="The version, e.g. 2026.1-nationell.")
        parser.add_argument("--fhir", action="store_true", help="Write a FHIR Questionnaire instead.")
        parser.add_argument("--output", type=Path, default=None, help="Write to this file instead of stdout.")

    def handle(self, *args, version: str, fhir: bool, output: Path | None, **options):
        found = QuestionnaireVersion.objects.filter(version=version).first()
        if found is None:
            known = ", ".join(QuestionnaireVersion.objects.values_list("version", flat=True))
            raise CommandError(f"unknown version {version!r}; known: {known}")
        data = questionnaire_resource(load_structure(found)) if fhir else definition_export(found)
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)
