"""Seed the shipped national threshold table (halsokurva/default_thresholds.json)."""

import datetime as dt
import json
from pathlib import Path

from django.db import migrations

DEFAULT = Path(__file__).resolve().parent.parent / "default_thresholds.json"


def seed(apps, schema_editor):
    ThresholdTable = apps.get_model("halsokurva", "ThresholdTable")
    table = json.loads(DEFAULT.read_text(encoding="utf-8"))
    ThresholdTable.objects.get_or_create(
        version=table["version"],
        defaults={
            "region": None,
            "valid_from": dt.date.fromisoformat(table["valid_from"]),
            "table": table,
            "note": "Shipped default (DOMAIN.md §2–3); rows marked needs_clinical_review await a clinical decision.",
        },
    )


def unseed(apps, schema_editor):
    ThresholdTable = apps.get_model("halsokurva", "ThresholdTable")
    table = json.loads(DEFAULT.read_text(encoding="utf-8"))
    ThresholdTable.objects.filter(version=table["version"], results__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("halsokurva", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
