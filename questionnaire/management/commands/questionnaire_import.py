"""Import definition JSON as a new draft version (publish it in admin after checking it).

    python manage.py questionnaire_import fragor-ost.json --region ostergotland [--json]
"""

from __future__ import annotations

import json
from pathlib import Path

from population.models import Region
from questionnaire.definition import DefinitionError
from questionnaire.services.versions import version_import
from rhs_portal.commands import PortalCommand, Refused


class Command(PortalCommand):
    help = "Import a questionnaire definition (JSON, schema rhs-questionnaire/1) as a new draft version."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("file", type=Path)
        parser.add_argument("--region", default=None, help="Region code; without it the version is national.")

    def run(self, *, file: Path, region: str | None, **options) -> dict:
        region_obj = None
        if region:
            region_obj = Region.objects.filter(code=region).first()
            if region_obj is None:
                raise Refused(f"--region: unknown region {region!r}")
        try:
            data = json.loads(file.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise Refused(f"{file}: cannot read JSON: {exc}") from None
        try:
            version = version_import(data=data, region=region_obj)
        except DefinitionError as exc:
            raise Refused(f"{file}: {exc}") from None
        return {"version": version.version, "status": version.status, "questions": version.questions.count(),
                "region": region or ""}
