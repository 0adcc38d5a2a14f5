"""Seed the lab code mapping from responses/data/lab_codes.csv (administrators add local codes in the admin)."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "lab_codes.csv"


def load(apps, schema_editor):
    LabCodeMapping = apps.get_model("responses", "LabCodeMapping")
    with DATA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            LabCodeMapping.objects.update_or_create(
                code=row["code"].strip().upper(),
                defaults={"analyte": row["analyte"], "unit": row["unit"], "note": row["note"]},
            )


def unload(apps, schema_editor):
    LabCodeMapping = apps.get_model("responses", "LabCodeMapping")
    with DATA.open(encoding="utf-8") as handle:
        codes = [row["code"].strip().upper() for row in csv.DictReader(handle, delimiter=";")]
    LabCodeMapping.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("responses", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
